"""The graph on a date, taken from the graph of every link (pure)."""

import pytest

from graph.model import link_active, on_date, to_networkx


@pytest.mark.parametrize(
    ("since", "until", "on", "counts"),
    [
        (None, None, "2024-01-01", True),
        ("2024", None, "2024-01-01", True),  # a year-only start counts from the year's first day
        ("2024-02", None, "2024-01-31", False),
        (None, "2022-07", "2022-07-31", True),  # a partial end covers its whole month
        (None, "2022-07", "2022-08-01", False),
        ("2020-05-01", "2020-05-01", "2020-05-01", True),
    ],
)
def test_link_active_reads_partial_dates_as_the_queries_do(since, until, on, counts):
    assert link_active(since, until, on) is counts


def test_on_date_keeps_entities_not_dated_after_it_and_links_active_of_the_types():
    history = to_networkx(
        [{"id": "afp"}, {"id": "pif"}, {"id": "e1", "date": "2025-05-20"}],
        [
            {"source": "afp", "target": "pif", "type": "MEMBER_OF", "since": "2020", "until": None},
            {"source": "afp", "target": "pif", "type": "PARTNERS_WITH", "since": None, "until": "2019"},
            {"source": "afp", "target": "e1", "type": "PARTICIPATED_IN", "since": None, "until": None},
        ],
    )
    before = on_date(history, "2021-01-01")
    assert sorted(before.nodes) == ["afp", "pif"]
    assert [d["type"] for _, _, d in before.edges(data=True)] == ["MEMBER_OF"]
    after = on_date(history, "2025-06-01", ["PARTICIPATED_IN"])
    assert [(u, v) for u, v in after.edges()] == [("afp", "e1")]
    assert on_date(history, None).number_of_edges() == 3
