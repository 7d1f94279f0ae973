"""What every export says about itself: the header block, the file name, the byte-order mark, the markings a user
may choose, and the loader skipping the block again (pure)."""

import csv
import datetime as dt
import io

import openpyxl
import pytest

from graph.settings import SAMPLE_NOTICE, markings
from loaders.read import read_file
from render.tables import BOM, Stamp, block_rows, export_name, slug, to_csv, to_xlsx

ON = dt.date(2026, 12, 1)
ROWS = [{"target": "Fiji", "note": "=cmd|' /c calc'!A1", "hops": 2}, {"target": "Tonga", "note": "", "hops": None}]


def test_the_header_block_has_the_marking_the_question_the_local_date_and_on_sample_data_the_notice():
    plain = Stamp("Reach of every target", ON, "OFFICIAL: Sensitive")
    assert plain.lines() == ["# Marking: OFFICIAL: Sensitive", "# Reach of every target", "# As of 1 December 2026"]
    sample = Stamp("Reach of every target", ON, "OFFICIAL", sample=True)
    assert sample.lines()[-1] == f"# {SAMPLE_NOTICE}" and len(sample.lines()) == 4


def test_a_question_holding_line_breaks_stays_one_line_of_the_block():
    stamp = Stamp("Reach of\nEvil\r\nCorp\u2028Ltd", ON, "OFFICIAL")
    assert stamp.lines()[1] == "# Reach of Evil Corp Ltd"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pacific Islands Forum", "pacific-islands-forum"),
        ("tag:pacific priority:high", "tag-pacific-priority-high"),
        ("../../etc/passwd", "etc-passwd"),
        ('C:\\Windows\\<script>"x"|?*', "c-windows-script-x"),
        ("Tōkyō Ōsaka \u202egnp.exe", "tokyo-osaka-gnp-exe"),
        ("日本", ""),
        ("", ""),
        (None, ""),
        ("x" * 100, "x" * 40),
        ("a" * 39 + " b", "a" * 39),  # cut at 40 without a trailing hyphen
    ],
)
def test_slugs_are_safe_file_name_parts(text, expected):
    assert slug(text) == expected


def test_file_names_say_the_analysis_the_choice_and_the_date():
    assert export_name("reach", "pacific priority", ON, "csv") == "reach-pacific-priority-2026-12-01.csv"
    assert export_name("single_threads", "", ON, "xlsx") == "single-threads-2026-12-01.xlsx"
    assert export_name("", "../..", ON, "csv") == "export-2026-12-01.csv"
    hostile = export_name("reach", "/../../etc/passwd\x00;rm -rf ~", ON, "csv")
    assert hostile == "reach-etc-passwd-rm-rf-2026-12-01.csv" and "/" not in hostile


def test_a_stamped_csv_starts_with_a_bom_then_the_block_then_the_table_with_formulas_neutralised():
    text = to_csv(ROWS, Stamp("Reach, of every target", ON, "OFFICIAL", sample=True))
    assert text.startswith(BOM + "# Marking: OFFICIAL\n")
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    records = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r[0] for r in records[:4]] == [
        "# Marking: OFFICIAL",
        "# Reach, of every target",  # the comma kept in one (quoted) cell
        "# As of 1 December 2026",
        f"# {SAMPLE_NOTICE}",
    ]
    assert all(len(r) == 1 for r in records[:4])
    assert records[4] == ["target", "note", "hops"]
    assert records[5] == ["Fiji", "'=cmd|' /c calc'!A1", "2"] and records[6] == ["Tonga", "", ""]


def test_an_unstamped_csv_is_the_table_alone():
    assert to_csv(ROWS).startswith("target,note,hops\n")


def test_a_stamped_xlsx_has_the_block_in_its_first_rows_and_the_marking_in_its_properties():
    stamp = Stamp("Reach of every target", ON, "OFFICIAL: Sensitive", sample=True)
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(ROWS, "reach", stamp)))
    sheet = book["reach"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert [row[0] for row in values[:4]] == stamp.lines()
    assert values[block_rows(stamp)] == ["target", "note", "hops"]
    assert values[block_rows(stamp) + 1][:2] == ["Fiji", "'=cmd|' /c calc'!A1"]
    assert book.properties.keywords == "OFFICIAL: Sensitive" and sheet.freeze_panes == f"A{block_rows(stamp) + 2}"


def test_the_markings_list_puts_sge_marking_first_and_each_once(monkeypatch):
    monkeypatch.delenv("SGE_MARKING", raising=False)
    monkeypatch.delenv("SGE_MARKINGS", raising=False)
    assert markings() == ("OFFICIAL", "OFFICIAL: Sensitive")
    monkeypatch.setenv("SGE_MARKING", "OFFICIAL: Sensitive")
    assert markings() == ("OFFICIAL: Sensitive", "OFFICIAL")
    monkeypatch.setenv("SGE_MARKINGS", " OFFICIAL ,, PROTECTED, OFFICIAL")
    assert markings() == ("OFFICIAL: Sensitive", "OFFICIAL", "PROTECTED")
    monkeypatch.setenv("SGE_MARKING", "")
    assert markings()[0] == "OFFICIAL"


def test_the_loader_skips_the_block_finds_the_delimiter_below_it_and_keeps_row_numbers(tmp_path):
    # A question with semicolons would have made ";" the delimiter had the first line been asked.
    stamp = Stamp("Links of A;B;C;D, Label, Type", ON, "OFFICIAL", sample=True)
    path = tmp_path / "connections.csv"
    path.write_text(to_csv([{"From": "afp", "To": "pif", "Type": "member of"}], stamp), encoding="utf-8")
    problems = []
    tables = read_file(path, problems)
    assert tables[0].headers == ["From", "To", "Type"]
    assert tables[0].rows == [(6, {"From": "afp", "To": "pif", "Type": "member of"})]
    assert {p.code for p in problems} == {"bom", "block"}
    assert next(p for p in problems if p.code == "block").message == "header block of 4 lines starting with # skipped"


def test_a_header_row_that_starts_with_a_hash_is_not_taken_for_a_block(tmp_path):
    path = tmp_path / "elements.csv"
    path.write_text("#,Label,Type\n1,AFP,agency\n", encoding="utf-8")
    problems = []
    tables = read_file(path, problems)
    assert tables[0].headers == ["#", "Label", "Type"] and not problems
