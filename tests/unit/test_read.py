"""Reading files into tables: header detection, row numbers, skipped sheets, encodings (pure)."""

import csv
import io

import openpyxl
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from loaders.read import EXTRA_CELLS, _any_filled, _filled, _lines, read_file


def test_title_rows_above_the_header_are_skipped_and_rows_keep_sheet_numbers(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Elements"
    sheet["B2"] = "Stakeholder map, draft 3 (do not circulate)"
    sheet.append([])
    sheet.append([None, "Label", "Type"])
    sheet.append([None, "Australian Federal Police", "agency"])
    notes = book.create_sheet("Notes")
    notes.append(["Read me first"])
    notes.append(["Updated by the policy team"])
    book.save(tmp_path / "map.xlsx")
    problems = []
    tables = read_file(tmp_path / "map.xlsx", problems)
    assert [(t.source, t.role) for t in tables] == [("map.xlsx [Elements]", "elements")]
    assert tables[0].rows == [(5, {"Label": "Australian Federal Police", "Type": "agency"})]
    assert [(p.file, p.message.split(":")[0]) for p in problems] == [("map.xlsx [Notes]", "skipped")]


def test_cells_without_a_header_are_kept_for_the_report(tmp_path):
    path = tmp_path / "elements.csv"
    path.write_text("Label,,Type\nAFP,see notes,agency,extra\n")
    table = read_file(path, [])[0]
    assert table.rows[0][1][EXTRA_CELLS] == ["see notes", "extra"]


def test_semicolon_csv_from_european_excel(tmp_path):
    path = tmp_path / "connections.csv"
    path.write_text("From;To;Type\nAFP;Fiji;operates in\n")
    table = read_file(path, [])[0]
    assert table.role == "connections" and table.rows == [(2, {"From": "AFP", "To": "Fiji", "Type": "operates in"})]


def test_multi_line_cells_count_as_one_row(tmp_path):
    path = tmp_path / "elements.csv"
    path.write_bytes(b'Label,Type,Description\r\nAFP,agency,"line one\nline two"\r\nDFAT,agency,\r\n')
    rows = read_file(path, [])[0].rows
    assert [(number, cells["Label"]) for number, cells in rows] == [(2, "AFP"), (3, "DFAT")]
    assert rows[0][1]["Description"] == "line one\nline two"


WESTERN = ["Ñuñoa", "Société Générale", "São Tomé", "Zürich Müller", "Ålesund Øst", "Crédit “Agricole” – 5 €"]


@pytest.mark.parametrize(
    ("name", "encoding"),
    [(name, "cp1252") for name in WESTERN] + [(name, "latin-1") for name in WESTERN[:-1]],  # “ – € are cp1252's
)
def test_a_western_european_file_reads_exactly_with_a_warning_naming_the_encoding(tmp_path, name, encoding):
    path = tmp_path / "elements.csv"
    path.write_bytes(f"Label,Type\n{name},organisation\n".encode(encoding))
    problems = []
    table = read_file(path, problems)[0]
    assert table.rows == [(2, {"Label": name, "Type": "organisation"})]
    (warning,) = problems
    assert warning.message == "not UTF-8; read as cp1252. Check accented names."


def test_exact_latin_1_bytes_of_nunoa_are_not_read_as_cp1250(tmp_path):
    path = tmp_path / "elements.csv"
    path.write_bytes(b"Label,Type\n\xd1u\xf1oa,country\n")  # Ñuñoa in Latin-1; cp1250 would give Ńuńoa
    assert read_file(path, [])[0].rows[0][1]["Label"] == "Ñuñoa"


def test_a_central_european_file_is_still_read_as_such(tmp_path):
    path = tmp_path / "elements.csv"
    path.write_bytes("Label,Type\nŁódź Wrocław Gdańsk Białystok,city\nZespół Szkół,organisation\n".encode("cp1250"))
    problems = []
    table = read_file(path, problems)[0]
    assert table.rows[0][1]["Label"] == "Łódź Wrocław Gdańsk Białystok"
    assert problems[0].message == "not UTF-8; read as cp1250. Check accented names."


@given(st.lists(st.sampled_from(['"', ",", "\n", "\r", "\r\n", "a", "é", "\u2028", "\x0c"])).map("".join))
@example('a,"two\nlines"\r\nb,c\r\n')
@example("a,b\rc,d\r")  # lone carriage returns: old Mac line endings
def test_lines_give_csv_the_records_a_file_would(text):
    # The reader hands csv the text's lines itself (StringIO would hold the text again at four bytes a character).
    assert list(csv.reader(_lines(text))) == list(csv.reader(io.StringIO(text, newline="")))


@given(
    st.lists(
        st.one_of(st.text(st.sampled_from([" ", "\t", "\u00a0", "a", "\n"])), st.none(), st.integers(), st.floats())
    )
)
def test_a_row_is_filled_when_one_of_its_cells_is(values):
    # Text rows (every CSV row) are asked in C; a workbook's mixed rows cell by cell: the same answer.
    assert _any_filled(values) == any(_filled(v) for v in values)
