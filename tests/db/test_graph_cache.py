"""The cached graph: the graph on a date taken from the whole history equals the graph read on that date."""

import pytest

from graph.model import on_date
from queries.graphs import graph_version, load_graph


def _rows(graph):
    nodes = sorted((n, sorted((k, repr(v)) for k, v in d.items())) for n, d in graph.nodes(data=True))
    edges = sorted((u, v, sorted((k, repr(x)) for k, x in d.items())) for u, v, d in graph.edges(data=True))
    return nodes, edges


_HISTORY = {}


@pytest.fixture
def history(sample_db):
    """Every link whatever its dates, read once for the module (the sample is read-only)."""
    if "graph" not in _HISTORY:
        _HISTORY["graph"] = load_graph(sample_db)
    return _HISTORY["graph"]


@pytest.mark.parametrize("on", [None, "2015-01-01", "2022-07-15", "2023-02-01", "2025-05-20", "2026-12-01"])
@pytest.mark.parametrize("types", [None, ["MEMBER_OF", "PARTY_TO", "CHAIRS"], ["PARTICIPATED_IN"]])
def test_on_date_of_the_history_is_the_graph_read_on_that_date(sample_db, history, on, types):
    read = load_graph(sample_db, as_of=on, types=types)
    derived = on_date(history, on, types)
    assert read.number_of_nodes() > 0
    assert _rows(derived) == _rows(read)


def test_dates_and_types_change_the_graph(history):
    sizes = {on_date(history, on).number_of_edges() for on in ("2015-01-01", "2022-07-15", "2026-12-01")}
    assert len(sizes) == 3 and on_date(history, None).number_of_edges() == history.number_of_edges()
    assert 0 < on_date(history, None, ["PARTICIPATED_IN"]).number_of_edges() < history.number_of_edges()


def test_the_version_changes_with_a_load(db, tmp_path):
    from loaders.pipeline import load_paths

    before = graph_version(db)
    (tmp_path / "elements.csv").write_text("Label,Type\nTest Agency,Agency\n", encoding="utf-8")
    load_paths(db, [str(tmp_path / "elements.csv")])
    after = graph_version(db)
    assert after != before and after[0] == before[0] + 1
    (tmp_path / "elements.csv").write_text("Label,Type,Description\nTest Agency,Agency,changed\n", encoding="utf-8")
    load_paths(db, [str(tmp_path / "elements.csv")])
    newer = graph_version(db)
    assert newer[:2] == after[:2] and newer[2] >= after[2]  # same counts, a load as new or newer (to the second)
    assert newer[3] > after[3]  # and always a later change number, even within the same second
