"""Fixes the loader makes on its own: their kinds, how a cell is tidied, and one summary line per kind.

Every fix is a warning (a `Problem` with a ``code`` from `KINDS`) that names file, row and column, so a user
can see what was changed and where; warnings never stop a load.  The report ends with `summary` lines:
``cells trimmed (3)``, ``non-ISO dates read (1): 'Mar 2020' → 2020-03 (month)``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from graph.cells import as_written
from graph.vocabulary import Vocabulary, fold
from loaders.model import Problem

KINDS = {  # code -> summary label, in the order the report lists them
    "bom": "byte-order mark dropped",
    "block": "export header blocks skipped",
    "encoding": "read from another encoding than UTF-8",
    "header": "repeated headers renamed",
    "mapping": "columns read with a saved mapping",
    "trimmed": "cells trimmed",
    "multiline": "multi-line cells",
    "control": "control characters removed",
    "apostrophe": "apostrophes before formula-like text dropped",
    "wording": "wording folded by case",
    "level": "priority and confidence levels read",
    "country": "country spellings unified",
    "date": "non-ISO dates read",
    "period": "financial years and quarters read as periods",
    "ambiguous": "ambiguous dates",
    "amount": "amounts read as numbers",
    "duplicate": "exact duplicate rows collapsed",
}
PER_FILE = {"bom", "block", "encoding"}  # counted in files, not cells
TALLIED = {"multiline", "control"}  # the summary counts each outcome ("2 kept, 1 joined") instead of listing examples
EXAMPLES = 3
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")  # not \t or \n
LISTS = {"aliases", "tags", "sources", "themes"}  # line breaks separate items, as | and ; do
KEPT = {"description", "notes", "text"}  # free text keeps its line breaks, as free columns do; other cells are one line


def fix(code: str, file: str, row: int | None, column: str | None, message: str, change: str = "") -> Problem:
    """A warning for one fix of kind `code`."""
    return Problem("warning", file, row, column, message, code, change)


def _short(text: str, width: int = 40) -> str:
    shown = text if len(text) <= width else text[: width - 1] + "…"
    return repr(shown)


def trimmed(file: str, row: int, column: str, written: str, tidy: str) -> Problem:
    """A cell (or header) whose surrounding white space was removed or whose non-breaking spaces were made plain."""
    return fix("trimmed", file, row, column, _trimmed_message(written, tidy))


def tidy(file: str, row: int, cells: dict, fields: dict[str, str]) -> tuple[dict, list[Problem]]:
    """`cells` with text trimmed and line breaks handled, and a fix for each cell changed.

    Parameters
    ----------
    file, row : str, int
        Where the cells are.
    cells : dict
        Header -> raw value; only text values change.
    fields : dict
        Header -> canonical field (``name``, ``notes``); free columns are absent.

    Returns
    -------
    tuple
        ``(cells, fixes)``. A line break joins lines with a space in one-line fields (names, types, ids, dates),
        separates items in list fields (`LISTS`) and is kept in free text (`KEPT` and free columns).
    """
    out, found = dict(cells), []
    for header, value in cells.items():
        if isinstance(value, str):
            out[header], notes = tidy_cell(value, fields.get(header))
            found += [fix(code, file, row, header, message, change) for code, message, change in notes]
    return out, found


def tidy_cell(value: str, field: str | None) -> tuple[str, tuple[tuple[str, str, str], ...]]:
    """One text cell of `field` (None: a free column) as `tidy` tidies it, and its fixes as
    ``(code, message, change)``: what a fix says never depends on where the cell is."""
    if value.isprintable() and value[:1] not in (" ", "'") and value[-1:] != " ":
        # Nothing to do: no control character, line break or non-breaking space (none is printable), no white space
        # at either end (all white space but the space is unprintable), no apostrophe before a formula.
        return value, ()
    return _tidy_text(value, field)


def _tidy_text(value: str, field: str | None) -> tuple[str, tuple[tuple[str, str, str], ...]]:
    found = []
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        # A NUL or an escape in a name breaks pages and exports (GraphML, XLSX, GEXF): never stored.
        removed = len(_CONTROL.findall(text))
        text = _CONTROL.sub("", text)
        found.append(("control", f"{removed} control character(s) removed", "removed"))
    tidied = text.replace("\u00a0", " ").strip()
    if (bare := as_written(tidied)) != tidied:
        # Our exports and rejects files write formula-like text after an apostrophe (graph.cells).
        change = f"{_short(tidied)} → {_short(bare)}"
        found.append(("apostrophe", f"leading apostrophe dropped: {change}", change))
        tidied = bare
    if tidied != text:
        found.append(("trimmed", _trimmed_message(value, tidied), ""))
    if "\n" in tidied:
        lines = [line.strip() for line in tidied.split("\n") if line.strip()]
        if field in LISTS:
            how, message = "split into items", f"line breaks separate items, as | does: {len(lines)} items"
        elif field is None or field in KEPT:
            how, message = "kept", f"line breaks kept: {len(lines)} lines of text"
        else:
            tidied = " ".join(lines)
            how, message = "joined", f"lines joined with a space: read as {_short(tidied)}"
        found.append(("multiline", message, how))
    return tidied, tuple(found)


def _trimmed_message(written: str, tidy: str) -> str:
    plain = written.replace("\u00a0", " ")
    where = [side for side, cut in (("leading", plain.lstrip()), ("trailing", plain.rstrip())) if cut != plain]
    what = " and ".join(where) + " white space removed" if where else "non-breaking spaces made plain"
    return f"{what}: {_short(written)} read as {_short(tidy)}"


def wording(vocab: Vocabulary, file: str, row: int, column: str | None, written: str, what: str) -> Problem | None:
    """A kind or relationship `written` otherwise than the vocabulary spells it (None when spelled so, or unknown).

    `what` is ``kind`` or ``relationship``; the fix says which vocabulary entry matched and what it maps to.
    """
    if written in vocab.spelled:
        return None
    if what == "kind":
        label = vocab.kind(written)
        names = {fold(label or "")}
    else:
        found = vocab.relationship(written)
        label = found and found[0] + (", read backwards" if found[1] else "")
        names = {fold(found[0]), fold(found[0].replace("_", " "))} if found else set()
    if not label:
        return None
    entry = "" if fold(written) in names else f" (synonym {fold(written)!r})"
    message = f"{what} {written!r} read as {label}{entry}: the vocabulary spells it in another case or spacing"
    return fix("wording", file, row, column, message, f"{written!r} → {label}{entry}")


def level(file: str, row: int, column: str, written: str, read: str) -> Problem | None:
    """A priority or confidence written otherwise than ``high``, ``medium`` or ``low`` but read as one."""
    if written == read:
        return None
    return fix("level", file, row, column, f"{written!r} read as {read}", f"{written!r} → {read}")


def amount(file: str, row: int, column: str, written: str, value: float) -> Problem | None:
    """An amount written with symbols, codes or thousands separators, read as a plain number."""
    number = format(value, "f").rstrip("0").rstrip(".")
    if written == number:
        return None
    return fix("amount", file, row, column, f"amount {written!r} read as {number}", f"{written!r} → {number}")


def country_spellings(cells: Iterable[tuple[str, int, str | None, str, str]]) -> list[Problem]:
    """One fix per cell that spells a country otherwise than its ISO code, where the load spells it two ways.

    `cells` holds ``(file, row, column, as written, ISO3)`` for every cell read as a country.
    """
    cells = list(cells)
    spellings: dict[str, dict[str, tuple[str, int]]] = {}
    for file, row, _, written, iso3 in cells:
        spellings.setdefault(iso3, {}).setdefault(written, (file, row))
    found = []
    for file, row, column, written, iso3 in cells:
        if len(spellings[iso3]) < 2 or written == iso3:
            continue
        others = ", ".join(f"{w!r} ({f} row {r})" for w, (f, r) in spellings[iso3].items() if w != written)
        found.append(
            fix(
                "country",
                file,
                row,
                column,
                f"{written!r} read as {iso3}, the same country as {others}",
                f"{written!r} → {iso3}",
            )
        )
    return found


def summary(problems: Iterable[Problem]) -> list[str]:
    """One line per kind of fix, in `KINDS` order: its label, its count and a few examples."""
    by_code: dict[str, list[Problem]] = {}
    for p in problems:
        if p.code in KINDS:
            by_code.setdefault(p.code, []).append(p)
    lines = []
    for code, label in KINDS.items():
        found = by_code.get(code)
        if not found:
            continue
        if code in PER_FILE:
            files = len({p.file for p in found})
            line = f"{label} ({files} file{'s' if files != 1 else ''})"
        else:
            line = f"{label} ({len(found)})"
        changes = Counter(p.change for p in found if p.change)
        if code in TALLIED:
            line += ": " + ", ".join(f"{n} {change}" for change, n in changes.items())
        elif changes:
            shown = [change + (f" ×{n}" if n > 1 else "") for change, n in list(changes.items())[:EXAMPLES]]
            more = len(changes) - EXAMPLES
            line += ": " + ", ".join(shown) + (f" and {more} more" if more > 0 else "")
        lines.append(line)
    return lines
