"""The coverage heatmap specification: full names, whole-number legend, units in the tooltip (pure)."""

from views.charts import coverage_cells, coverage_heatmap, mapped

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


def test_grid_quadrant_labels_sit_apart_when_every_target_has_the_same_value():
    from views.charts import priority_grid

    rows = [
        {"target": i, "target_name": i.upper(), "x": 0.0, "y": y, "x_split": 0.0, "y_split": 1.0}
        | {"y_axis": "home_links", "quadrant": "Watch", "advice": "Keep an eye on it"}
        for i, y in (("a", 0.0), ("b", 2.0))
    ]
    spec = priority_grid(rows, "Betweenness", "Our links").to_dict()
    labels = [row for data in spec["datasets"].values() for row in data if "label" in row]
    at = {row["label"]: (row["x"], row["y"]) for row in labels}
    assert at == {"Build": (1.0, 0.0), "Maintain": (1.0, 2.0), "Review": (0.0, 2.0), "Watch": (0.0, 0.0)}


def test_targets_at_one_place_share_one_point_that_names_them():
    from views.charts import grid_points, grid_spots

    rows = [
        {"target": i, "target_name": name, "x": x, "y": 0, "quadrant": "Build", "advice": "Build"}
        for i, name, x in (("t", "Tonga", 2), ("n", "Nauru", 2), ("k", "Kiribati", 2), ("f", "Fiji", 3))
    ]
    spots = grid_spots(grid_points(rows)).to_dict("records")
    assert [(s["id"], s["x"], s["name"], s["names"], s["targets"]) for s in spots] == [
        ("f", 3.0, "Fiji", "Fiji", 1),
        ("k", 2.0, "Kiribati, Nauru +1", "Kiribati, Nauru, Tonga", 3),
    ]


def _cell(home: str, target: str, score: int) -> dict:
    return {"home": home, "home_name": home.upper(), "target_name": target, "score": score}


def test_the_map_draws_every_pair_when_they_are_few():
    rows = [_cell(h, t, 1) for h in "ab" for t in "xyz"]
    assert mapped(rows) == (rows, 2, 2)


def test_a_large_map_draws_the_home_entities_with_the_most_coverage_against_every_target(monkeypatch):
    import views.charts

    monkeypatch.setattr(views.charts, "MAP_CELLS", 6)  # two home entities of three targets fit
    scores = {
        "a": [0, 0, 0],
        "b": [2, 0, 0],
        "c": [1, 1, 0],
        "d": [1, 0, 1],
    }  # b, c, d tie on score; c, d reach two targets
    rows = [_cell(h, t, s) for h, row in scores.items() for t, s in zip("xyz", row, strict=True)]
    shown, drawn, homes = mapped(rows)
    assert (drawn, homes) == (2, 4)
    assert [r["home"] for r in shown] == ["c"] * 3 + ["d"] * 3  # most targets reached first; then by name
    assert {r["target_name"] for r in shown} == {"x", "y", "z"}
