"""Text in spreadsheet cells: formula-like text made inert when written, and read back as it was (pure).

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a formula by Excel and
LibreOffice; the project's exports and rejects files write it with a leading apostrophe, which keeps the text and
stops it running, and the loader drops that apostrophe again, so an exported or rejected file loads back exactly.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(value: object) -> object:
    """`value` safe for a spreadsheet cell: formula-like text gets a leading apostrophe; anything else is kept."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def as_written(text: str) -> str:
    """`text` without the apostrophe that `inert` put before formula-like text (other text is kept as it is)."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text
