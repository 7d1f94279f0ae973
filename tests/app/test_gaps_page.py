"""The Gaps page under AppTest on the sample data: sets, counts, tables, downloads and URL state."""

import datetime as dt
import io

from streamlit.testing.v1 import AppTest

from queries import read
from render.tables import Stamp, block_rows
from tests.app.pages import read_table
from tests.conftest import ROOT

HOME = "kind:Agency country:AUS"


def gaps_page(**query):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page("views/gaps.py")
    return at.run()


def metric(at, label_start):
    return next(int(m.value) for m in at.metric if m.label.startswith(label_start))


def test_counts_and_lists_for_priority_targets(sample_db):
    at = gaps_page(home=HOME, targets="priority:high")
    assert not at.exception
    assert metric(at, "Targets") > 10
    assert metric(at, "Stale or never engaged") > 0
    subheaders = [s.value for s in at.subheader]
    assert any(s.startswith("Unreached targets") for s in subheaders)
    assert any(s.startswith("Stale or never engaged") for s in subheaders)


def test_narrower_reach_leaves_more_targets_unreached(sample_db):
    wide = metric(gaps_page(home=HOME, targets='member_of:"Pacific Islands Forum"', hops="3"), "Unreached")
    narrow = metric(gaps_page(home=HOME, targets='member_of:"Pacific Islands Forum"', hops="1"), "Unreached")
    assert narrow > wide


def test_bad_filter_is_a_plain_error(sample_db):
    at = gaps_page(home="kind:Spaceship", targets="priority:high")
    assert not at.exception
    assert "unknown kind 'Spaceship'" in at.error[0].value


def test_state_is_in_the_url(sample_db):
    at = gaps_page(home=HOME, targets="priority:high")
    at.text_input(key="targets-filter").input("priority:medium").run()
    assert at.query_params["targets"] == ["priority:medium"] or at.query_params["targets"] == "priority:medium"
    assert not at.exception


def test_saved_sets_are_stored_and_offered(db, tmp_path):
    from loaders.pipeline import load_paths
    from tests.conftest import SAMPLE

    load_paths(db, [str(SAMPLE)])
    at = gaps_page(home=HOME, targets='member_of:"Pacific Islands Forum"')
    at.text_input(key="save-name").input("pacific").run()
    at.button(key="save-set").click().run()
    assert not at.exception
    at = gaps_page(home=HOME, targets="set:pacific")
    assert at.selectbox(key="targets-saved").value == "pacific"
    assert metric(at, "Targets") == 18
    at.selectbox(key="delete-name").set_value("pacific").run()
    at.button(key="delete-set").click().run()
    assert not at.exception
    assert [row["name"] for row in read(db, "saved_sets")] == []


def test_downloads_read_back(sample_db, downloads):
    import openpyxl

    from analyses.catalog import run

    at = gaps_page(home=HOME, targets="priority:high")
    rows = run(sample_db, "stale", home=HOME, targets="priority:high")
    table = read_table(downloads["stale-priority-high-2026-12-01.csv"])  # the analysis, the targets, the date
    assert len(table) == len(rows) == metric(at, "Stale or never engaged") > 0
    assert sorted(table["target_name"]) == sorted(r["target_name"] for r in rows)
    sheet = openpyxl.load_workbook(io.BytesIO(downloads["stale-priority-high-2026-12-01.xlsx"])).active
    assert (
        sheet.cell(1, 1).value.startswith("# Marking: ")
        and sheet.cell(2, 1).value == f"# Stale or never engaged (home set: {HOME}; targets: priority:high)"
    )
    top = block_rows(Stamp("", dt.date.today(), "", sample=True))  # the header block and a blank row
    assert sheet.max_row == top + len(rows) + 1 and sheet.cell(top + 1, 1).value == next(iter(rows[0]))


def test_every_analysis_has_a_tab(sample_db):
    at = gaps_page(home=HOME, targets='member_of:"Pacific Islands Forum"')
    assert [t.label for t in at.tabs] == [
        "Reach and threads",
        "Stale",
        "Agreement follow-up",
        "Overlap",
        "De-confliction",
        "Forum members",
    ]
    subheaders = " ".join(s.value for s in at.subheader)
    for title in ("Parties to follow up", "Overlap of the two sets", "Members of"):
        assert title in subheaders


PACIFIC = "kind:Country region:Pacific priority:high OR priority:medium"


def table(at, title_start):
    """The dataframe under the subheader starting `title_start`, and the count the subheader gives."""
    titles = [s.value for s in at.subheader]
    title = next(t for t in titles if t.startswith(title_start))
    frames = [d.value for d in at.dataframe]
    shown = [t for t in titles if not t.startswith(("Coverage", "Open an entity")) and not t.endswith("(0)")]
    return frames[shown.index(title)], int(title.rsplit("(", 1)[1].rstrip(")"))


def test_pacific_preset_answers_through_whom_and_agrees_with_the_command_line(sample_db):
    from analyses.catalog import run
    from graph.standing import counts

    at = gaps_page(q="pacific", home=HOME)
    assert not at.exception
    assert at.text_input(key="targets-filter").value == PACIFIC
    cli = counts(run(sample_db, "standing", home=HOME, targets=PACIFIC))
    assert metric(at, "Targets looked at") == cli["looked_at"] == 9
    assert metric(at, "Unreached within 3 links") == cli["unreached"] == 0
    assert metric(at, "Single-threaded") == cli["single_threaded"] == 2
    assert metric(at, "Stale or never engaged") == cli["stale"] + cli["never_engaged"] == 9
    said = next(m.value for m in at.markdown if m.value.startswith("Of 9 targets"))
    assert "2 hang by one thread" in said and "1 stale and 8 never engaged" in said
    answer, count = table(at, "Pacific coverage")
    assert count == len(answer) == 9
    fiji = answer[answer["Target"] == "Fiji"].iloc[0]
    assert fiji["Engaged via"] == "Fiji Police Force | Online Safety Commission (Fiji)"
    assert fiji["Reached via"] == "Fiji Police Force"
    assert "target" not in answer.columns and "Target kind" in answer.columns  # names, not ids
    single, count = table(at, "Single-threaded targets")
    assert count == len(single) == metric(at, "Single-threaded")
    assert sorted(single["Target"]) == ["Fiji", "Papua New Guinea"]
    stale, count = table(at, "Stale or never engaged")
    assert count == len(stale) == metric(at, "Stale or never engaged")


def test_rollup_off_gives_the_plain_answers(sample_db):
    at = gaps_page(q="pacific", home=HOME, rollup="off")
    assert not at.exception and at.toggle(key="rollup").value is False
    answer, _ = table(at, "Pacific coverage")
    fiji = answer[answer["Target"] == "Fiji"].iloc[0]
    assert fiji["Engagement"] == "never engaged" and fiji["Engaged via"] == ""
    assert any("Roll-up is off" in m.value for m in at.markdown)


def test_choosing_a_preset_fills_the_editable_filter(sample_db):
    at = gaps_page(home=HOME, targets="priority:high")
    at.selectbox(key="question").set_value("not-engaged-90").run()
    assert not at.exception
    assert at.text_input(key="targets-filter").value == "kind:Country priority:high OR priority:medium"
    assert at.number_input(key="medium-days").value == 90
    answer, count = table(at, "Priority countries we have not engaged in 90 days")
    assert count == len(answer) == metric(at, "Stale or never engaged")
    at.text_input(key="targets-filter").input("kind:Country region:Pacific").run()
    assert at.query_params["targets"] in ("kind:Country region:Pacific", ["kind:Country region:Pacific"])


def test_free_text_gets_what_was_understood_and_an_example(sample_db):
    at = gaps_page(home=HOME, targets="Pacific countries")
    assert not at.exception
    (warning,) = at.warning
    assert "was read as: name contains 'Pacific' and name contains 'countries'" in warning.value
    assert "Did you mean `region:Pacific kind:Country`?" in warning.value
    assert "widen the filter" not in warning.value


def test_weighting_by_risk_lists_the_heaviest_risks_first_as_the_command_line_weighs_them(sample_db):
    from analyses.catalog import run
    from graph.risk import by_risk

    at = gaps_page(q="pacific", home=HOME, risk="on")
    assert not at.exception and at.toggle(key="gaps-risk").value is True
    weights = [w for w in run(sample_db, "risks", home=HOME, targets=PACIFIC) if w["target"] != "AUS"]
    high = [w["target_name"] for w in weights if w["high"]]
    said = next(m.value for m in at.markdown if "targets carry recorded risks" in m.value)
    assert said.startswith(f"{len(weights)} of the {metric(at, 'Targets looked at')} targets carry recorded risks")
    assert all(name in said for name in high)
    stale, count = table(at, "Stale or never engaged")
    standing = run(sample_db, "stale", home=HOME, targets=PACIFIC)
    expected = by_risk([r for r in standing if r["status"] != "current"], weights)
    assert list(stale["Target"]) == [r["target_name"] for r in expected]
    assert list(stale["Risk"])[: len(weights)] == [r["risk"] for r in expected][: len(weights)]
    heaviest = stale.iloc[0]
    assert heaviest["Risk weight"] == max(w["weight"] for w in weights) and heaviest["Risk"] == "high"
    risks, count = table(at, "Risks recorded about the targets")
    assert count == len(weights) and list(risks["Target"]) == [w["target_name"] for w in weights]
    assert at.query_params["risk"] in ("on", ["on"])


def test_without_risk_weighting_the_tables_keep_the_biggest_gaps_order_and_no_risk_columns(sample_db):
    at = gaps_page(q="pacific", home=HOME)
    stale, _ = table(at, "Stale or never engaged")
    assert "Risk" not in stale.columns
    assert not any("carry recorded risks" in m.value for m in at.markdown)


def test_a_large_table_offers_files_made_when_pressed_with_the_same_rows(
    sample_db, downloads, press_downloads, monkeypatch
):
    import views.widgets

    def coverage_files() -> dict[str, bytes]:
        return {name: data for name, data in downloads.items() if name.startswith("coverage-")}

    eager = gaps_page(home=HOME, targets="kind:Country")
    made_at_once = coverage_files()
    assert not eager.exception and {n.rsplit(".", 1)[1] for n in made_at_once} == {"csv", "xlsx"}
    downloads.clear()
    monkeypatch.setattr(views.widgets, "EAGER_ROWS", 3)  # the sample's tables count as large
    lazy = gaps_page(home=HOME, targets="kind:Country")
    assert not lazy.exception and not coverage_files()  # nothing made by the run itself
    pressed = press_downloads()
    assert set(made_at_once) <= set(pressed)
    assert any(n.startswith("standing-") for n in pressed)  # the answer's table (`views.widgets.table`) too
    made_when_pressed = coverage_files()
    assert set(made_when_pressed) == set(made_at_once)
    for name in made_at_once:
        if name.endswith(".csv"):
            assert read_table(made_when_pressed[name]).equals(read_table(made_at_once[name])), name
        else:
            assert made_when_pressed[name][:2] == b"PK"  # an XLSX (a zip)


def _map_axes(at) -> tuple[list[str], list[str]]:
    """The home entities (rows, their names as wrapped on the axis) and targets (columns) the coverage map draws."""
    import json

    (chart,) = at.get("vega_lite_chart")
    encoding = json.loads(chart.proto.spec)["encoding"]
    return encoding["y"]["sort"], encoding["x"]["sort"]


def test_a_large_coverage_map_draws_the_best_covered_home_entities_and_says_so(sample_db, monkeypatch):
    import views.charts

    whole = gaps_page(home=HOME, targets="kind:Country")
    every_home, targets = _map_axes(whole)
    assert len(every_home) > 3 and not [c for c in whole.caption if c.value.startswith("The map draws")]
    monkeypatch.setattr(views.charts, "MAP_CELLS", 3 * len(targets))  # three home entities fit
    capped = gaps_page(home=HOME, targets="kind:Country")
    drawn, drawn_targets = _map_axes(capped)
    assert len(drawn) == 3 and set(drawn) < set(every_home) and drawn_targets == targets
    said = [c.value for c in capped.caption if c.value.startswith("The map draws")]
    assert said == [
        f"The map draws the 3 home entities with the most coverage, of {len(every_home)}, against every target "
        "(more would not be read); the files below hold every pair."
    ]
