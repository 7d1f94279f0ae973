"""Every fix the loader makes on its own is a warning with file, row and column, and a summary line per kind (pure).

``tests/data/fixes/`` holds one of each: a BOM, a trailing space in a label, ``Government Agency`` and
``Member of``, ``USA`` and ``United States``, ``Mar 2020``, an ambiguous ``03/04/2021``, cells with line
breaks, an exact duplicate row, ``FY2023-24`` and ``Q3 2021``.  ``load_paths(None, ...)`` validates without
a database.
"""

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from graph.dates import active
from graph.settings import SettingError
from graph.vocabulary import load_vocabulary
from loaders import fixes
from loaders.pipeline import load_paths
from loaders.read import read_file
from loaders.report import fix_lines, format_report
from loaders.validate import validate
from tests.conftest import DATA

FOLDER = DATA / "fixes"
E, C = "Elements.csv", "Connections.csv"
EXPECTED = {  # (kind, file, row, column) of every fix in the fixture
    ("bom", E, 1, None),
    ("trimmed", E, 2, "Label"),
    ("wording", E, 2, "Type"),
    ("multiline", E, 3, "Description"),
    ("country", E, 5, "Country"),
    ("duplicate", E, 7, None),
    ("wording", C, 2, "Type"),
    ("date", C, 2, "Since"),
    ("multiline", C, 3, "From"),
    ("ambiguous", C, 3, "Since"),
    ("period", C, 4, "Since"),
    ("period", C, 5, "Since"),
    ("period", C, 5, "Until"),
}
SUMMARY = [
    "byte-order mark dropped (1 file)",
    "cells trimmed (1)",
    "multi-line cells (2): 1 kept, 1 joined",
    "wording folded by case (2): 'Government Agency' → Agency (synonym 'government agency'), 'Member of' → MEMBER_OF",
    "country spellings unified (1): 'United States' → USA",
    "non-ISO dates read (1): 'Mar 2020' → 2020-03 (month)",
    "financial years and quarters read as periods (3): 'FY2023-24' → financial year 2023-07-01 to 2024-06-30 ×2, "
    "'Q3 2021' → quarter 2021-07-01 to 2021-09-30",
    "ambiguous dates (1): '03/04/2021' → 2021-04-03 (day first)",
    "exact duplicate rows collapsed (1)",
]


@pytest.fixture
def report(monkeypatch):
    monkeypatch.delenv("SGE_FY_START", raising=False)
    return load_paths(None, [str(FOLDER)])


def validated(folder=FOLDER):
    tables = []
    for path in sorted(folder.iterdir()):
        tables += read_file(path, [])
    return validate(tables, load_vocabulary())


def test_every_fix_is_a_warning_with_its_kind_file_row_and_column(report):
    assert report.errors == []
    found = [(p.code, p.file, p.row, p.column) for p in report.problems if p.code]
    assert sorted(found, key=str) == sorted(EXPECTED, key=str)
    assert {p.level for p in report.problems} == {"warning"}
    assert all(p.code for p in report.problems), "every warning in the fixture is a fix"


def test_the_report_ends_with_one_summary_line_per_kind_of_fix(report):
    assert fix_lines(report) == SUMMARY
    text = format_report(report)
    tail = text.split("Fixed on the way (each one is a warning above):\n", 1)[1]
    assert tail.splitlines() == [f"  {line}" for line in SUMMARY]


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("Elements.csv, row 1:", "byte-order mark (BOM) before the first cell dropped"),
        ("Elements.csv, row 2, column 'Label':", "'Australian Federal Police ' read as 'Australian Federal Police'"),
        (
            "Elements.csv, row 2, column 'Type':",
            "kind 'Government Agency' read as Agency (synonym 'government agency')",
        ),
        ("Elements.csv, row 3, column 'Description':", "line breaks kept"),
        ("Elements.csv, row 5, column 'Country':", "'United States' read as USA, the same country as 'USA'"),
        ("Elements.csv, row 7:", "exact duplicate of row 4; collapsed"),
        ("Connections.csv, row 2, column 'Type':", "relationship 'Member of' read as MEMBER_OF"),
        ("Connections.csv, row 2, column 'Since':", "date 'Mar 2020' read as 2020-03 (month)"),
        ("Connections.csv, row 3, column 'From':", "lines joined with a space: read as 'eSafety Commissioner'"),
        ("Connections.csv, row 3, column 'Since':", "ambiguous date '03/04/2021' read day first"),
        ("Connections.csv, row 4, column 'Since':", "'FY2023-24' read as the financial year 2023-07-01 to 2024-06-30"),
        ("Connections.csv, row 5, column 'Since':", "'Q3 2021' read as the quarter 2021-07-01 to 2021-09-30; 2021-07"),
        ("Connections.csv, row 5, column 'Until':", "2024-06-30; 2024-06 kept, its end"),
    ],
)
def test_the_cli_report_names_each_fix_where_it_was_made(report, where, words):
    assert any(where in line and words in line for line in format_report(report).splitlines()), (where, words)


def test_periods_keep_since_at_their_start_and_until_at_their_end():
    links = {(link.source, link.props.get("since"), link.props.get("until")) for link in validated().links}
    assert links == {
        ("australian-federal-police", "2020-03", None),
        ("esafety-commissioner", "2021-04-03", None),
        ("meta", "2023-07", None),
        ("google", "2021-07", "2024-06"),
    }
    assert active("2021-07", "2024-06", "2021-07-01") and active("2021-07", "2024-06", "2024-06-30")
    assert not active("2021-07", "2024-06", "2021-06-30") and not active("2021-07", "2024-06", "2024-07-01")


def test_the_financial_year_follows_sge_fy_start(monkeypatch):
    monkeypatch.setenv("SGE_FY_START", "4")
    result = validated()
    assert {link.source: link.props.get("until") for link in result.links}["google"] == "2024-03"
    assert any("2023-04-01 to 2024-03-31" in p.message for p in result.problems if (p.row, p.column) == (4, "Since"))


def test_a_bad_sge_fy_start_stops_the_load_plainly(monkeypatch):
    monkeypatch.setenv("SGE_FY_START", "13")
    with pytest.raises(SettingError, match="SGE_FY_START='13'"):
        load_paths(None, [str(FOLDER)])


# -- the pieces ---------------------------------------------------------------------------------------------------
def test_tidy_trims_and_handles_line_breaks_by_field():
    cells = {
        "Label": "\u00a0Pacific\nForum ",
        "Aliases": "PIF\nForum Sec",
        "Notes": "one\r\ntwo",
        "Colour": "red\nblue",
        "Amount": 3.0,
    }
    fields = {"Label": "name", "Aliases": "aliases", "Notes": "notes"}
    tidy, found = fixes.tidy("e.csv", 2, cells, fields)
    assert tidy == {
        "Label": "Pacific Forum",
        "Aliases": "PIF\nForum Sec",
        "Notes": "one\ntwo",
        "Colour": "red\nblue",
        "Amount": 3.0,
    }
    assert [(p.code, p.column, p.change) for p in found] == [
        ("trimmed", "Label", ""),
        ("multiline", "Label", "joined"),
        ("multiline", "Aliases", "split into items"),
        ("multiline", "Notes", "kept"),
        ("multiline", "Colour", "kept"),  # a free column is free text
    ]
    assert found[0].message.startswith("leading and trailing white space removed")
    assert fixes.tidy("e.csv", 2, {"Label": "A\u00a0B"}, {})[1][0].message.startswith("non-breaking spaces made plain")


@given(
    st.one_of(st.text(), st.text(st.sampled_from(["'", "=", "+", " ", "\t", "\n", "\r", "\u00a0", "\u2028", "a"]))),
    st.sampled_from([None, "name", "aliases", "notes"]),
)
@example("'=SUM(A1)", None)
@example("'quoted'", "name")
@example("a\u00a0b", "name")
def test_a_cell_with_nothing_to_tidy_is_let_through_as_the_rule_would(text, field):
    # tidy_cell lets printable text without white space at its ends through at once: the rule must agree.
    assert fixes.tidy_cell(text, field) == fixes._tidy_text(text, field)


@pytest.mark.parametrize(
    ("written", "what", "change"),
    [
        ("agency", "kind", None),  # spelled so in the vocabulary
        ("Agency", "kind", None),
        ("AGENCY", "kind", "'AGENCY' → Agency"),
        ("Tech Company", "kind", "'Tech Company' → Company (synonym 'tech company')"),
        ("spaceship", "kind", None),  # unknown wording is another warning
        ("member of", "relationship", None),
        ("MEMBER_OF", "relationship", None),
        ("Funded  by", "relationship", "'Funded  by' → FUNDS, read backwards (synonym 'funded by')"),
        ("Part_Of", "relationship", "'Part_Of' → PART_OF"),
    ],
)
def test_wording_is_a_fix_only_when_it_differs_from_how_the_vocabulary_spells_it(written, what, change):
    found = fixes.wording(load_vocabulary(), "f.csv", 2, "Type", written, what)
    assert (found and found.change) == change


def test_levels_and_amounts_are_fixes_only_when_rewritten():
    assert fixes.level("f.csv", 2, "Priority", "high", "high") is None
    assert fixes.level("f.csv", 2, "Priority", "H", "high").change == "'H' → high"
    assert fixes.amount("f.csv", 2, "Amount", "250000", 250000.0) is None
    assert fixes.amount("f.csv", 2, "Amount", "AUD 1,250,000.50", 1250000.5).change == "'AUD 1,250,000.50' → 1250000.5"


def test_a_country_written_one_way_throughout_is_no_fix():
    same = [("e.csv", 2, "Country", "Australia", "AUS"), ("e.csv", 3, "Country", "Australia", "AUS")]
    assert fixes.country_spellings(same) == []
    mixed = [*same, ("c.csv", 4, "To", "AUS", "AUS"), ("c.csv", 5, "To", "australia", "AUS")]
    assert [(p.file, p.row, p.change) for p in fixes.country_spellings(mixed)] == [
        ("e.csv", 2, "'Australia' → AUS"),
        ("e.csv", 3, "'Australia' → AUS"),
        ("c.csv", 5, "'australia' → AUS"),
    ]


def test_the_summary_counts_files_for_file_fixes_and_shows_a_few_examples():
    found = [fixes.fix("bom", f, 1, None, "BOM") for f in ("a.csv", "b.csv")]
    found += [
        fixes.fix("date", "a.csv", r, "Since", "d", f"'{r} Mar 2020' → 2020-03-{r:02d} (day)") for r in range(2, 7)
    ]
    assert fixes.summary(found) == [
        "byte-order mark dropped (2 files)",
        "non-ISO dates read (5): '2 Mar 2020' → 2020-03-02 (day), '3 Mar 2020' → 2020-03-03 (day), "
        "'4 Mar 2020' → 2020-03-04 (day) and 2 more",
    ]


def test_headers_trimmed_and_renamed_and_a_bom_in_json_are_fixes(tmp_path):
    path = tmp_path / "elements.csv"
    path.write_text("Label , Type,Notes,Notes\nAFP,agency,a,b\n")
    problems = []
    table = read_file(path, problems)[0]
    assert table.headers == ["Label", "Type", "Notes", "Notes (2)"]
    assert [(p.code, p.row, p.column) for p in problems] == [
        ("trimmed", 1, "Label"),
        ("trimmed", 1, "Type"),
        ("header", 1, "Notes (2)"),
    ]
    data = tmp_path / "export.json"
    data.write_bytes(b"\xef\xbb\xbf" + json.dumps({"elements": [{"label": "AFP", "type": "agency"}]}).encode())
    problems = []
    assert read_file(data, problems)[0].rows == [(1, {"label": "AFP", "type": "agency"})]
    assert [(p.code, p.file, p.row) for p in problems] == [("bom", "export.json", 1)]
