"""The Load page under AppTest, on the real test Neo4j: upload, preview, check, commit, rejects and failures."""

from __future__ import annotations

import csv
import io
import json

import neo4j
import pytest
from streamlit.testing.v1 import AppTest

from loaders.mapping import headers_id
from loaders.model import headers_key
from loaders.pipeline import load_paths
from loaders.report import fix_lines
from queries import read
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
    (load,) = read(db, "recent_loads", limit=1)
    assert f"Load {load['id']}: to take it back, use its Undo button under Recent loads below" in texts(at)
    assert at.button(key=f"undo-load-{load['id']}")  # right here, below the report
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
    # Once more: the files of the newest change, which changed nothing, are answered from its record.
    at = upload(page(), "kumu_warts/Elements.csv", "kumu_warts/Connections.csv")
    assert "nothing would change" in at.info[0].value
    assert any("nothing was checked or written again" in c.value for c in at.caption)
    at.button(key="load-commit").click().run()
    assert not at.exception and "nothing changed" in at.success[0].value
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
    rejects = dict(at.session_state["load-done"]["rejects"])
    assert set(rejects) == {"rejects-Elements.csv", "rejects-Connections.csv"}
    text = rejects["rejects-Connections.csv"].decode("utf-8-sig")
    headers = (DATA / "kumu_broken" / "Connections.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert text.splitlines()[0] == ",".join(h.strip() for h in headers.split(",")) + ",Problem"
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["Problem"].split(":")[0] for r in rows} >= {
        f"{e['file']} row {e['row']}" for e in EXPECTED["kumu_broken"]["errors"] if e["file"] == "Connections.csv"
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


# -- real spreadsheets: column mapping, team wording, templates, problems by cause ----------------------------------

ORGS = b"Organisation,Category,Country\nSamoa Police,Agency,Samoa\nQueensland Police Service,Agency,AUS\n"
PARTNERS = b"Org A,Org B,Relationship,Start,End\nSamoa Police,Queensland Police Service,partners with,2019,\n"
PARTNER_HEADERS = ["Org A", "Org B", "Relationship", "Start", "End"]


def selectbox(at: AppTest, label: str, nth: int = 0):
    boxes = [s for s in at.selectbox if s.label.replace("\\", "") == label or label in s.label.replace("\\", "")]
    assert len(boxes) > nth, f"no selectbox {label!r} in {[s.label for s in at.selectbox]}"
    return boxes[nth]


def checked(at: AppTest):
    return at.session_state["load-checked"]["report"]


def map_partners(at: AppTest) -> AppTest:
    """Say on the page that partners.csv holds connections from Org A to Org B."""
    at.selectbox(key=f"map-role-{headers_id(PARTNER_HEADERS)}").set_value("connections").run()
    assert not at.exception
    assert [selectbox(at, h).value for h in ("Relationship", "Start", "End")] == ["type", "since", "until"]
    assert selectbox(at, "Org A").value == "free"  # prefilled with what the loader recognises
    selectbox(at, "Org A").set_value("from")
    return selectbox(at, "Org B").set_value("to").run()


def test_unknown_headers_are_mapped_on_the_page_then_loaded(db):
    at = upload(page(), files=[("orgs.csv", ORGS), ("partners.csv", PARTNERS)])
    assert not at.exception
    assert next(e for e in at.expander if "Columns" in e.label).proto.expanded  # open: a table needs mapping
    assert "not recognised as elements, connections or findings" in texts(at)
    assert selectbox(at, "Organisation").value == "name" and selectbox(at, "Category").value == "type"
    assert any("skipped" in p.message for p in checked(at).problems)

    at = map_partners(at)
    assert not at.exception
    assert checked(at).errors == [] and "would be created or updated" in at.info[0].value
    at.button(key="load-commit").click().run()
    assert not at.exception and "Loaded:" in at.success[0].value
    assert counts(db) == (2, 1)
    link = db.execute_query("MATCH (a)-[r:PARTNERS_WITH]->(b) RETURN a.name AS a, b.name AS b, r.since AS since")
    assert [dict(r) for r in link.records] == [{"a": "Samoa Police", "b": "Queensland Police Service", "since": "2019"}]
    saved = db.execute_query("MATCH (m:ColumnMapping) RETURN m.headers_key AS key, m.mapping AS mapping").records
    assert len(saved) == 1 and saved[0]["key"] == headers_key(PARTNER_HEADERS)
    assert json.loads(saved[0]["mapping"])["columns"]["Org A"] == "from"


def test_the_saved_mapping_is_used_the_next_time_the_same_headers_come(db):
    at = map_partners(upload(page(), files=[("orgs.csv", ORGS), ("partners.csv", PARTNERS)]))
    at.button(key="load-commit").click().run()
    assert counts(db) == (2, 1)

    again = b"org a,Org B,Relationship,Start,End\nQueensland Police Service,Samoa,operates in,2020,\n"
    at = upload(page(), files=[("more partners.csv", again)])  # another session, headers in another case
    assert not at.exception
    shown = texts(at)
    assert "Using the mapping saved on" in shown and "not recognised" not in shown
    assert not next(e for e in at.expander if "Columns" in e.label).proto.expanded
    assert at.selectbox(key=f"map-role-{headers_id(PARTNER_HEADERS)}").value == "connections"
    assert checked(at).errors == []
    at.button(key="load-commit").click().run()
    assert not at.exception and "Loaded:" in at.success[0].value
    assert counts(db) == (3, 2)  # Samoa the country came with the new link


def test_a_wording_mapped_on_the_page_is_used_by_the_next_load(db):
    elements = b"Label,Type\nSamoa Police,Govt agency\nQueensland Police Service,Agency\n"
    connections = b"From,To,Type\nSamoa Police,Queensland Police Service,sponsored by\n"
    at = upload(page(), files=[("elements.csv", elements), ("connections.csv", connections)])
    assert "unknown kind 'Govt agency'" in " ".join(p.message for p in checked(at).errors)
    assert at.button(key="load-commit").disabled
    kind = selectbox(at, "Kind “Govt agency” (1 row)")
    assert kind.value == ""  # left as it is until someone chooses
    kind.set_value("Agency")
    selectbox(at, "Relationship “sponsored by”").set_value("~FUNDS").run()  # backwards: the To funds the From
    assert not at.exception
    assert checked(at).errors == []
    at.button(key="load-commit").click().run()
    assert not at.exception and "Loaded:" in at.success[0].value
    kinds = db.execute_query("MATCH (n:Agency) RETURN n.name AS name ORDER BY name").records
    assert [r["name"] for r in kinds] == ["Queensland Police Service", "Samoa Police"]
    funds = db.execute_query("MATCH (a)-[:FUNDS]->(b) RETURN a.name AS a, b.name AS b").records
    assert [(r["a"], r["b"]) for r in funds] == [("Queensland Police Service", "Samoa Police")]
    words = db.execute_query("MATCH (w:Wording) RETURN w.what AS what, w.text AS text, w.maps_to AS to ORDER BY what")
    assert [tuple(r.values()) for r in words.records] == [
        ("kind", "Govt agency", "Agency"),
        ("relationship", "sponsored by", "FUNDS"),
    ]

    later = b"Label,Type\nMinistry of Police,govt agency\n"
    at = upload(page(), files=[("later.csv", later)])
    assert not at.exception
    assert not [s for s in at.selectbox if "Govt agency" in s.label or "govt agency" in s.label]
    assert checked(at).errors == []
    at.button(key="load-commit").click().run()
    assert db.execute_query("MATCH (n:Agency {name: 'Ministry of Police'}) RETURN count(n) AS n").records[0]["n"] == 1


def test_the_templates_download_and_load_back_cleanly(db, downloads, tmp_path):
    at = page()
    assert not at.exception
    names = {
        f"{role}-template.{suffix}" for role in ("elements", "connections", "findings") for suffix in ("csv", "xlsx")
    }
    assert names <= set(downloads)
    elements = downloads["elements-template.csv"].decode("utf-8").splitlines()
    assert elements[0].split(",")[:3] == ["ID", "Label", "Type"] and len(elements) == 2
    for suffix in ("csv", "xlsx"):
        at = upload(
            page(),
            files=[
                (f"{role}-template.{suffix}", downloads[f"{role}-template.{suffix}"])
                for role in ("elements", "connections", "findings")
            ],
        )
        assert not at.exception
        assert checked(at).problems == [], [str(p) for p in checked(at).problems]
        at.button(key="load-commit").click().run()
        assert not at.exception and "Loaded:" in at.success[0].value
        assert counts(db) == (2, 1)  # the example agency and Fiji, linked; the second format changes nothing
        (found,) = db.execute_query("MATCH (f:Finding) RETURN f.about AS about, f.kind AS kind").records
        assert (found["about"], found["kind"]) == ("FJI", "risk")  # the example finding, about the example country


def test_a_findings_sheet_is_checked_row_by_row_and_its_counts_are_in_the_report(db):
    sheet = "Entity,Kind,Theme,Finding\nFiji,risk,Awareness,Limited awareness.\nFiji,weakness,Reporting,x\n"
    at = upload(page(), files=[("Pacific findings.csv", sheet.encode("utf-8"))])
    assert not at.exception
    problems = frame_with(at, "message")
    error = problems[problems["level"] == "error"].iloc[0]
    assert (error["file"], error["row"], error["column"]) == ("Pacific findings.csv", 3, "Kind")
    assert error["message"] == "kind 'weakness' is not a finding's kind: use risk or opportunity"
    assert at.button(key="load-commit").disabled


def test_problems_are_grouped_by_cause_with_the_cause_first(db):
    elements = (
        b"Label,Type\nQueensland Police Service,Agency\nSamoa Police,Govt agency\nTonga Police,Govt agency\n"
        b"Fiji Police Force,Agency\n"
    )
    connections = (
        b"From,To,Type\nQueensland Police Service,Samoa Police,partners with\n"
        b"Tonga Police,Queensland Police Service,partners with\n"
        b"Fiji Police Force,Queensland Police Service,partners with\n"
    )
    at = upload(page(), files=[("elements.csv", elements), ("connections.csv", connections)])
    assert not at.exception
    shown = [str(m.value).replace("\\", "") for m in at.markdown]
    groups = [m for m in shown if m.startswith((":red-badge[", "↳ :red-badge["))]
    assert len(groups) == 3, groups
    assert groups[0].startswith(":red-badge[Error, 2 rows] unknown kind 'Govt agency'; use one of Agency")
    assert groups[0].endswith("python -m loaders vocabulary --add)  \nelements.csv rows 3-4, column 'Type'")  # in full
    assert groups[1] == (
        "↳ :red-badge[Error, 1 row] 'Samoa Police' is not loaded because row 3 of elements.csv was rejected  \n"
        "connections.csv row 2, column 'To'"
    )
    assert "because row 4 of elements.csv was rejected" in groups[2]
    assert "did you mean" not in " ".join(shown)
    problems = frame_with(at, "message")  # every row's problem, in the same order
    assert problems["row"].tolist() == [3, 4, 2, 3] and problems["file"].tolist()[0] == "elements.csv"
