"""Loading again the files the graph's newest change loaded unchanged: answered from that load's record, with the
report that checking every row gives, and nothing written; any change since, any other byte, day or option checks
every row again (`loaders.unchanged`)."""

from __future__ import annotations

import dataclasses
import shutil

import neo4j
import pytest

from loaders import pipeline
from loaders.__main__ import main as loader_cli
from loaders.edit import edit_entity
from loaders.pipeline import load_paths
from loaders.report import format_report
from queries import read
from tests.conftest import DATA
from tests.db.conftest import EDITOR, ELEMENTS, dump

FILES = ("Elements.csv", "Connections.csv")


@pytest.fixture
def folder(tmp_path):
    """The warty Kumu pair (fixes and warnings in its report), copied so a test may change a byte."""
    for name in FILES:
        shutil.copy(DATA / "kumu_warts" / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def checks(monkeypatch):
    """How many times the rows were checked (`loaders.validate.validate`), each load."""
    calls: list[int] = []
    real = pipeline.validate

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "validate", counted)
    return calls


def loads(driver) -> int:
    return driver.execute_query("MATCH (l:Load) RETURN count(l) AS n", result_transformer_=neo4j.Result.single)["n"]


def without_note(report) -> dict:
    return {**dataclasses.asdict(report), "note": "", "same_as": None, "load_id": None}


def test_the_same_files_again_give_the_checked_report_without_checking_or_writing(db, folder, checks):
    first = load_paths(db, [str(folder)])
    assert first.written and first.errors == [] and first.warnings  # fixes were made: the report has warnings
    checked = load_paths(db, [str(folder)])  # the first reload checks every row: the newest change created rows
    assert checked.same_as is None and not checked.written and len(checks) == 2
    stored, records = dump(db), loads(db)

    again = load_paths(db, [str(folder)])
    assert len(checks) == 2  # not checked again
    assert again.same_as == checked.load_id and not again.written and again.load_id is None
    assert without_note(again) == without_note(checked)  # the same counts and every problem, row and column
    assert format_report(again).replace(again.note + "\n", "") == format_report(checked)
    assert "byte for byte, and the graph has not changed since" in again.note
    assert (dump(db), loads(db)) == (stored, records)  # nothing written, not even a record

    rechecked = load_paths(db, [str(folder)], recheck=True)
    assert len(checks) == 3 and rechecked.same_as is None
    assert without_note(rechecked) == without_note(checked)


def test_a_dry_run_of_the_same_files_says_nothing_would_change(db, folder, checks):
    load_paths(db, [str(folder)])
    load_paths(db, [str(folder)])
    preview = load_paths(db, [str(folder)], dry_run=True)
    assert preview.same_as and preview.dry_run and len(checks) == 2
    assert "Checked: nothing would change; everything is already in the graph." in format_report(preview)


def test_the_first_reload_after_rows_were_written_checks_every_row(db, folder, checks):
    load_paths(db, [str(folder)])
    assert load_paths(db, [str(folder)]).same_as is None
    assert len(checks) == 2


def change_a_byte(folder, monkeypatch):
    text = (folder / "Connections.csv").read_text(encoding="utf-8")
    (folder / "Connections.csv").write_text(text + "\n", encoding="utf-8")  # a blank line: same rows, other bytes


def change_the_day(folder, monkeypatch):  # the files have part-of links: their cycles are checked on the day
    monkeypatch.setenv("SGE_TODAY", "2031-01-02")


def rename_a_file(folder, monkeypatch):
    (folder / "Connections.csv").rename(folder / "Links.csv")


@pytest.mark.parametrize("change", [change_a_byte, change_the_day, rename_a_file])
def test_another_byte_day_or_name_checks_every_row(db, folder, checks, monkeypatch, change):
    load_paths(db, [str(folder)])
    load_paths(db, [str(folder)])
    change(folder, monkeypatch)
    assert load_paths(db, [str(folder)]).same_as is None
    assert len(checks) == 3


def test_a_load_without_part_of_links_is_answered_on_another_day(db, tmp_path, checks, monkeypatch):
    (tmp_path / "elements.csv").write_text(ELEMENTS)
    load_paths(db, [str(tmp_path)])
    load_paths(db, [str(tmp_path)])
    monkeypatch.setenv("SGE_TODAY", "2031-01-02")  # nothing it reports or writes depends on the day
    assert load_paths(db, [str(tmp_path)]).same_as and len(checks) == 2


def test_other_options_check_every_row(db, folder, checks):
    load_paths(db, [str(folder)])
    load_paths(db, [str(folder)])
    assert load_paths(db, [str(folder)], month_first=True).same_as is None
    assert load_paths(db, [str(folder)], change_kinds=True).same_as is None
    assert len(checks) == 4


def test_an_edit_since_checks_every_row_and_the_load_gives_the_files_back(db, folder, checks):
    load_paths(db, [str(folder)])
    load_paths(db, [str(folder)])
    entity = read(db, "entities_by_id", ids=["australian-federal-police"])[0]
    edit_entity(db, entity["id"], {"Description": "Edited in the app"}, entity["props"], EDITOR)
    again = load_paths(db, [str(folder)])
    assert again.same_as is None and len(checks) == 3
    assert again.written  # the row puts the file's description back
    now = read(db, "entities_by_id", ids=["australian-federal-police"])[0]["props"]["description"]
    assert now == entity["props"]["description"] != "Edited in the app"


def test_another_load_between_checks_every_row(db, folder, checks):
    load_paths(db, [str(folder)])
    load_paths(db, [str(folder)])
    load_paths(db, [str(folder / "Connections.csv")])  # the newest change is now this load
    assert load_paths(db, [str(folder)]).same_as is None
    assert len(checks) == 4


def test_the_command_says_how_to_check_again(db, folder, capsys):
    assert loader_cli(["load", str(folder)]) == 0
    assert loader_cli(["load", str(folder)]) == 0
    capsys.readouterr()
    assert loader_cli(["load", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Loaded: nothing changed; everything was already in the graph." in out
    assert "nothing was checked or written again" in out and "add --recheck" in out
    assert loader_cli(["load", str(folder), "--recheck"]) == 0
    assert "--recheck" not in capsys.readouterr().out
