"""What a load's fingerprint counts (`loaders.unchanged.fingerprint`): each file's name and bytes, the options,
mappings and wording; and what a load record keeps for a reload (`loaders.unchanged.kept`)."""

from __future__ import annotations

import json

import pytest

from loaders import unchanged
from loaders.model import ColumnMapping, LoadReport, Problem, Wording
from loaders.team import SavedMapping

BASE = {
    "month_first": False,
    "change_kinds": False,
    "stored": {},
    "mappings": (),
    "wordings": (),
}
MAPPING = ColumnMapping("elements", {"Org": "name"})


@pytest.fixture
def files(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"ID,Label\nafp,AFP\n")
    (tmp_path / "b.csv").write_bytes(b"From,To\n")
    return [tmp_path / "a.csv", tmp_path / "b.csv"]


def test_the_same_files_and_settings_give_the_same_fingerprint(files):
    assert unchanged.fingerprint(files, **BASE) == unchanged.fingerprint(list(files), **BASE)


@pytest.mark.parametrize(
    "setting",
    [
        {"month_first": True},
        {"change_kinds": True},
        {"mappings": [MAPPING]},
        {"stored": {MAPPING.key: SavedMapping(MAPPING, "ann", "2026-12-01T00:00:00+00:00")}},
        {"wordings": [Wording("kind", "statutory body", "Agency")]},
    ],
)
def test_each_setting_counts(files, setting):
    assert unchanged.fingerprint(files, **BASE) != unchanged.fingerprint(files, **(BASE | setting))


def test_a_byte_a_name_or_the_order_counts(files):
    before = unchanged.fingerprint(files, **BASE)
    assert unchanged.fingerprint(files[::-1], **BASE) != before
    files[1].write_bytes(b"From,To\n\n")
    assert unchanged.fingerprint(files, **BASE) != before
    files[1].write_bytes(b"From,To\n")
    assert unchanged.fingerprint(files, **BASE) == before
    renamed = files[1].rename(files[1].with_name("c.csv"))
    assert unchanged.fingerprint([files[0], renamed], **BASE) != before


def test_the_loader_code_counts_once_per_process():
    assert unchanged.code_digest() == unchanged.code_digest()
    assert len(unchanged.code_digest()) == 64


WARNING = Problem("warning", "a.csv", 2, "Label", "cell trimmed", code="trimmed", change="' AFP' → 'AFP'")


def test_a_record_keeps_the_problems_of_a_clean_load_only():
    clean = LoadReport(problems=[WARNING])
    assert [Problem(**p) for p in json.loads(unchanged.kept(clean) or "[]")] == [WARNING]
    assert unchanged.kept(LoadReport(problems=[WARNING, Problem("error", "a.csv", 3, "ID", "bad")])) is None
    assert unchanged.kept(LoadReport(problems=[WARNING], rejected_rows=1)) is None
    assert unchanged.kept(LoadReport(problems=[WARNING] * (unchanged.KEPT_PROBLEMS + 1))) is None
