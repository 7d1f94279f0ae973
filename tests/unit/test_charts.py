"""The coverage heatmap specification: full names, whole-number legend, units in the tooltip (pure)."""

from views.charts import coverage_cells, coverage_heatmap

ROWS = [
    {
        "home_name": "Department of Foreign Affairs and Trade",
        "target_name": "Fiji",
        "direct_links": ["PARTNERS_WITH"],
        "last_engagement": "2025-05-20",
        "shared_agreements": [],
        "score": 2,
        "via": ["Fiji Police Force"],
        "home_via": [],
    },
    {
        "home_name": "Department of Home Affairs",
        "target_name": "<b>Tonga</b>",
        "direct_links": [],
        "last_engagement": None,
        "shared_agreements": [],
        "score": 0,
        "via": [],
        "home_via": [],
    },
]


def test_cells_say_links_in_words_and_through_whom():
    cells = coverage_cells(ROWS)
    first = cells.iloc[0]
    assert (first["links"], first["through"], first["last engagement"]) == (
        "partners with",
        "Fiji Police Force",
        "2025-05-20",
    )
    assert cells.iloc[1]["last engagement"] == "" and cells.iloc[1]["target"] == "<b>Tonga</b>"  # data, drawn as text


def test_heatmap_keeps_full_names_and_counts_in_whole_numbers():
    spec = coverage_heatmap(ROWS).to_dict()
    encoding = spec["encoding"]
    assert encoding["y"]["axis"]["labelLimit"] == 0 and encoding["x"]["axis"]["labelLimit"] == 0
    assert encoding["y"]["sort"] == ["Department of Foreign Affairs\nand Trade", "Department of Home Affairs"]
    assert encoding["y"]["axis"]["labelExpr"] == "split(datum.label, '\\n')"  # wrapped onto lines, never cut
    legend = encoding["color"]["legend"]
    assert legend["format"] == "d" and legend["values"] == [1, 2]
    assert "through" in [t["field"] for t in encoding["tooltip"]]
