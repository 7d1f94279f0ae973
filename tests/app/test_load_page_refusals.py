"""The Load page refuses an ID clash and two columns of one meaning, with the loader's message, and leaves the
graph unchanged whatever the kind-change box says (AppTest on the real Neo4j)."""

from __future__ import annotations

import pytest

from loaders.pipeline import load_paths
from tests.app.test_load_page import page, texts
from tests.db.conftest import dump
from tests.db.test_bad_files import CLASH, GRAPH


@pytest.mark.parametrize("case", CLASH)
def test_the_load_page_refuses_an_id_clash_or_two_columns_and_writes_nothing(db, tmp_path, case):
    for name, text in GRAPH.items():
        (tmp_path / name).write_text(text)
    assert not load_paths(db, [str(tmp_path / n) for n in GRAPH]).errors
    before = dump(db)
    name, text, printed = CLASH[case]
    at = page()
    at.file_uploader[0].set_value([(name, text.encode(), "text/csv")])
    at.run()
    for change_kinds in (False, True):
        at.checkbox(key="load-change-kinds").set_value(change_kinds).run()
        assert not at.exception
        message = printed.split(": ", 2)[2]  # without "ERROR: file, row"
        assert message in texts(at)
        assert at.button(key="load-commit").disabled
    assert dump(db) == before
