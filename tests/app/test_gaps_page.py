"""The Gaps page under AppTest on the sample data: sets, counts, tables, downloads and URL state."""

import io

import pandas as pd
from streamlit.testing.v1 import AppTest

from queries import read
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
    table = pd.read_csv(io.BytesIO(downloads["stale.csv"]))
    assert len(table) == len(rows) == metric(at, "Stale or never engaged") > 0
    assert sorted(table["target_name"]) == sorted(r["target_name"] for r in rows)
    sheet = openpyxl.load_workbook(io.BytesIO(downloads["stale.xlsx"])).active
    assert sheet.max_row == len(rows) + 1 and sheet.cell(1, 1).value == next(iter(rows[0]))


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
    for title in ("Agreement follow-up", "Overlap of the two sets", "Members of"):
        assert title in subheaders
