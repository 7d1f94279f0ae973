"""Rows as CSV, XLSX, JSON and text tables, with spreadsheet formulas neutralised."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd

from graph.cells import inert
from graph.vocabulary import KINDS, kind_name


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


def to_csv(rows: list[dict]) -> str:
    """CSV text (safe to open in a spreadsheet)."""
    out = io.StringIO()
    table = frame(rows)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(["" if pd.isna(v) else v for v in row] for row in table.astype(object).itertuples(index=False))
    return out.getvalue()


def to_xlsx(rows: list[dict], sheet: str = "rows") -> bytes:
    """An XLSX workbook of one sheet (safe to open)."""
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        frame(rows).to_excel(writer, sheet_name=sheet[:31], index=False)
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
