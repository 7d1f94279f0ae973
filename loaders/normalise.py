"""Pure cell-level normalisation: text, lists and ids (dates: `loaders.dates`)."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata


def clean(value) -> str:
    """Cell value as trimmed text; blanks, NaN and None become ``""``."""
    if value.__class__ is not str:  # text, nearly every cell, goes straight on: 28 calls a row
        if value is None:
            return ""
        if isinstance(value, float):
            if math.isnan(value):
                return ""
            if value.is_integer():
                return str(int(value))
        if isinstance(value, dt.datetime):
            return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        value = str(value)
    if "\r" in value or "\u00a0" in value:  # looked for first: replacing costs 0.9 s of a 100,000-row check
        value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return value.strip()


def split_list(value) -> list[str]:
    """Split a list cell on ``|`` (Kumu's separator) or ``;``, dropping blanks and repeats."""
    text = clean(value)
    if "|" not in text and ";" not in text and "\n" not in text:  # one item or none, as most cells are
        return [text] if text else []
    items = []
    for part in re.split(r"[|;\n]", text):
        part = part.strip()
        if part and part not in items:
            items.append(part)
    return items


def slug(text: str) -> str:
    """Stable id from a name: ascii-folded, lower case, ``-`` between words."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
