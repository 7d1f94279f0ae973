"""Rows as CSV, XLSX, JSON and text tables, with spreadsheet formulas neutralised, and what every export says
about itself: its question, as-of date, marking and (on sample data) the sample notice, in a header block and in
its file name."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from dataclasses import dataclass

import openpyxl
import pandas as pd

from graph.cells import inert
from graph.settings import SAMPLE_NOTICE
from graph.vocabulary import KINDS, kind_name

BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with one (its own "CSV UTF-8" writes it)
BLOCK_MARK = "#"  # header-block lines start with it; the loader skips them above the header row
SLUG_LENGTH = 40


@dataclass(frozen=True)
class Stamp:
    """What an export says about itself: the `question` it answers (in words), its `as_of` date, its `marking`,
    and whether it was made from `sample` data."""

    question: str
    as_of: dt.date
    marking: str
    sample: bool = False

    def lines(self) -> list[str]:
        """The header block, one line each: marking, question, as-of date (local wording) and the sample notice."""
        lines = [f"Marking: {self.marking}", self.question, f"As of {self.as_of.day} {self.as_of:%B %Y}"]
        if self.sample:
            lines.append(SAMPLE_NOTICE)
        return [f"{BLOCK_MARK} {' '.join(line.split())}" for line in lines]  # one line each, whatever the data held


def slug(text: object) -> str:
    """`text` as a safe piece of a file name: ASCII letters, digits and single hyphens, at most `SLUG_LENGTH`
    characters (``Pacific Islands Forum`` -> ``pacific-islands-forum``; ``../x:y`` -> ``x-y``)."""
    ascii_text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:SLUG_LENGTH].rstrip("-")


def export_name(what: str, choice: object, as_of: dt.date, ext: str) -> str:
    """A file name saying what it holds: the analysis, the filter or preset chosen, the as-of date
    (``reach-pacific-priority-2026-12-01.csv``); parts that slug to nothing are left out."""
    parts = [slug(what) or "export", slug(choice), as_of.isoformat()]
    return "-".join(p for p in parts if p) + f".{ext}"


def cell(value) -> object:
    """A value ready for a spreadsheet: lists joined with `` | ``, formula-like text made inert (`graph.cells`)."""
    if isinstance(value, (list, tuple, set)):
        value = " | ".join(str(v) for v in value)
    return inert(value)


def frame(rows: list[dict]) -> pd.DataFrame:
    """Rows as a DataFrame of spreadsheet-safe cells, columns in first-seen order."""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    return pd.DataFrame([{k: cell(row.get(k)) for k in columns} for row in rows], columns=columns)


def _is_id(key: str, keys: set[str]) -> bool:
    return key.endswith("_ids") or key == "in_home" or f"{key}_name" in keys


def readable(rows: list[dict]) -> pd.DataFrame:
    """`frame` for people: id columns dropped where a name column says the same, headers in words.

    ``target_name`` reads ``Target``, ``last_engagement`` ``Last engagement``;
    downloads keep every column (`to_csv`, `to_xlsx`).
    """
    table = frame(rows)
    keys = set(table.columns)
    table = table[[k for k in table.columns if not _is_id(k, keys)]].copy()
    for key in table.columns:
        values = table[key].dropna()
        if key == "kind" or key.endswith("_kind"):
            table[key] = table[key].map(lambda v: kind_name(v) if v in KINDS else v)  # "country or territory"
        if table[key].dtype.kind in "iufb":
            if len(values) and table[key].dtype.kind == "f" and (values == values.round()).all():
                table[key] = table[key].astype("Int64")  # whole days and counts, not 154.0
            if table[key].isna().any():
                table[key] = table[key].map(lambda v: "" if pd.isna(v) else str(v))  # blank, not None
        else:
            table[key] = table[key].map(lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v)) else v)
    return table.rename(columns=lambda k: k.removesuffix("_name").replace("_", " ").capitalize())


def _written(value: object) -> object:
    """A CSV cell: blank for a missing value, a whole number without ``.0`` (a column with blanks is float)."""
    if pd.isna(value):  # type: ignore[call-overload]
        return ""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def to_csv(rows: list[dict], stamp: Stamp | None = None) -> str:
    """CSV text (safe to open in a spreadsheet); with a `stamp`, a byte-order mark and its header block first."""
    out = io.StringIO()
    table = frame(rows)
    writer = csv.writer(out, lineterminator="\n")
    if stamp is not None:
        out.write(BOM)
        writer.writerows([line] for line in stamp.lines())
    writer.writerow(table.columns)
    writer.writerows([_written(v) for v in row] for row in table.astype(object).itertuples(index=False))
    return out.getvalue()


def stamp_workbook(workbook: openpyxl.Workbook, stamp: Stamp | None) -> None:
    """Write `stamp`'s header block into the first rows of every sheet (the caller leaves `block_rows` free) and
    its marking into the workbook's properties."""
    if stamp is None:
        return
    for sheet in workbook.worksheets:
        for row, line in enumerate(stamp.lines(), start=1):
            sheet.cell(row=row, column=1, value=line)
    workbook.properties.keywords = workbook.properties.category = stamp.marking
    workbook.properties.subject = stamp.question
    workbook.properties.description = SAMPLE_NOTICE if stamp.sample else None


def block_rows(stamp: Stamp | None) -> int:
    """Rows a stamp's header block and the blank row after it take at the top of a sheet (0 without one)."""
    return len(stamp.lines()) + 1 if stamp is not None else 0


def to_xlsx(rows: list[dict], sheet: str = "rows", stamp: Stamp | None = None) -> bytes:
    """An XLSX workbook of one sheet (safe to open); with a `stamp`, its header block in the first rows."""
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        frame(rows).to_excel(writer, sheet_name=sheet[:31], index=False, startrow=block_rows(stamp))
        stamp_workbook(writer.book, stamp)
        writer.book.worksheets[0].freeze_panes = f"A{block_rows(stamp) + 2}"
    return out.getvalue()


def to_json(rows: list[dict]) -> str:
    """One JSON array of row objects (values as stored, not neutralised)."""
    return json.dumps(rows, ensure_ascii=False, indent=2, default=str)


def to_text(rows: list[dict]) -> str:
    """A plain-text table for the terminal."""
    if not rows:
        return "(no rows)"
    table = frame(rows).astype(object).fillna("")
    return table.to_string(index=False, max_colwidth=60)
