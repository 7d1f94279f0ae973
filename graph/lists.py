"""Names listed as a sentence says them (pure): the packs, the pages and the analyses' own sentences share them."""

from __future__ import annotations


def named(items: list[str], limit: int = 5) -> str:
    """``A, B, C`` and, past `limit`, ``and 4 more``."""
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def listing(items: list[str], limit: int = 5) -> str:
    """Items as a sentence says them: ``A, B and C``, or ``A, B, C and 4 more`` past `limit`."""
    if len(items) > limit:
        return named(items, limit)
    return " and ".join(filter(None, (", ".join(items[:-1]), items[-1]))) if items else ""
