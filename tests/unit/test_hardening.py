"""Hardening: small crafted files cannot take the machine, two columns of one meaning and control characters are
reported with their place, and credentials in a URI are never shown."""

from __future__ import annotations

import time

import openpyxl
import pytest

from loaders import read as read_module
from loaders.pipeline import load_paths
from loaders.read import MAX_BLANK_RUN, MAX_CELL, MAX_COLUMNS, ReadError, read_tables
from loaders.report import PRINTED_CAUSES, format_report


def workbook(path, rows, far=None):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Elements"
    for row in rows:
        sheet.append(row)
    if far:
        sheet.cell(row=far[0], column=far[1], value="x")
    book.save(path)
    return path


def test_a_sheet_that_claims_a_million_rows_and_every_column_is_read_in_seconds(tmp_path):
    path = workbook(tmp_path / "small.xlsx", [["Label", "Type"], ["AFP", "Agency"]], far=(1_000_000, 16_000))
    assert path.stat().st_size < 20_000  # a few kilobytes
    problems = []
    started = time.perf_counter()
    (table,) = read_tables(path, problems)
    assert time.perf_counter() - started < 60  # generous: minutes before the limits, seconds after
    assert [cells for _, cells in table.rows] == [{"Label": "AFP", "Type": "Agency"}]
    assert [p.message for p in problems] == [
        f"{MAX_BLANK_RUN:,} blank rows in a row: the rest of the sheet is taken as empty"
    ]


def test_columns_beyond_the_limit_are_not_read_and_the_report_says_so(tmp_path):
    header = ["Label", "Type", *(f"c{i}" for i in range(MAX_COLUMNS + 5))]
    path = workbook(tmp_path / "wide.xlsx", [header, ["AFP", "Agency", *range(MAX_COLUMNS + 5)]])
    problems = []
    (table,) = read_tables(path, problems)
    assert len(table.headers) == MAX_COLUMNS
    assert [p.message for p in problems] == [f"cells beyond column {MAX_COLUMNS} were not read"]


def test_a_workbook_that_unpacks_too_large_is_refused_before_parsing(tmp_path, monkeypatch):
    path = workbook(tmp_path / "bomb.xlsx", [["Label", "Type"], ["AFP", "Agency"]])
    monkeypatch.setattr(read_module, "MAX_UNPACKED", 1_000)
    with pytest.raises(ReadError, match=r"^bomb\.xlsx: unpacks to 0 MB, more than the 0 MB a workbook may hold"):
        read_tables(path, [])


def test_an_over_long_cell_is_refused_with_its_row_and_column(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(f"Label,Type,Description\nAFP,Agency,{'x' * (MAX_CELL + 1)}\nACIC,Agency,short\n")
    report = load_paths(None, [str(path)])
    (error,) = report.errors
    assert (error.file, error.row, error.column) == ("long.csv", 2, "Description")
    assert error.message == f"{MAX_CELL + 1:,} characters: at most {MAX_CELL:,} a cell"


def test_the_terminal_report_lists_a_bounded_number_of_causes(tmp_path):
    path = tmp_path / "kinds.csv"
    path.write_text("Label,Type\n" + "".join(f"Org {i},Kind{i}\n" for i in range(PRINTED_CAUSES + 50)))
    report = load_paths(None, [str(path)])
    assert len(report.errors) == PRINTED_CAUSES + 50
    text = format_report(report)
    assert "…and 50 more causes (the Load page lists every problem)" in text
    assert len(text.splitlines()) < PRINTED_CAUSES + 20


@pytest.mark.parametrize(
    ("headers", "one", "other", "field"),
    [
        ("Label,Name,Type", "Label", "Name", "Label"),
        ("Label,Type,URL,Sources", "URL", "Sources", "Sources"),
        ("Label,Type,AKA,Aliases", "AKA", "Aliases", "Aliases"),
    ],
)
def test_two_columns_with_one_meaning_are_an_error_naming_both(tmp_path, headers, one, other, field):
    path = tmp_path / "two.csv"
    path.write_text(headers + "\n" + ",".join("Agency" if h == "Type" else "AFP" for h in headers.split(",")) + "\n")
    report = load_paths(None, [str(path)])
    (error,) = report.errors
    assert (error.file, error.row, error.column) == ("two.csv", 1, other)
    assert error.message.startswith(f"columns {one!r} and {other!r} are both read as {field}: keep one of them")


def test_control_characters_are_removed_with_the_row_named(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_text("Label,Type\nAustralian\x00 Federal\x1b Police\u202e,Agency\n", encoding="utf-8")
    report = load_paths(None, [str(path)])
    (fixed,) = [p for p in report.warnings if p.code == "control"]
    assert (fixed.file, fixed.row, fixed.column, fixed.message) == (
        "nul.csv",
        2,
        "Label",
        "3 control character(s) removed",
    )


@pytest.mark.parametrize(
    ("uri", "shown"),
    [
        ("neo4j+s://admin:s3cret@x.databases.neo4j.io", "neo4j+s://x.databases.neo4j.io"),
        ("bolt://u:p@w@host:7687/db", "bolt://host:7687/db"),
        ("bolt://127.0.0.1:7687", "bolt://127.0.0.1:7687"),
    ],
)
def test_a_password_inside_the_uri_is_never_shown(uri, shown):
    from queries.connection import settings

    described = settings({"NEO4J_URI": uri}).describe()
    assert described == shown and "s3cret" not in described


def test_rejected_rows_are_written_inert_and_load_back_as_they_were(tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text('Label,Type,Description\nAFP,Agency,ok\n@SUM(1+1),Think tank,"=HYPERLINK(""http://x"")"\n')
    rejects = tmp_path / "rejects.csv"
    report = load_paths(None, [str(path)], allow_errors=True, rejects=str(rejects))
    assert report.rejects_files == [str(rejects)]
    written = rejects.read_text(encoding="utf-8-sig").splitlines()
    assert written[1].startswith("'@SUM(1+1),Think tank,\"'=HYPERLINK(")  # nothing a spreadsheet would run
    fixed = rejects.read_text(encoding="utf-8-sig").replace("Think tank", "NGO")
    rejects.write_text(fixed, encoding="utf-8")
    again = load_paths(None, [str(rejects)])
    assert again.errors == []
    dropped = sorted((p.row, p.column, p.change) for p in again.problems if p.code == "apostrophe")
    assert dropped == [
        (2, "Description", "'\\'=HYPERLINK(\"http://x\")' → '=HYPERLINK(\"http://x\")'"),
        (2, "Label", "\"'@SUM(1+1)\" → '@SUM(1+1)'"),
    ]


@pytest.mark.parametrize("raw", ["-1", "-5", "inf", "nan", "99999999999999999999", "1e300"])
def test_a_negative_or_endless_number_parameter_is_refused(raw):
    import networkx as nx

    from analyses.catalog import Context, ParamError

    ctx = Context(graph=nx.MultiDiGraph(), on="2026-12-01", params={"max_hops": raw, "weight": raw})
    kind = int if raw.lstrip("-").isdigit() else float
    with pytest.raises(ParamError, match=r"must be a number from 0 to 100,000"):
        ctx.param("max_hops" if kind is int else "weight", 3, kind)


def test_part_of_links_that_go_round_in_a_circle_load_with_a_warning_naming_each_row(tmp_path):
    (tmp_path / "Elements.csv").write_text(
        "Label,Type\nCyber Unit,agency\nCrime Command,agency\nFederal Police,agency\nFiji,country\n"
    )
    (tmp_path / "Connections.csv").write_text(
        "From,To,Type\n"
        "Cyber Unit,Crime Command,part of\n"
        "Crime Command,Federal Police,part of\n"
        "Federal Police,Fiji,operates in\n"
        "Federal Police,Cyber Unit,part of\n"
    )
    report = load_paths(None, [str(tmp_path)])
    assert report.errors == []
    (cycle,) = [p for p in report.warnings if "circle" in p.message]
    assert (cycle.file, cycle.row, cycle.column) == ("Connections.csv", 5, None)
    assert cycle.message == (
        "part-of links go round in a circle: Cyber Unit is part of Crime Command (Connections.csv row 2); "
        "Crime Command is part of Federal Police (Connections.csv row 3); Federal Police is part of Cyber Unit "
        "(Connections.csv row 5). An organisation cannot be part of itself: check the From and To of these rows "
        "(loaded as written)"
    )


@pytest.mark.parametrize(
    ("rows", "circle"),
    [
        ("Unit,Command,part of,,\nCommand,Unit,part of,,\n", True),
        ("Unit,Command,part of,,2015\nCommand,Unit,part of,2016,\n", False),  # moved: history, not a circle
        ("Unit,Command,part of,,2030\nCommand,Unit,part of,,\n", True),  # ends later: a circle today
        ("Unit,Command,part of,,\nCommand,Unit,partners with,,\n", False),
        ("Unit,Unit,part of,,\n", False),  # a self-link has its own warning
    ],
)
def test_only_part_of_links_open_today_make_a_circle(tmp_path, rows, circle):
    (tmp_path / "Elements.csv").write_text("Label,Type\nUnit,agency\nCommand,agency\n")
    (tmp_path / "Connections.csv").write_text("From,To,Type,Since,Until\n" + rows)
    report = load_paths(None, [str(tmp_path)])
    assert report.errors == []
    assert any("circle" in p.message for p in report.warnings) == circle


def saved_value(path, cell, value):
    """`path` with the saved value `value` written into formula cell `cell`, as Excel saves it."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {item.filename: archive.read(item) for item in archive.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    before = parts[sheet].decode()
    start = before.index(f'<c r="{cell}"')
    end = before.index("<v></v>", start)
    parts[sheet] = (before[:start] + before[start:end].replace("<c ", '<c t="str" ', 1) + f"<v>{value}</v>").encode()
    parts[sheet] += before[end + len("<v></v>") :].encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_a_formula_without_a_saved_value_is_a_warning_naming_its_sheet_row_and_column(tmp_path):
    rows = [["Label", "Type", "Description"], ['="Australian "&"Federal Police"', "Agency", "=1+1"], ["ACIC", "Agency"]]
    path = workbook(tmp_path / "formulas.xlsx", rows)
    report = load_paths(None, [str(path)])
    unsaved = [(p.file, p.row, p.column, p.message) for p in report.warnings if "formula" in p.message]
    assert unsaved == [
        (
            "formulas.xlsx [Elements]",
            2,
            column,
            f"formula {formula!r} has no saved value, so it reads as blank: open the workbook in Excel or "
            "LibreOffice and save it, or type the value",
        )
        for column, formula in [("Label", '="Australian "&"Federal Police"'), ("Description", "=1+1")]
    ]
    assert [(e.row, e.column, e.message) for e in report.errors] == [(2, "Label", "name is blank")]


def test_a_formula_with_its_saved_value_reads_as_that_value_without_a_warning(tmp_path):
    path = workbook(tmp_path / "saved.xlsx", [["Label", "Type"], ['="A"&"FP"', "Agency"]])
    saved_value(path, "A2", "AFP")
    problems = []
    (table,) = read_tables(path, problems)
    assert [cells for _, cells in table.rows] == [{"Label": "AFP", "Type": "Agency"}]
    assert problems == []


def test_a_formula_above_the_header_row_is_named_by_its_column_letter(tmp_path):
    path = workbook(tmp_path / "title.xlsx", [["=TODAY()"], ["Label", "Type"], ["AFP", "Agency"]])
    problems = []
    read_tables(path, problems)
    assert [(p.row, p.column) for p in problems] == [(1, "A")]


@pytest.mark.parametrize(
    ("cell", "unsaved"),
    [
        ('<c r="A2"><f>1+1</f><v></v></c>', True),
        ('<c r="A2"><f>1+1</f></c>', True),
        ('<c r="A3"><f t="shared" si="0"/><v/></c>', True),
        ('<x:c r="A2"><x:f>1+1</x:f></x:c>', True),
        ('<c r="A2"><f>1+1</f><v>2</v></c>', False),
        ('<c r="A3"><f t="shared" si="0"/><v>3</v></c>', False),
        ('<c r="A2" t="inlineStr"><is><t>no formula</t></is></c>', False),
    ],
)
def test_only_a_workbook_with_a_formula_lacking_its_saved_value_is_read_for_its_formulas(tmp_path, cell, unsaved):
    import zipfile

    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", f"<worksheet><sheetData><row>{cell}</row></sheetData></worksheet>")
    assert read_module._has_unsaved_formulas(path) == unsaved


def test_an_over_long_cell_of_a_crafted_workbook_is_refused_with_its_sheet_row_and_column(tmp_path):
    import zipfile

    path = workbook(tmp_path / "long.xlsx", [["Label", "Type", "Description"], ["AFP", "Agency", "x" * MAX_CELL]])
    with zipfile.ZipFile(path) as archive:  # Excel and openpyxl stop at the limit; a crafted file need not
        parts = {item.filename: archive.read(item) for item in archive.infolist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b"x" * MAX_CELL, b"x" * 40_000)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    report = load_paths(None, [str(path)])
    assert [(e.file, e.row, e.column, e.message) for e in report.errors] == [
        ("long.xlsx [Elements]", 2, "Description", f"40,000 characters: at most {MAX_CELL:,} a cell")
    ]


@pytest.mark.parametrize(
    ("name", "csv_text", "column"),
    [
        ("name", "Label,Type\n{long},Agency\n", "Label"),
        ("id", "ID,Label,Type\n{long},AFP,Agency\n", "ID"),
        ("wording", "Label,Type\nAFP,Agency\nACIC,Agency\n", None),
    ],
)
def test_a_name_id_or_type_longer_than_the_index_holds_is_refused_with_its_row(tmp_path, name, csv_text, column):
    from loaders.validate import MAX_NAME

    long = "x" * (MAX_NAME + 1)
    (tmp_path / "Elements.csv").write_text(csv_text.format(long=long))
    if column is None:
        (tmp_path / "Connections.csv").write_text(f"From,To,Type\nAFP,ACIC,{long}\n")
    report = load_paths(None, [str(tmp_path)])
    where = ("Elements.csv", 2, column) if column else ("Connections.csv", 2, "Type")
    assert [(e.file, e.row, e.column, e.message) for e in report.errors] == [
        (*where, f"{MAX_NAME + 1:,} characters: a name, ID or type holds at most {MAX_NAME:,}")
    ]
