"""Targets weighted by the risks recorded about them, on tiny graphs checkable by hand (pure)."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.risk import by_risk, risks, said


def graph() -> nx.MultiDiGraph:
    """Fiji with a high and a low risk about it and a medium one about its police; Tonga with one unrated risk;
    Samoa with none."""
    g = nx.MultiDiGraph()
    g.add_node("FJI", name="Fiji", kind="Country", risks=[{"level": "low", "theme": "A"}, {"level": "high"}])
    g.add_node("fpf", name="Fiji Police Force", kind="Agency", country="FJI", risks=[{"level": "medium", "theme": "B"}])
    g.add_node("TON", name="Tonga", kind="Country", risks=[{"level": None, "theme": "C"}])
    g.add_node("WSM", name="Samoa", kind="Country", risks=[])
    return g


def test_a_countrys_weight_counts_the_risks_about_its_agencies_when_rolled_up():
    rows = risks(graph(), {"FJI", "TON", "WSM"})
    assert [(r["target"], r["risk"], r["risks"], r["weight"], r["high"]) for r in rows] == [
        ("FJI", "high", 3, 3 + 2 + 1, 1),
        ("TON", "low", 1, 1, 0),  # a risk without a level counts as low
    ]
    assert rows[0]["themes"] == ["no theme (high)", "B (medium)", "A (low)"]
    assert rows[0]["about"] == ["Fiji Police Force"] and rows[1]["about"] == []


def test_without_rollup_a_country_carries_only_its_own_risks():
    (fiji,) = risks(graph(), {"FJI"}, rollup=False)
    assert (fiji["risks"], fiji["weight"], fiji["about"]) == (2, 4, [])


def test_by_risk_puts_the_heaviest_first_and_keeps_the_order_among_equals():
    rows = [{"target": t} for t in ("WSM", "TON", "X", "FJI")]
    weighed = by_risk(rows, risks(graph(), {"FJI", "TON", "WSM"}))
    assert [(r["target"], r["risk"], r["risk_weight"]) for r in weighed] == [
        ("FJI", "high", 6),
        ("TON", "low", 1),
        ("WSM", "", 0),
        ("X", "", 0),
    ]


@pytest.mark.parametrize(
    ("targets", "sentence"),
    [
        ({"WSM"}, "No risk is recorded about the target (load a findings sheet, or record one)."),
        (
            {"FJI", "TON", "WSM"},
            "2 of the 3 targets carry recorded risks; a high risk about Fiji. The tables list the heaviest first.",
        ),
    ],
)
def test_the_sentence_counts_the_same_rows(targets, sentence):
    assert said(risks(graph(), targets), len(targets)) == sentence


@pytest.mark.parametrize(
    ("finding", "on", "stands"),
    [
        ({"level": "high"}, "2026-12-01", True),
        ({"date": "2025", "closed": "2026-06"}, "2026-06-30", True),  # closed in June: counts to its end
        ({"date": "2025", "closed": "2026-06"}, "2026-07-01", False),
        ({"date": "2027"}, "2026-12-01", False),  # assessed after the date asked about
        ({"closed": "2020"}, None, False),
    ],
)
def test_a_risk_counts_from_its_assessment_until_it_is_closed(finding, on, stands):
    from graph.risk import open_on

    assert open_on(finding, on) is stands


def test_a_closed_risk_no_longer_weighs_on_its_target():
    g = graph()
    g.nodes["TON"]["risks"] = [{"level": "high", "closed": "2026-01"}]
    assert [r["target"] for r in risks(g, {"TON", "FJI"}, on="2026-12-01")] == ["FJI"]
    assert [r["target"] for r in risks(g, {"TON", "FJI"}, on="2026-01-15")] == ["FJI", "TON"]
