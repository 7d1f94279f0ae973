"""Validation turns tables into entities and links, or precise problems (pure)."""

from pathlib import Path

import pytest

from graph.vocabulary import load_vocabulary
from loaders.read import read_file
from loaders.validate import validate

ELEMENTS = """\ufeffLabel ,TYPE,Aliases,Country,Tags
Australian Federal Police,government agency,AFP,Australia,police|sample
Home Affairs,Department,,AUS,
Roblox,tech company,,United States,
Child Protection Program,programme,,AUS,
Australian Federal Police,government agency,AFP,Australia,police|sample
"""
CONNECTIONS = """From,To,Type,Start Date,End date
AFP,Home Affairs,Part of,15/03/2020,
Child Protection Program,Home Affairs,funded by,2019,
afp,Fiji,operates in,03/04/2021,
Roblox,AFP,co-hosts,,
"""


def tables_of(tmp_path: Path, **files: str):
    tables, problems = [], []
    for name, text in files.items():
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8", newline="")
        tables += read_file(path, problems)
    return tables


def messages(result, level):
    return [(p.file, p.row, p.column, p.message) for p in result.problems if p.level == level]


@pytest.fixture
def result(tmp_path):
    return validate(tables_of(tmp_path, Elements=ELEMENTS, Connections=CONNECTIONS), load_vocabulary())


def test_entities_get_ids_kinds_and_iso3_countries(result):
    kinds = {e.id: e.kind for e in result.entities}
    assert kinds == {
        "australian-federal-police": "Agency",
        "home-affairs": "Agency",
        "roblox": "Company",
        "child-protection-program": "Program",
        "FJI": "Country",
    }
    by_id = {e.id: e for e in result.entities}
    assert by_id["roblox"].props["country"] == "USA"
    assert by_id["australian-federal-police"].props["tags"] == ["police", "sample"]
    assert by_id["FJI"].props["name"] == "Fiji"


def test_links_resolve_by_alias_and_reverse_funded_by(result):
    links = {(link.type, link.source, link.target, link.props.get("since")) for link in result.links}
    assert links == {
        ("PART_OF", "australian-federal-police", "home-affairs", "2020-03-15"),
        ("FUNDS", "home-affairs", "child-protection-program", "2019"),
        ("OPERATES_IN", "australian-federal-police", "FJI", "2021-04-03"),
        ("RELATED_TO", "roblox", "australian-federal-police", None),
    }
    related = next(link for link in result.links if link.type == "RELATED_TO")
    assert related.props["kind"] == "co-hosts"


def test_warnings_name_file_row_and_column(result):
    warnings = messages(result, "warning")
    assert ("Elements.csv", 6, None, "exact duplicate of row 2; collapsed") in warnings
    assert any(
        w[:3] == ("Connections.csv", 4, "Start Date") and "ambiguous date '03/04/2021'" in w[3] for w in warnings
    )
    assert any(w[:3] == ("Connections.csv", 5, "Type") and "kept as RELATED_TO" in w[3] for w in warnings)
    assert messages(result, "error") == []


def test_errors_reject_rows_and_the_links_that_need_them(tmp_path):
    elements = "Label,Type\nAustralian Federal Police,agency\nMystery,spaceship\n"
    connections = (
        "From,To,Type,Since\nAustralian Federal Polce,Home Affairs,partner,\n"
        "Mystery,Australian Federal Police,partner,\n"
        "Australian Federal Police,Fiji,operates in,31/02/2020\n"
    )
    result = validate(tables_of(tmp_path, Elements=elements, Connections=connections), load_vocabulary())
    errors = messages(result, "error")
    assert ("Elements.csv", 3, "Type", errors[0][3]) == errors[0] and "unknown kind 'spaceship'" in errors[0][3]
    unresolved = [e for e in errors if e[1] == 2 and e[2] == "From"]
    assert unresolved and "did you mean 'Australian Federal Police' (id australian-federal-police)?" in unresolved[0][3]
    assert any(e[:3] == ("Connections.csv", 4, "Since") and "bad date" in e[3] for e in errors)
    assert any(e[:2] == ("Connections.csv", 3) for e in errors)  # Mystery's row was rejected
    assert result.links == []
    assert {(f, r) for f, r, _, _ in result.rejected} == {
        ("Elements.csv", 3),
        ("Connections.csv", 2),
        ("Connections.csv", 3),
        ("Connections.csv", 4),
    }


def test_missing_required_column(tmp_path):
    result = validate(tables_of(tmp_path, Connections="From,Type\nA,partner\n"), load_vocabulary())
    assert messages(result, "error") == [
        (
            "Connections.csv",
            1,
            None,
            "missing required column To (headers: From, Type); map the columns on the Load page, "
            "or load with --mapping FILE",
        )
    ]


def test_known_entities_resolve_connections_loaded_later(tmp_path):
    known = [{"id": "afp", "name": "Australian Federal Police", "aliases": ["AFP"]}]
    result = validate(
        tables_of(tmp_path, Connections="From,To,Type\nAFP,Samoa,operates in\n"), load_vocabulary(), known
    )
    assert [(link.source, link.target) for link in result.links] == [("afp", "WSM")]


@pytest.mark.parametrize(
    ("written", "flagged"), [("1850", True), ("2099", False), ("2101-05-01", True), ("1900", False)]
)
def test_a_date_before_1900_or_after_2100_is_loaded_with_a_warning_naming_row_and_column(tmp_path, written, flagged):
    tables = tables_of(
        tmp_path,
        Elements="Label,Type\nAFP,agency\nFiji,country\n",
        Connections=f"From,To,Type,Since\nAFP,Fiji,operates in,{written}\n",
    )
    result = validate(tables, load_vocabulary())
    found = [m for m in messages(result, "warning") if "before 1900 or after 2100" in m[3]]
    expected = [("Connections.csv", 2, "Since", f"date {written!r} is before 1900 or after 2100: loaded, but check it")]
    assert found == (expected if flagged else [])
    assert len(result.links) == 1


def test_a_link_from_an_entity_to_itself_loads_with_a_warning_naming_its_cell(tmp_path):
    links = "From,To,Type\nAFP,Australian Federal Police,partners with\n"
    found = validate(tables_of(tmp_path, Elements=ELEMENTS, Connections=links), load_vocabulary())
    assert ("Connections.csv", 2, "To", "links Australian Federal Police to itself; check From and To") in messages(
        found, "warning"
    )
    assert [(x.source, x.target) for x in found.links] == [("australian-federal-police", "australian-federal-police")]
