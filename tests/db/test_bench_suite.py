"""The benchmark suite end to end at a tiny size, on the session's Neo4j: it writes the report, naming everything.

No time is asserted: the suite never fails on a time, only on something that breaks.
"""

import pytest

from analyses.catalog import catalog
from bench import suite

TINY = suite.Size("tiny", 200, 1000, budget=150, repeats=2, batch_rows=200)


@pytest.mark.timeout(1500)
def test_the_suite_writes_every_measurement_and_goal(db, neo4j_uri, tmp_path):
    out = tmp_path / "benchmarks.md"
    report = suite.run(TINY, out=out, uri=neo4j_uri)
    assert report.broken == []
    text = out.read_text(encoding="utf-8")
    for heading in (
        "## Goals",
        "## Batched against per-row writes",
        "## The loader: load, reload and memory",
        "## The bulk importer: a first load into an empty graph",
        "## Analyses: cold and warm",
        "## Network page: ego reads",
        "## Analytics on the whole graph",
        "## Pages under AppTest: cold and warm",
    ):
        assert heading in text
    for goal in (
        "batched load >= 50x per-row",
        "entity rows/s >= 10,000",
        "link rows/s >= 20,000",
        "loader memory < 1 GB",
        "reload < a tenth of the load, checking every row",
        "reload < a tenth of the load, the files of the newest change",
        "every gap analysis p95 < 200 ms",
        "betweenness + PageRank + communities < 5 s at 10k/50k",
        "a page's warm rerun <= 10% of its cold load",
        "first load into an empty graph, bulk importer: rows/s >= 20,000",
    ):
        assert goal in text
    assert len(report.goals) == 10 and all(g.status in ("met", "missed") for g in report.goals)
    for name in catalog():  # measured, or skipped for a parameter nobody gave, with the reason
        assert f"| `{name}` |" in text or f"`{name}` (" in text, name
    for page in ("| Overview |", "| Gaps |", "| Network |"):
        assert page in text
    assert "Python 3." in text and "Neo4j 5.26" in text and "cores" in text
    assert "**Ratio: batched is" in text and "**Ratio: the reload took" in text
    assert "**Ratio: the same reload again took" in text
    assert "**Ratio: the bulk importer took" in text and "written by Neo4j's bulk importer" in text
