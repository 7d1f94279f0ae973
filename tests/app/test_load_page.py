"""The Load page under AppTest, on the real test Neo4j: upload, preview, check, commit, rejects and failures."""

from __future__ import annotations

import csv
import io
import json

import neo4j
import pytest
from streamlit.testing.v1 import AppTest

from loaders.pipeline import load_paths
from loaders.report import fix_lines
from tests.conftest import DATA, ROOT, counts

EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
PAGE = ROOT / "views" / "load.py"


def page() -> AppTest:
    return AppTest.from_file(str(PAGE), default_timeout=60).run()


def upload(at: AppTest, *names: str, files: list[tuple[str, bytes]] = ()) -> AppTest:
    chosen = [(name.rsplit("/", 1)[-1], (DATA / name).read_bytes(), "text/csv") for name in names]
    chosen += [(name, content, "application/octet-stream") for name, content in files]
    at.file_uploader[0].set_value(chosen)
    return at.run()


def texts(at: AppTest) -> str:
    return " ".join(
        str(e.value)
        for kind in ("markdown", "caption", "info", "warning", "error", "success", "subheader", "title")
        for e in getattr(at, kind)
    ).replace("\\", "")  # markdown escapes off


def frame_with(at: AppTest, column: str):
    return next(df.value for df in at.dataframe if column in df.value.columns)


def test_upload_previews_checks_without_writing_then_loads(db):
    at = upload(page(), "kumu_warts/Elements.csv", "kumu_warts/Connections.csv")
    assert not at.exception
    shown = texts(at)
    assert "Elements.csv" in shown and "Connections.csv" in shown
    assert f"elements, {EXPECTED['kumu_warts']['element_rows']} rows" in shown
    preview = next(df.value for df in at.dataframe if "row" in df.value.columns and "label" in df.value.columns)
    assert preview["row"].tolist()[:2] == [2, 3] and len(preview) == 5  # spreadsheet rows, header = row 1
    assert "would be created or updated" in at.info[0].value
    checked = frame_with(at, "kind or type")
    assert checked.loc[checked["what"] == "entities", "created"].sum() == EXPECTED["kumu_warts"]["entity_count"]
    assert counts(db) == (0, 0), "the check must not write"
    warnings = frame_with(at, "message")
    assert set(warnings["level"]) == {"warning"}
    assert not at.button(key="load-commit").disabled

    at.button(key="load-commit").click().run()
    assert not at.exception
    assert "Loaded:" in at.success[0].value
    assert counts(db) == (EXPECTED["kumu_warts"]["entity_count"], EXPECTED["kumu_warts"]["link_count"])
    assert "Load report" in texts(at)
    final = frame_with(at, "kind or type")
    assert final["created"].sum() == sum(counts(db))


def test_the_report_ends_with_one_line_per_kind_of_fix_in_full(db):
    lines = fix_lines(load_paths(None, [str(DATA / "fixes")]))
    assert len(lines) == 9
    at = upload(page(), "fixes/Elements.csv", "fixes/Connections.csv")
    assert not at.exception
    fixed = next(str(m.value) for m in at.markdown if "Fixed on the way" in str(m.value)).replace("\\", "")
    assert [line.removeprefix("- ") for line in fixed.splitlines() if line.startswith("- ")] == lines
    warnings = frame_with(at, "message")
    assert ("Connections.csv", 5, "Until") in set(
        zip(warnings["file"], warnings["row"], warnings["column"], strict=True)
    )


def test_loading_the_same_files_again_changes_nothing_and_says_so(db):
    at = upload(page(), "kumu_warts/Elements.csv", "kumu_warts/Connections.csv")
    at.button(key="load-commit").click().run()
    before = counts(db)
    at = upload(page(), "kumu_warts/Elements.csv", "kumu_warts/Connections.csv")
    assert "nothing would change" in at.info[0].value
    at.button(key="load-commit").click().run()
    assert not at.exception
    assert "nothing changed" in at.success[0].value
    assert counts(db) == before


def test_errors_are_listed_by_row_and_block_the_load_until_valid_rows_only(db):
    at = upload(page(), "kumu_broken/Elements.csv", "kumu_broken/Connections.csv")
    assert not at.exception
    assert "error(s)" in at.error[0].value
    problems = frame_with(at, "message")
    assert list(problems.columns) == ["level", "file", "row", "column", "message"]
    for want in EXPECTED["kumu_broken"]["errors"]:
        hits = problems[
            (problems["level"] == "error")
            & (problems["file"] == want["file"])
            & (problems["row"] == want["row"])
            & (problems["column"] == want["column"])
        ]
        assert len(hits), f"{want} not in {problems.to_dict('records')}"
        assert (want["contains"] or "").lower() in hits.iloc[0]["message"].lower()
    assert at.button(key="load-commit").disabled
    assert counts(db) == (0, 0)

    at.checkbox(key="load-valid-only").check().run()
    assert not at.exception
    assert "would be rejected" in at.info[0].value
    assert not at.button(key="load-commit").disabled
    at.button(key="load-commit").click().run()
    assert not at.exception
    assert "rejected" in at.success[0].value
    entities, links = counts(db)
    assert entities > 0 and links > 0
    assert at.get("download_button")  # the rejects, and the problems
    rejects = at.session_state["load-done"]["rejects"].decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(rejects)))
    assert {(r["File"], int(r["Row"])) for r in rows} >= {
        (e["file"], e["row"]) for e in EXPECTED["kumu_broken"]["errors"] if e["file"] == "Connections.csv"
    }


def test_month_first_reads_ambiguous_dates_month_first(db):
    elements = b"Label,Type\nAlpha,NGO\nBeta,NGO\n"
    connections = b"From,To,Type,Since\nAlpha,Beta,partners with,03/04/2021\n"
    at = upload(page(), files=[("e.csv", elements), ("c.csv", connections)])
    assert "read day first" in " ".join(frame_with(at, "message")["message"])
    at.checkbox(key="load-month-first").check().run()
    assert not at.exception
    problems = frame_with(at, "message")
    assert problems.iloc[0][["file", "row", "column"]].tolist() == ["c.csv", 2, "Since"]
    assert "month first as 2021-03-04" in problems.iloc[0]["message"]
    at.button(key="load-commit").click().run()
    since = db.execute_query("MATCH ()-[r:PARTNERS_WITH]->() RETURN r.since AS since").records[0]["since"]
    assert since == "2021-03-04"


def test_an_unreadable_file_gets_a_plain_message(db):
    at = upload(page(), files=[("broken.xlsx", b"this is not a workbook")])
    assert not at.exception
    assert "Cannot read the files" in at.error[0].value and "broken.xlsx" in at.error[0].value
    assert "Traceback" not in texts(at)


def test_a_file_name_with_folders_is_saved_under_its_own_name(db):
    at = upload(page(), files=[("../../evil/Elements.csv", b"Label,Type\nAlpha,NGO\n")])
    assert not at.exception
    assert "Elements.csv" in texts(at) and "evil" not in texts(at)


@pytest.mark.parametrize(
    "error, message",
    [
        (neo4j.exceptions.TransientError("deadlock"), "The database refused the load"),
        (neo4j.exceptions.ResultConsumedError(None, "gone"), "Lost the database"),
        (KeyError("surprise"), "could not be processed"),
    ],
)
def test_a_failing_commit_gets_a_plain_message(db, monkeypatch, error, message):
    import loaders.pipeline

    real = loaders.pipeline.load_paths

    def failing(driver, paths, **options):
        if options.get("dry_run"):
            return real(driver, paths, **options)
        raise error

    monkeypatch.setattr(loaders.pipeline, "load_paths", failing)
    at = upload(page(), "kumu_warts/Elements.csv")
    at.button(key="load-commit").click().run()
    assert not at.exception
    assert message in at.error[0].value
    assert "Traceback" not in texts(at)
    assert counts(db) == (0, 0)


def test_the_page_says_plainly_when_neo4j_is_down(session_driver, monkeypatch):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{port}")
    at = page()
    assert not at.exception
    assert "Cannot reach the graph database" in texts(at)
    assert not at.file_uploader
