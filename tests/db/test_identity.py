"""One organisation, one entity, in a real Neo4j: rows without an ID resolve to what the sample holds, near misses
stay apart, two candidates stop the load, and merged rows or updates lose no note."""

from __future__ import annotations

import neo4j
import pytest

from loaders.__main__ import main as loader_cli
from loaders.pipeline import load_paths
from tests.conftest import SAMPLE, counts


@pytest.fixture
def sample(db):
    """A graph holding the sample, that the test may write to (the shared `sample_db` is read-only)."""
    report = load_paths(db, [str(SAMPLE)])
    assert not report.errors, report.errors
    return db


def load(driver, tmp_path, name, text, **options):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_paths(driver, [str(path)], **options)


def warnings(report):
    return [(p.file, p.row, p.column, p.message) for p in report.warnings]


def names(driver, *ids):
    rows = driver.execute_query(
        "MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, n.name AS name",
        ids=list(ids),
        result_transformer_=neo4j.Result.data,
    )
    return {r["id"]: r["name"] for r in rows}


def count_loads(driver):
    return driver.execute_query("MATCH (l:Load) RETURN count(l) AS n", result_transformer_=neo4j.Result.single)["n"]


ROWS = {  # row number -> (label as written, kind, the sample's entity, how it matches)
    2: ("Australian Federal Police", "Agency", "afp", "name"),
    3: ("fiji police force", "agency", "fiji-police", "folded name"),
    4: ("Department of  Foreign-Affairs and Trade.", "Agency", "dfat", "folded name"),
    5: ("FIJI POLICE FORCE.", "Agency", "fiji-police", "folded name"),
    6: ("ACIC", "Agency", "acic", "alias"),
    7: ("Alphabet", "Company", "google", "alias"),  # the sample records Alphabet as Google's alias
    8: ("AFP", "police", "afp", "alias"),
}


def test_rows_without_an_id_resolve_to_the_existing_entity_and_say_so(sample, tmp_path):
    before = counts(sample)
    text = "Label,Type\n" + "".join(f'"{label}",{kind}\n' for label, kind, _, _ in ROWS.values())
    dry = load(sample, tmp_path, "partners.csv", text, dry_run=True)
    report = load(sample, tmp_path, "partners.csv", text)
    assert report.errors == [] and dry.errors == []
    assert counts(sample) == before  # no new entity
    assert sum(c["created"] for c in report.entities.values()) == 0
    canonical = {"afp": "Australian Federal Police", "fiji-police": "Fiji Police Force"}
    canonical |= {
        "dfat": "Department of Foreign Affairs and Trade",
        "acic": "Australian Criminal Intelligence Commission",
    }
    canonical |= {"google": "Google"}
    assert names(sample, *canonical) == canonical  # a matching row never renames the entity
    for number, (_, _, entity_id, way) in ROWS.items():
        found = [w for w in warnings(report) if w[:3] == ("partners.csv", number, "Label")]
        assert found, number
        assert f"({entity_id}) by {way}" in found[0][3] and "matched" in found[0][3]
    assert [w for w in warnings(report) if "matched existing" in w[3]] == [
        w for w in warnings(dry) if "matched existing" in w[3]
    ]  # a dry run says the same
    assert any(
        w[1] == 2 and w[3] == "matched existing Australian Federal Police (afp) by name; no new entity"
        for w in warnings(report)
    )


def test_near_misses_are_new_entities(sample, tmp_path):
    # The pair: an "eSafety Youth Council" next to the sample's eSafety Commissioner (alias "eSafety").
    assert not load(sample, tmp_path, "council.csv", "ID,Label,Type\nesafety-yc,eSafety Youth Council,Agency\n").errors
    before = counts(sample)
    text = (
        "Label,Type\n"
        "eSafety,Agency\n"  # the Commissioner's recorded alias, not the youth council
        "eSafety Youth,Agency\n"  # a shorter name is not the longer one
        "NSWPF,Agency\n"  # an acronym of NSW Police Force, but not its recorded alias
        "Australian Federal Police,NGO\n"  # another kind
    )
    report = load(sample, tmp_path, "near.csv", text)
    assert report.errors == []
    assert counts(sample)[0] == before[0] + 3
    assert names(sample, "esafety-youth", "nswpf", "australian-federal-police", "esafety-yc") == {
        "esafety-youth": "eSafety Youth",
        "nswpf": "NSWPF",
        "australian-federal-police": "Australian Federal Police",
        "esafety-yc": "eSafety Youth Council",
    }
    said = {w[1]: w[3] for w in warnings(report)}
    assert said[2].startswith("matched existing eSafety Commissioner (esafety) by alias")
    assert 3 not in said
    # Never merged, but named as a likely duplicate, with the reason and how to merge.
    assert said[4] == (
        "likely duplicate of NSW Police Force (nsw-police, already in the graph): 'NSWPF' matches the initials of "
        "'New South Wales Police Force', an alias of 'NSW Police Force'; loaded as its own entity, not merged "
        "(merge with `python -m loaders merge nsw-police nswpf` or on the Overview, where it can also be marked "
        "not a duplicate)"
    )
    assert ("near.csv", 4, "Label") in [w[:3] for w in warnings(report)]
    assert "not matched to Australian Federal Police (afp, Agency)" in said[5]


def test_likely_duplicates_of_a_load_are_in_its_report_unless_remembered_as_not(sample, tmp_path):
    text = "ID,Label,Type,Country\ndoha,Dept of Home Affairs,Agency,AUS\nhome-affairs-nz,Home Affairs,Agency,NZL\n"
    report = load(sample, tmp_path, "more.csv", text, dry_run=True)
    said = [w for w in warnings(report) if "already in the graph" in w[3]]
    assert [w[:3] for w in said] == [("more.csv", 2, "Label")]  # another country is another agency
    assert "Department of Home Affairs (home-affairs, already in the graph): names 99% similar" in said[0][3]
    assert not load(sample, tmp_path, "more.csv", text).errors
    assert loader_cli(["not-duplicate", "doha", "home-affairs"]) == 0
    again = load(sample, tmp_path, "more.csv", text.replace("Dept of", "Dept. of"), dry_run=True)
    assert [w for w in warnings(again) if "already in the graph" in w[3]] == []


def test_a_new_id_with_a_known_name_is_loaded_and_called_a_likely_duplicate(sample, tmp_path):
    before = counts(sample)
    report = load(sample, tmp_path, "dup.csv", "ID,Label,Type\nafp-au,Australian  federal police,Agency\n")
    assert counts(sample)[0] == before[0] + 1
    assert ("dup.csv", 2, "Label") in [w[:3] for w in warnings(report)]
    assert "likely duplicate of Australian Federal Police (afp)" in warnings(report)[0][3]


def test_two_candidates_are_an_error_listing_both_and_nothing_is_written(sample, tmp_path):
    load(sample, tmp_path, "second.csv", "ID,Label,Type\nfpf-2,FPF,Agency\n")  # a second "FPF"
    before, loads = counts(sample), count_loads(sample)
    report = load(sample, tmp_path, "ambiguous.csv", "Label,Type,Description\nFPF,Agency,Which one?\n")
    assert not report.written
    [error] = report.errors
    assert (error.file, error.row, error.column) == ("ambiguous.csv", 2, "Label")
    assert "Fiji Police Force (fiji-police, by alias)" in error.message
    assert "FPF (fpf-2, by name)" in error.message
    assert counts(sample) == before and count_loads(sample) == loads


def link_of(driver, source, target, rel_type):
    return driver.execute_query(
        f"MATCH (:Entity {{id: $a}})-[r:{rel_type}]->(:Entity {{id: $b}}) RETURN r.notes AS notes, "
        "r.sources AS sources, r.loaded_from AS loaded_from, r.confidence AS confidence",
        a=source,
        b=target,
        result_transformer_=neo4j.Result.data,
    )


def test_two_rows_of_one_link_keep_both_notes_and_name_both_rows(sample, tmp_path):
    text = (
        "From,To,Type,Since,Notes,Sources\n"
        "afp,fiji-police,funds,2030,Equipment grant.,https://a.example\n"
        "AFP,Fiji Police Force,funds,2030,Training grant.,https://b.example\n"
    )
    report = load(sample, tmp_path, "links.csv", text)
    assert report.errors == []
    [link] = link_of(sample, "afp", "fiji-police", "FUNDS")
    assert link["notes"] == "links.csv:2: Equipment grant.; links.csv:3: Training grant."
    assert link["sources"] == ["https://a.example", "https://b.example"]
    assert link["loaded_from"] == "links.csv:2; links.csv:3"
    again = load(sample, tmp_path, "links.csv", text)
    assert again.changed() == 0  # the joined notes are the same every time


def test_a_stored_note_is_kept_when_a_row_has_none_and_reported_when_replaced(sample, tmp_path):
    first = "From,To,Type,Since,Notes,Confidence\nafp,fiji-police,funds,2030,Equipment grant.,low\n"
    load(sample, tmp_path, "first.csv", first)
    blank = load(
        sample, tmp_path, "blank.csv", "From,To,Type,Since,Notes,Confidence\nafp,fiji-police,funds,2030,,high\n"
    )
    [link] = link_of(sample, "afp", "fiji-police", "FUNDS")
    assert (link["notes"], link["confidence"]) == ("Equipment grant.", "high")
    assert not [w for w in warnings(blank) if "replaced" in w[3]]
    other = "From,To,Type,Since,Comments\nafp,fiji-police,funds,2030,Vehicles.\n"
    dry = load(sample, tmp_path, "other.csv", other, dry_run=True)
    report = load(sample, tmp_path, "other.csv", other)
    said = ("other.csv", 2, "Comments", "note replaced; the stored note was: 'Equipment grant.'")
    assert said in warnings(report) and said in warnings(dry)
    assert link_of(sample, "afp", "fiji-police", "FUNDS")[0]["notes"] == "Vehicles."


def test_a_stored_description_replaced_by_a_matching_row_is_reported(sample, tmp_path):
    stored = sample.execute_query(
        "MATCH (n:Entity {id: 'afp'}) RETURN n.description AS d", result_transformer_=neo4j.Result.single
    )["d"]
    report = load(sample, tmp_path, "afp.csv", "Label,Type,Description\nAFP,Agency,Our lead partner.\n")
    messages = [w[3] for w in warnings(report) if w[:3] == ("afp.csv", 2, "Description")]
    assert messages == [f"description replaced; the stored description was: {stored!r}"]


def test_an_endpoint_in_capitals_with_a_full_stop_finds_the_entity_and_says_so(sample, tmp_path):
    before = counts(sample)
    text = "From,To,Type,Since\nFIJI POLICE FORCE.,AFP,partners with,2031\n"
    report = load(sample, tmp_path, "capitals.csv", text)
    assert report.errors == [] and report.written
    assert counts(sample) == (before[0], before[1] + 1)  # one new link, no new entity
    assert link_of(sample, "fiji-police", "afp", "PARTNERS_WITH")
    said = {w[2]: w[3] for w in warnings(report) if w[:2] == ("capitals.csv", 2)}
    assert said == {
        "From": "'FIJI POLICE FORCE.' matched existing Fiji Police Force (fiji-police) by folded name",
        "To": "'AFP' matched existing Australian Federal Police (afp) by alias",
    }


def merged_ids(driver, entity_id):
    return driver.execute_query(
        "MATCH (n:Entity {id: $id}) RETURN n.merged_ids AS ids", id=entity_id, result_transformer_=neo4j.Result.single
    )["ids"]


def test_a_file_naming_a_merged_duplicates_id_finds_the_kept_entity(sample, tmp_path, capsys):
    assert not load(sample, tmp_path, "dup.csv", "ID,Label,Type\nafp-2,Aust. Federal Police,Agency\n").errors
    assert loader_cli(["merge", "afp", "afp-2", "--by", "alice"]) == 0
    capsys.readouterr()
    [change] = changes_of(sample, "merge")
    assert merged_ids(sample, "afp") == ["afp-2"]
    before = counts(sample)
    elements = "ID,Label,Type,Description\nafp-2,Aust. Federal Police,Agency,Federal police.\n"
    connections = "From,To,Type,Since\nafp-2,fiji-police,partners with,2031\nFiji Police Force,afp-2,funds,2031\n"
    (tmp_path / "later").mkdir()
    (tmp_path / "later" / "elements.csv").write_text(elements, encoding="utf-8")
    (tmp_path / "later" / "connections.csv").write_text(connections, encoding="utf-8")
    report = load_paths(sample, [str(tmp_path / "later")])
    assert report.errors == [] and report.written
    assert counts(sample) == (before[0], before[1] + 2)  # no afp-2 again: two links of afp
    assert names(sample, "afp", "afp-2") == {"afp": "Australian Federal Police"}
    assert link_of(sample, "afp", "fiji-police", "PARTNERS_WITH") and link_of(sample, "fiji-police", "afp", "FUNDS")
    description = sample.execute_query(
        "MATCH (n:Entity {id: 'afp'}) RETURN n.description AS d", result_transformer_=neo4j.Result.single
    )["d"]
    assert description == "Federal police."
    merge = f"afp-2 was merged into afp on {change['at'][:10]} (change {change['id']})"
    assert ("elements.csv", 2, "ID", f"{merge}; this row updates afp") in warnings(report)
    assert ("connections.csv", 2, "From", f"{merge}; linked to afp") in warnings(report)
    assert ("connections.csv", 3, "To", f"{merge}; linked to afp") in warnings(report)


def test_an_undone_merge_no_longer_sends_its_duplicates_id_to_the_kept_entity(sample, tmp_path, capsys):
    assert not load(sample, tmp_path, "dup.csv", "ID,Label,Type\nafp-2,Aust. Federal Police,Agency\n").errors
    assert loader_cli(["merge", "afp", "afp-2"]) == 0
    [change] = changes_of(sample, "merge")
    assert loader_cli(["undo", change["id"]]) == 0
    capsys.readouterr()
    assert merged_ids(sample, "afp") is None and names(sample, "afp-2") == {"afp-2": "Aust. Federal Police"}
    report = load(sample, tmp_path, "again.csv", "From,To,Type\nafp-2,fiji-police,partners with\n", dry_run=True)
    assert report.errors == [] and not [w for w in warnings(report) if "merged" in w[3]]


def changes_of(driver, kind):
    return driver.execute_query(
        "MATCH (c:Change {kind: $kind}) RETURN c.id AS id, c.at AS at ORDER BY c.seq",
        kind=kind,
        result_transformer_=neo4j.Result.data,
    )
