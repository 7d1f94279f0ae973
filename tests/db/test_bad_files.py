"""The bad-file corpus (tests/data/bad/, large ones generated here): each exits 2 with its exact message, no
traceback, and writes nothing."""

from __future__ import annotations

import pytest

from loaders.__main__ import main as loader_cli
from tests.conftest import DATA, counts

BAD = DATA / "bad"
NOT_A_LIST = "no rows to load: empty, or no list of objects in it"
CORPUS = {
    "empty.csv": "empty.csv: no rows to load: the file is empty",
    "header-only.csv": "header-only.csv: no rows to load: only a header row",
    "empty.json": f"empty.json: {NOT_A_LIST}",
    "number.json": f"number.json: {NOT_A_LIST}",
    "string.json": f"string.json: {NOT_A_LIST}",
    "no-items.json": f"no-items.json: {NOT_A_LIST}",
}


def test_the_corpus_is_every_file_in_the_folder():
    assert {p.name for p in BAD.iterdir() if p.suffix != ".md"} == set(CORPUS)


@pytest.mark.parametrize(("name", "message"), CORPUS.items())
def test_each_bad_file_exits_2_with_its_message(db, capsys, name, message):
    assert loader_cli(["load", str(BAD / name)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"error: {message}" and "Traceback" not in err
    assert counts(db) == (0, 0)


@pytest.mark.parametrize("depth", [10_000, 200_000])
def test_deeply_nested_json_exits_2_with_a_message(db, tmp_path, capsys, depth):
    path = tmp_path / "deep.json"
    path.write_text('[{"Label": ' + "[" * depth + "]" * depth + "}]")
    assert loader_cli(["load", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "error: deep.json: cannot be read (nested too deeply)" and "Traceback" not in err
    assert counts(db) == (0, 0)
