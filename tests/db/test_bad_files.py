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


GRAPH = {
    "elements.csv": "ID,Label,Type\nAUS,Australia,Country\nafp,Australian Federal Police,Agency\n",
    "links.csv": "From,To,Type\nafp,AUS,based in\n",
}
CLASH = {  # a file whose rows must not change the graph: (file, text, the error printed)
    "id clash": (
        "clash.csv",
        "ID,Label,Type\nAUS,Australis Shipping,Company\n",
        "ERROR: clash.csv, row 2: 'AUS' is Australia, a Country in the graph; this row would make it a Company: a "
        "country's ID cannot be another kind's",
    ),
    "two columns": (
        "two.csv",
        "Label,Name,Type\nACIC,Australian Criminal Intelligence Commission,Agency\n",
        "ERROR: two.csv, row 1, column 'Name': columns 'Label' and 'Name' are both read as Label: keep one of them",
    ),
}


@pytest.mark.parametrize("case", CLASH)
@pytest.mark.parametrize("change_kinds", [False, True])
def test_an_id_clash_or_two_columns_of_one_meaning_exit_1_through_the_cli_and_change_nothing(
    db, tmp_path, capsys, case, change_kinds
):
    from tests.db.conftest import dump

    for name, text in GRAPH.items():
        (tmp_path / name).write_text(text)
    assert loader_cli(["load", str(tmp_path / "elements.csv"), str(tmp_path / "links.csv")]) == 0
    before = dump(db)
    name, text, printed = CLASH[case]
    (tmp_path / name).write_text(text)
    capsys.readouterr()
    assert loader_cli(["load", str(tmp_path / name), *(["--change-kinds"] if change_kinds else [])]) == 1
    out = capsys.readouterr()
    assert printed in out.out and "Traceback" not in out.out + out.err
    assert dump(db) == before
