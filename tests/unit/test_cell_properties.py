"""Any cell text either loads as the same text or is refused with its row, from a CSV and from an XLSX, and what
loaded comes back the same through the CSV pair and workbook exports (hypothesis; pure: read and validate only).

"The same text" allows only the loader's own fixes (`loaders.fixes`), each a warning on that row and column:
with no fix there, the value is the cell exactly.
"""

from __future__ import annotations

import csv
import io
import re

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.vocabulary import load_vocabulary
from loaders.read import MAX_CELL, read_file
from loaders.validate import validate
from render import exports

VOCAB = load_vocabulary()
HEADERS = ["ID", "Label", "Type", "Description"]
FIELDS = {"Label": "name", "Description": "description"}
# Characters a workbook cannot hold at all (openpyxl refuses them, as Excel does): those cells are CSV-only, as
# are cells longer than Excel's limit, which openpyxl cuts when writing (a crafted workbook's: test_hardening).
NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

texts = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),  # any character but a lone surrogate
    st.sampled_from(["=1+1", '\'=HYPERLINK("x")', "+61 2", "-", "@SUM(A1)", "  padded\u00a0", "a\r\nb", "_x0041_"]),
    st.integers(MAX_CELL - 1, MAX_CELL + 1).map(lambda n: "x" * n),  # at and beyond the longest cell
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def write_csv(path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out).writerows([HEADERS, *rows])
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


def write_xlsx(path, rows: list[list[str]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Elements"
    for r, row in enumerate([HEADERS, *rows], start=1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(r, c)
            cell.value = value
            cell.data_type = "s"  # typed text, as a person types it: "=1+1" is text here, not a formula
    book.save(path)


def load(path):
    problems: list = []
    tables = read_file(path, problems)
    result = validate(tables, VOCAB)
    result.problems[:0] = problems
    return result


def check_loaded_or_refused(result, text: str) -> dict | None:
    """The entity's loaded fields, asserting each is the cell exactly unless a fix on its column says otherwise;
    None when the row is refused, asserting an error names row 2."""
    if not result.entities:
        assert any(p.level == "error" and p.row == 2 for p in result.problems), result.problems
        return None
    (entity,) = result.entities
    assert not [p for p in result.problems if p.level == "error"]
    fixed = {p.column for p in result.problems if p.code and p.row == 2}
    loaded = {column: entity.props.get(field, "") for column, field in FIELDS.items()}
    for column, value in loaded.items():
        if column not in fixed:
            assert value == text, (column, value, text)
    return loaded


def round_trip(tmp_path, loaded: dict) -> None:
    """The loaded entity exported as the CSV pair and as a workbook loads back with the same fields."""
    entity = {"id": "e1", "kind": "Agency", **{FIELDS[c]: v for c, v in loaded.items() if v}}
    elements, _ = exports.csv_pair([entity], [])
    (tmp_path / "Elements.csv").write_text(elements, encoding="utf-8", newline="")
    (tmp_path / "export.xlsx").write_bytes(exports.to_xlsx([entity], []))
    for path in (tmp_path / "Elements.csv", tmp_path / "export.xlsx"):
        (again,) = load(path).entities
        assert {c: again.props.get(f, "") for c, f in FIELDS.items()} == loaded, path.name


def loads_as_it_is_or_is_refused(path, write, text) -> None:
    """One row holding `text` as its name and description, written by `write`: loaded as it is (then exported and
    loaded back the same) or refused with its row."""
    write(path, [["e1", text, "Agency", text]])
    loaded = check_loaded_or_refused(load(path), text)
    if loaded is not None:
        round_trip(path.parent, loaded)


@SETTINGS
@given(text=texts)
def test_any_cell_of_a_csv_loads_as_it_is_or_is_refused_with_its_row(tmp_path, text):
    loads_as_it_is_or_is_refused(tmp_path / "Elements.csv", write_csv, text)


@SETTINGS
@given(text=texts.filter(lambda t: not NOT_IN_XLSX.search(t) and len(t) <= MAX_CELL))  # openpyxl cuts longer
def test_any_cell_of_a_workbook_loads_as_it_is_or_is_refused_with_its_row(tmp_path, text):
    loads_as_it_is_or_is_refused(tmp_path / "book.xlsx", write_xlsx, text)
