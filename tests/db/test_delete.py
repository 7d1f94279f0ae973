"""Deleting an entity on a real Neo4j: only an admin may, the record keeps what it removed, and the undo puts the
entity and every link back exactly."""

from __future__ import annotations

import pytest

from graph.roles import Forbidden
from loaders.changes import Refused, history
from loaders.delete import delete_entity
from loaders.edit import add_entity
from loaders.pipeline import load_paths
from loaders.undo import undo
from tests.db.conftest import ADMIN, EDITOR, VIEWER, dump


def test_an_admin_deletes_an_entity_with_its_links_and_the_undo_gives_them_back_exactly(small):
    before = dump(small)
    state, change = delete_entity(small, "vgt", ADMIN)
    assert [r["id"] for r in dump(small)[0]] == ["afp", "fjpol"]
    assert dump(small)[1] == []  # its one link went with it
    assert change.counts == {"entities deleted": 1, "links deleted": 1, "findings deleted": 0}
    assert [(link["source"], link["type"], link["target"]) for link in state["links"]] == [("afp", "MEMBER_OF", "vgt")]
    latest = history(small, limit=1)[0]
    assert (latest["kind"], latest["by"], latest["title"]) == (
        "delete",
        "ad@example.org",
        "deleted Virtual Global Taskforce",
    )
    assert latest["id"] == change.id
    assert history(small, entity="afp", limit=1)[0]["id"] == change.id  # in the history of what it was linked to
    undo(small, change.id, actor=ADMIN)
    assert dump(small) == before


def test_a_dry_run_counts_and_writes_nothing(small):
    before = dump(small)
    _, change = delete_entity(small, "afp", VIEWER, dry_run=True)  # a dry run asks nothing of the role
    assert change.counts == {"entities deleted": 1, "links deleted": 1, "findings deleted": 0}
    assert dump(small) == before and history(small, kinds=["delete"]) == []


@pytest.mark.parametrize("actor", [EDITOR, VIEWER], ids=["editor", "viewer"])
def test_only_an_admin_may_delete(small, actor):
    before = dump(small)
    with pytest.raises(Forbidden):
        delete_entity(small, "fjpol", actor)
    assert dump(small) == before


def test_a_country_or_an_unknown_id_is_refused(small, tmp_path):
    (tmp_path / "countries.csv").write_text("ID,Label,Type\nFJI,Fiji,country\n")
    assert not load_paths(small, [str(tmp_path / "countries.csv")]).errors
    before = dump(small)
    with pytest.raises(Refused, match="Fiji is a country: countries come with the graph"):
        delete_entity(small, "FJI", ADMIN)
    with pytest.raises(Refused, match="no entity with id 'nobody'"):
        delete_entity(small, "nobody", ADMIN)
    assert dump(small) == before


def test_the_undo_is_refused_while_a_later_change_depends_on_it(small):
    _, change = delete_entity(small, "fjpol", ADMIN)
    add_entity(small, {"ID": "fjpol", "Name": "Fiji Police", "Kind": "agency"}, EDITOR)  # the id again
    with pytest.raises(Refused, match="a later edit depends on it"):
        undo(small, change.id, actor=ADMIN, dry_run=True)
    assert [r["props"]["name"] for r in dump(small)[0] if r["id"] == "fjpol"] == ["Fiji Police"]


def test_the_undo_of_a_delete_can_itself_be_checked_first(small):
    before = dump(small)
    _, change = delete_entity(small, "vgt", ADMIN)
    done, planned = undo(small, change.id, dry_run=True)
    assert done["kind"] == "delete" and planned.counts == {
        "entities restored": 1,
        "links restored": 1,
        "findings restored": 0,
    }
    assert [r["id"] for r in dump(small)[0]] == ["afp", "fjpol"]  # the check wrote nothing
    undo(small, change.id, actor=EDITOR)  # undoing is an editor's action, as for any change
    assert dump(small) == before


def test_the_command_line_deletes_and_undoes(small, capsys):
    from loaders.__main__ import main

    before = dump(small)
    assert main(["delete", "vgt", "--dry-run"]) == 0
    assert (
        "Would have deleted Virtual Global Taskforce (entities deleted: 1, links deleted: 1)" in capsys.readouterr().out
    )
    assert main(["delete", "vgt", "--by", "Ana"]) == 0
    out = capsys.readouterr().out
    assert "Done: deleted Virtual Global Taskforce" in out
    assert [r["id"] for r in dump(small)[0]] == ["afp", "fjpol"]
    assert main(["undo", out.split("python -m loaders undo ")[1].strip()]) == 0
    assert dump(small) == before
    assert main(["delete", "nobody"]) == 2
    assert "error: no entity with id 'nobody'" in capsys.readouterr().err
