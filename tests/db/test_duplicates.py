"""Likely duplicates in the real Neo4j: the sample plus one organisation loaded twice, listed and then remembered."""

from __future__ import annotations

import json

import neo4j

from loaders.__main__ import main as loader_cli
from loaders.pipeline import load_paths
from queries import read
from queries.duplicates import duplicates, not_duplicate_pairs, remember_not_duplicate
from tests.conftest import SAMPLE


def test_the_sample_has_no_likely_duplicates(sample_db):
    assert duplicates(sample_db) == []


def _sample_and_afp_again(db, tmp_path) -> None:
    assert not load_paths(db, [str(SAMPLE)]).errors
    again = tmp_path / "again.csv"
    again.write_text(
        "ID,Label,Type,Country,Sources\nafp-again,Australian Federal Police,Agency,AUS,https://afp.gov.au/news\n",
        encoding="utf-8",
    )
    report = load_paths(db, [str(again)])
    assert not report.errors, report.errors


def test_an_organisation_loaded_twice_is_listed_with_reasons_until_remembered(db, tmp_path, capsys):
    _sample_and_afp_again(db, tmp_path)
    rows = duplicates(db)
    assert [(r["a"], r["b"]) for r in rows] == [("afp", "afp-again")]
    row = rows[0]
    assert (row["a_name"], row["b_name"], row["kind"]) == (
        "Australian Federal Police",
        "Australian Federal Police",
        "Agency",
    )
    assert row["reasons"] == [
        "same name after folding case, spaces and punctuation",
        "both cite the website afp.gov.au",
    ]

    capsys.readouterr()
    assert loader_cli(["duplicates", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == [{k: row[k] for k in ("a", "a_name", "b", "b_name", "kind", "score", "reasons")}]
    assert "1 likely duplicate pair among 143 entities" in err
    assert loader_cli(["duplicates", "--format", "csv"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[0] == "a,a_name,b,b_name,kind,score,reasons"
    assert "same name after folding case, spaces and punctuation; both cite the website afp.gov.au" in out

    assert loader_cli(["not-duplicate", "afp-again", "afp", "--by", "Test Analyst"]) == 0
    out, _ = capsys.readouterr()
    assert "remembered: 'Australian Federal Police' and 'Australian Federal Police' are not duplicates" in out
    assert duplicates(db) == []
    assert loader_cli(["duplicates"]) == 0
    out, err = capsys.readouterr()
    assert "(no rows)" in out and "1 pair remembered as not duplicates left out" in err

    # Idempotent on the unordered pair: the first who and when are kept.
    first = read(db, "not_duplicates")
    assert [(r["a"], r["b"], r["by"]) for r in first] == [("afp", "afp-again", "Test Analyst")]
    again = remember_not_duplicate(db, "afp", "afp-again", by="Someone Else")
    assert again is not None and again["created"] is False and again["by"] == "Test Analyst"
    assert loader_cli(["not-duplicate", "afp", "afp-again"]) == 0
    assert "already remembered" in capsys.readouterr().out
    assert read(db, "not_duplicates") == first
    count = db.execute_query("MATCH (d:NotDuplicate) RETURN count(d) AS n", result_transformer_=neo4j.Result.single)
    assert count["n"] == 1
    assert not_duplicate_pairs(db) == {frozenset(("afp", "afp-again"))}
    # Not a link between the two: counts, the network and the quality checks do not see it.
    links = db.execute_query(
        "MATCH (:Entity {id: 'afp'})-[r]-(:Entity {id: 'afp-again'}) RETURN count(r) AS n",
        result_transformer_=neo4j.Result.single,
    )
    assert links["n"] == 0


def test_not_duplicate_names_two_existing_entities(db, capsys):
    db.execute_query("CREATE (:Entity:Agency {id: 'afp', name: 'Australian Federal Police'})")
    assert loader_cli(["not-duplicate", "afp", "nobody"]) == 2
    assert "no entity with id 'nobody'" in capsys.readouterr().err
    assert loader_cli(["not-duplicate", "afp", "afp"]) == 2
    assert remember_not_duplicate(db, "afp", "nobody") is None
    assert read(db, "not_duplicates") == []
