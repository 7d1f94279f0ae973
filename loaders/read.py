"""Read CSV, XLSX and JSON files into `Table` records.

Nothing here interprets cells; it only finds the rows, their spreadsheet row
numbers and what kind of table each one is.  What it fixes on the way (a
byte-order mark, another encoding, headers trimmed or renamed) is noted as a
warning (`loaders.fixes`).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path

import charset_normalizer
import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from graph.vocabulary import fold, load_vocabulary
from loaders.fixes import fix, trimmed
from loaders.model import ColumnMapping, Problem, Table, headers_key

SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".json"}
ELEMENT_LABEL = {"label", "name", "title", "organisation", "organization", "entity"}
FROM, TO = {"from", "from id", "from label", "source id"}, {"to", "to id", "to label", "target id"}
FINDING = {"finding", "finding id", "finding kind", "risk or opportunity"}  # headers only a findings table has


EXTRA_CELLS = "\0extra"  # cells beyond the last header, reported by validation

# Limits checked before or while parsing, so that a small crafted file cannot take the machine: a workbook is a zip
# that can unpack to gigabytes, and a sheet can claim 16,384 columns and a million rows in a few kilobytes.
MAX_UNPACKED = 512 * 1024 * 1024  # bytes a workbook may unpack to
MAX_COLUMNS = 200  # columns read from a sheet (a table of the loader's formats has about 15)
MAX_ROWS = 1_100_000  # rows of one table (Excel's own limit is 1,048,576)
MAX_BLANK_RUN = 10_000  # blank rows in a row after which the rest of a sheet is taken as empty
MAX_CELL = 32_767  # characters in a cell (Excel's own limit)


class ReadError(Exception):
    """A file that cannot be read at all (exit code 2)."""


def expand_paths(paths: list[str]) -> list[Path]:
    """Files named by `paths`, each folder replaced by its readable files in name order."""
    found = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(
                p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "~$"))
            )
        elif path.is_file() and path.suffix.lower() not in SUFFIXES:
            raise ReadError(f"{name}: not a CSV, XLSX or JSON file")
        elif path.is_file():
            found.append(path)
        else:
            raise ReadError(f"{name}: no such file or folder")
    if not found:
        raise ReadError(f"no CSV, XLSX or JSON files in {', '.join(paths)}")
    return found


def read_tables(path: Path, problems: list[Problem]) -> list[Table]:
    """Every table with headers in one file, classified (``role`` is ``""`` when neither elements nor connections).

    Decoding notes go to `problems`.
    """
    suffix = path.suffix.lower()
    try:
        if suffix in {".xlsx", ".xlsm"}:
            tables = _read_workbook(path, problems)
        elif suffix == ".json":
            tables = _read_json(path, problems)
        else:
            tables = [_read_csv(path, problems)]
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(f"{path.name}: cannot be read (nested too deeply)") from None
    except (
        OSError,
        ValueError,
        KeyError,
        csv.Error,
        zipfile.BadZipFile,
        InvalidFileException,
    ) as exc:
        raise ReadError(f"{path.name}: cannot be read ({exc})") from None
    tables = [t for t in tables if t.headers]
    if not any(t.rows for t in tables):
        raise ReadError(f"{path.name}: no rows to load: {_why_empty(path, tables)}")
    for table in tables:
        classify(table)
    return tables


def _why_empty(path: Path, tables: list[Table]) -> str:
    """Why a file gave no rows, in a few words."""
    if tables:
        return "only a header row"
    if path.suffix.lower() == ".json":
        return "empty, or no list of objects in it"
    return "the file is empty"


def loadable(
    tables: list[Table], problems: list[Problem], mappings: Mapping[str, ColumnMapping] | None = None
) -> list[Table]:
    """The tables that hold elements, connections or findings; the others are noted in `problems` as skipped.

    A table whose header set has a column mapping in `mappings` (by `loaders.model.headers_key`) takes its role
    from the mapping instead of its headers.
    """
    kept = []
    for table in tables:
        mapping = (mappings or {}).get(headers_key(table.headers))
        if mapping is not None:
            table.role = mapping.role
            table.kind_hint = _kind_from_name(table.source) if mapping.role == "elements" else None
        if table.role:
            kept.append(table)
        elif table.rows:
            if mapping is not None:
                message = "skipped: its column mapping says the table is not loaded"
            else:
                message = (
                    "skipped: no Label/Type, From/To/Type or Entity/Kind/Finding headers, so not elements, "
                    "connections or findings "
                    f"(headers: {', '.join(table.headers[:8])}); map its columns on the Load page "
                    "or load with --mapping FILE"
                )
            problems.append(Problem("warning", table.source, None, None, message))
    return kept


def read_file(path: Path, problems: list[Problem], mappings: Mapping[str, ColumnMapping] | None = None) -> list[Table]:
    """The tables in one file that hold elements, connections or findings (`read_tables`, then `loadable`)."""
    return loadable(read_tables(path, problems), problems, mappings)


BOM = b"\xef\xbb\xbf"


def _bom(path: Path, raw: bytes, problems: list[Problem]) -> bytes:
    """`raw` without a UTF-8 byte-order mark, noting it when there was one (Excel's "CSV UTF-8" writes it)."""
    if not raw.startswith(BOM):
        return raw
    problems.append(fix("bom", path.name, 1, None, "byte-order mark (BOM) before the first cell dropped"))
    return raw[len(BOM) :]


#: Non-letters a European text holds besides ASCII: punctuation, currency, degrees, no-break space.
_WESTERN_MARKS = set("’‘“”–—…€£¥°«»·§©®±×÷¢¡¿\xa0")


def _european(raw: bytes) -> tuple[str, str] | None:
    """`raw` and the name of the first of cp1252 (Windows Western European, a superset of Latin-1's letters),
    Latin-1 and cp1250 (Central European) under which every non-ASCII character is a letter or common
    punctuation; None when none fits. Western first: most files here are; a Polish ł reads as ³ in cp1252, so a
    Central European file falls through to cp1250 (charset_normalizer, tried next, takes short Latin-1 text for
    cp1250 and short cp1250 text for cp1252)."""
    for encoding in ("cp1252", "latin-1", "cp1250"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue  # cp1252 and cp1250 leave a few bytes undefined; Latin-1 reads them all
        if all(c.isalpha() or c in _WESTERN_MARKS for c in text if ord(c) > 127):
            return text, encoding
    return None


def _decode(path: Path, problems: list[Problem]) -> str:
    """The file's text: UTF-8 (with or without a BOM), else European (`_european`), else the encoding
    charset_normalizer finds; any but UTF-8 is noted with the encoding chosen."""
    raw = path.read_bytes()
    if raw.startswith(BOM):
        return _bom(path, raw, problems).decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        western = _european(raw)
        if western is not None:
            text, encoding = western
        else:
            best = charset_normalizer.from_bytes(raw).best()
            if best is None:
                raise ReadError(f"{path.name}: not text in any known encoding; save it as CSV UTF-8") from None
            text, encoding = str(best), best.encoding
        problems.append(
            fix(
                "encoding",
                path.name,
                None,
                None,
                f"not UTF-8; read as {encoding}. Check accented names.",
                f"read as {encoding}",
            )
        )
        return text


def _read_csv(path: Path, problems: list[Problem]) -> Table:
    text = _decode(path, problems)
    lines = text.split("\n", 12)
    # An export's header block (question, date, marking, sample notice: lines starting with "# ", quoted when
    # they hold a comma) sits above the header row, which alone tells the delimiter; the block is skipped.
    block = next((i for i, line in enumerate(lines) if not line.lstrip('"').startswith("# ")), len(lines))
    delimiter = max([",", ";", "\t"], key=lines[min(block, len(lines) - 1)].count)
    csv.field_size_limit(16 * 1024 * 1024)  # a long cell reaches validation, refused there with its row
    reader = csv.reader(_lines(text), delimiter=delimiter)
    records = _sheet_records(path.name, reader, problems)
    if block and block < len(lines):
        records[:block] = [[] for _ in range(block)]  # blank rows: the rows after keep their numbers
        problems.append(fix("block", path.name, 1, None, f"header block of {block} lines starting with # skipped"))
    return _table(path.name, records, problems)


_LET_GO: list = []  # what a record read into a table's cells is replaced by (`_table`)


def _lines(text: str) -> Iterator[str]:
    """`text`'s lines with their endings, as a file opened with ``newline=""`` gives them to `csv.reader`.

    Not `io.StringIO`: it holds the text again at four bytes a character (400 MB for a file of 1,000,000 links).
    A line ending in a lone carriage return (old Mac files) is a line only to StringIO, so such a text still goes
    through it.
    """
    if text.count("\r") != text.count("\r\n"):
        yield from io.StringIO(text, newline="")
        return
    start, end = 0, text.find("\n")
    while end >= 0:
        yield text[start : end + 1]
        start, end = end + 1, text.find("\n", end + 1)
    if start < len(text):
        yield text[start:]


def _filled(value) -> bool:
    return value is not None and bool(str(value).strip())


def _any_filled(values) -> bool:
    """Whether any of `values` is filled (`_filled`); asked of every row of a file, so text is asked in C."""
    try:
        return any(map(str.strip, values))  # a CSV file's cells are all text
    except TypeError:  # a workbook's numbers, dates and blanks (None)
        return any(_filled(v) for v in values)


def _header_index(records: list[list]) -> int | None:
    """The header row: the first of the first ten non-blank rows naming a known column, else the first."""
    filled = list(itertools.islice((i for i, rec in enumerate(records) if _any_filled(rec)), 10))
    known = ELEMENT_LABEL | FROM | TO | FINDING | {"type"}
    for i in filled[:10]:
        if {fold(c) for c in records[i] if _filled(c)} & known:
            return i
    return filled[0] if filled else None


def _table(source: str, records: list[list], problems: list[Problem]) -> Table:
    """Build a table from raw records, finding the header below any title rows; header fixes go to `problems`.

    The records below the header are let go as they are read (each replaced by one shared empty list), so a
    file's rows are not in memory twice (as lists and as cells): the header and the rows above it stay.
    """
    start = _header_index(records)
    if start is None:
        return Table(source, [], [])
    written = ["" if h is None else str(h) for h in records[start]]
    headers = [h.strip() for h in written]
    problems += [trimmed(source, start + 1, h, w, h) for w, h in zip(written, headers, strict=True) if h and w != h]
    seen: dict[str, int] = {}
    for i, header in enumerate(headers):
        if header and header in seen:
            seen[header] += 1
            headers[i] = f"{header} ({seen[header]})"
            change = f"{header!r} → {headers[i]!r}"
            problems.append(fix("header", source, start + 1, headers[i], f"a second column headed {change}", change))
        seen.setdefault(header, 1)
    rows = []
    width, loose = len(headers), [i for i, h in enumerate(headers) if not h]
    for offset in range(start + 1, len(records)):
        record, records[offset] = records[offset], _LET_GO
        if loose:
            cells = {h: v for h, v in zip(headers, record, strict=False) if h}
        else:  # every column headed: made in C
            cells = dict(zip(headers, record, strict=False))
        # Cells under a blank header or beyond the last one would be lost: keep them to report.
        extra = [record[i] for i in loose if i < len(record) and _filled(record[i])]
        if len(record) > width:
            extra += [v for v in record[width:] if _filled(v)]
        if extra:
            cells[EXTRA_CELLS] = extra
        if _any_filled(cells.values()):
            rows.append((offset + 1, cells))
    return Table(source, [h for h in headers if h], rows)


def _check_unpacked(path: Path) -> None:
    """Refuse a workbook that would unpack to more than `MAX_UNPACKED` bytes, before any of it is parsed."""
    with zipfile.ZipFile(path) as archive:
        size = sum(item.file_size for item in archive.infolist())
    if size > MAX_UNPACKED:
        raise ReadError(
            f"{path.name}: unpacks to {size / 2**20:,.0f} MB, more than the {MAX_UNPACKED / 2**20:,.0f} MB a workbook "
            "may hold here; save the sheets as CSV files instead"
        )


def _sheet_records(source: str, rows, problems: list[Problem]) -> list[list]:
    """A sheet's rows, cut to `MAX_COLUMNS`, stopping after `MAX_BLANK_RUN` blank rows; a warning for each cut."""
    records: list[list] = []
    blank = 0
    wide = False
    for row in rows:
        if len(row) > MAX_COLUMNS and any(_filled(v) for v in row[MAX_COLUMNS:]):
            wide = True
        record = row if isinstance(row, list) and len(row) <= MAX_COLUMNS else list(row[:MAX_COLUMNS])
        blank = 0 if _any_filled(record) else blank + 1
        if blank > MAX_BLANK_RUN:
            problems.append(
                Problem(
                    "warning",
                    source,
                    len(records) + 1,
                    None,
                    f"{MAX_BLANK_RUN:,} blank rows in a row: the rest of the sheet is taken as empty",
                )
            )
            break
        records.append(record)
        if len(records) > MAX_ROWS:
            raise ReadError(f"{source}: more than {MAX_ROWS:,} rows; split it into several files")
    if wide:
        problems.append(Problem("warning", source, None, None, f"cells beyond column {MAX_COLUMNS} were not read"))
    return records


def _read_workbook(path: Path, problems: list[Problem]) -> list[Table]:
    _check_unpacked(path)
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    # The cells' formulas, read only when a sheet holds one without a saved value (it reads as blank).
    formulas = openpyxl.load_workbook(path, read_only=True) if _has_unsaved_formulas(path) else None
    try:
        tables = []
        for i, sheet in enumerate(workbook.worksheets):
            source = f"{path.name} [{sheet.title}]"
            rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
            unsaved: list[tuple[int, int, str]] = []
            if formulas is not None:
                written = formulas.worksheets[i].iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
                rows = _noting_unsaved(rows, written, unsaved)
            records = _sheet_records(source, rows, problems)
            start = _header_index(records) if unsaved else None
            header = [] if start is None else records[start]
            tables.append(_table(source, records, problems))
            problems += [_unsaved(source, header, start, *cell) for cell in unsaved if cell[1] < MAX_COLUMNS]
        return tables
    finally:
        workbook.close()
        if formulas is not None:
            formulas.close()


# A cell's formula with no saved value after it: ``<f>1+1</f><v></v>``, ``<f t="shared" si="0"/></c>`` (what a
# workbook written by a program and never opened in Excel holds), with or without a namespace prefix.
_UNSAVED = re.compile(
    rb"<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>)\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>|</(?:\w+:)?c>)"
)
_LONGEST_FORMULA = 8_192 + 256  # characters of Excel's longest formula, with the markup around it


def _has_unsaved_formulas(path: Path) -> bool:
    """Whether any sheet holds a formula without a saved value, streaming its XML (a sheet can unpack large),
    so that only such a workbook is read a second time for its formulas."""
    with zipfile.ZipFile(path) as archive:
        for item in archive.infolist():
            if not item.filename.startswith("xl/worksheets/"):
                continue
            with archive.open(item) as stream:
                tail = b""
                while chunk := stream.read(1 << 20):
                    if _UNSAVED.search(tail + chunk):
                        return True
                    tail = chunk[-_LONGEST_FORMULA:]
    return False


def _noting_unsaved(rows, written, unsaved: list[tuple[int, int, str]]):
    """`rows` (saved values) as they are, noting ``(row, column index, formula)`` of every blank that a formula
    in `written` (the same sheet read for its formulas) stands behind."""
    for number, (values, formulas) in enumerate(zip(rows, written, strict=False), start=1):
        for column, (value, formula) in enumerate(zip(values, formulas, strict=False)):
            text = getattr(formula, "text", formula)  # an array formula keeps its text apart
            if value is None and isinstance(text, str) and text.startswith("="):
                unsaved.append((number, column, text))
        yield values


def _unsaved(source: str, header: list, start: int | None, row: int, column: int, formula: str) -> Problem:
    """The warning for a formula cell without a saved value, named by its header (`header`, the sheet's row
    ``start + 1``) when it is below one, else by its column letter."""
    written = header[column] if column < len(header) and start is not None and row > start + 1 else None
    name = str(written).strip() if _filled(written) else get_column_letter(column + 1)
    shown = formula if len(formula) <= 60 else formula[:57] + "..."
    return Problem(
        "warning",
        source,
        row,
        name,
        f"formula {shown!r} has no saved value, so it reads as blank: open the workbook in Excel or LibreOffice "
        "and save it, or type the value",
    )


def _flatten(item: dict) -> dict:
    """Kumu's JSON keeps columns under ``attributes``; lift them up."""
    flat = {k: v for k, v in item.items() if k != "attributes"}
    flat.update(item.get("attributes") or {})
    return {k: ("|".join(map(str, v)) if isinstance(v, list) else v) for k, v in flat.items()}


def _read_json(path: Path, problems: list[Problem]) -> list[Table]:
    raw = _bom(path, path.read_bytes(), problems).decode("utf-8")
    if not raw.strip():
        return []
    data = json.loads(raw)
    groups = data.items() if isinstance(data, dict) else [("rows", data)]
    tables = []
    for name, items in groups:
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            continue
        flat = [_flatten(i) for i in items]
        headers = list(dict.fromkeys(k for row in flat for k in row))
        # JSON has no spreadsheet rows: number items from 1 in file order.
        tables.append(Table(f"{path.name} [{name}]", headers, [(i, row) for i, row in enumerate(flat, 1)]))
    return tables


def _kind_from_name(source: str) -> str | None:
    """A per-kind sheet or file ("Agencies", "ngos.csv") names its kind."""
    name = source.split("[")[-1].rstrip("]") if "[" in source else Path(source).stem
    vocab, word = load_vocabulary(), fold(name)
    for candidate in (word, word[:-1], word[:-3] + "y" if word.endswith("ies") else word):
        if kind := vocab.kind(candidate):
            return kind
    return None


def classify(table: Table) -> None:
    """Set ``table.role`` from its headers: elements, connections, findings or neither.

    Findings are told apart before elements: their entity column is often headed ``Entity`` or ``Name``.
    """
    folded = {fold(h) for h in table.headers}
    name = fold(table.source)
    if folded & FROM and folded & TO:
        table.role = "connections"
    elif folded & FINDING or ("finding" in name and folded & {"kind", "risk", "theme"}):
        table.role = "findings"
    elif folded & ELEMENT_LABEL:
        table.role = "elements"
        table.kind_hint = _kind_from_name(table.source)
    elif "connection" in name or "link" in name or "relationship" in name:
        table.role = "connections"  # headers are missing: validation reports which
    elif "element" in name or "node" in name:
        table.role = "elements"
