"""How a pack words things: link readings, lists, plurals, link details, and the notes shared by sections."""

from __future__ import annotations

from typing import Any

from briefing.model import Notes, ProfileData, Section, Table
from graph.dates import active
from graph.lists import listing as listing  # re-exported: the packs' sentences list names so
from graph.lists import named as named
from graph.vocabulary import reading


def status(since: str | None, until: str | None, on: str) -> str:
    """Whether a link is active, ended or not yet started on `on` (partial dates cover their whole period)."""
    if active(since, until, on):
        return "active"
    return "not yet started" if since and since > on else "ended"


def wording(link: dict) -> str:
    """How a link reads from the entity's side: ``member of``, ``funded by``..."""
    outward = link.get("direction", "out") == "out"
    if link["type"] == "RELATED_TO" and link.get("kind"):
        return link["kind"] if outward else f"{link['kind']} (from)"
    return reading(link["type"], outward)


def as_verb(words: str) -> str:
    """A link's wording as a verb phrase: ``partners with`` and ``funds`` stay, ``member of`` is ``is a member
    of``, ``based in`` is ``is based in``, ``secretariat run by`` is ``has its secretariat run by``."""
    if words in NOUN_PHRASES:
        return NOUN_PHRASES[words]
    first = words.split(" ", 1)[0]
    if first.endswith("s") or first in ("participated", "had"):
        return words
    return ("is a " if first in ("member", "party") else "is ") + words


NOUN_PHRASES = {"secretariat for": "is the secretariat for", "secretariat run by": "has its secretariat run by"}


def text_of(value: Any) -> str:
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def details(link: dict) -> str:
    parts = []
    if link.get("role"):
        parts.append(f"role: {link['role']}")
    if link.get("amount"):
        parts.append(f"amount: {link['amount']} {link.get('currency') or ''}".rstrip())
    if link.get("confidence"):
        parts.append(f"confidence: {link['confidence']}")
    if link.get("notes"):
        parts.append(f"note: {link['notes']}")
    return "; ".join(parts)


def subject_name(data: ProfileData) -> str:
    return str(data.entity["props"].get("name") or data.entity["id"])


def counted(notes: Notes, data: ProfileData, what: str) -> int:
    """The note for a count over the graph on the pack's date."""
    return notes.derived(
        f"Counted from the {what} in the graph as on {data.day}; each row in the pack cites its own source."
    )


def derived_by(notes: Notes, data: ProfileData, name: str) -> int:
    """The note for the findings of analysis `name`."""
    return notes.derived(
        f"Derived by the '{name}' analysis on the graph as on {data.day}, home set '{data.home_filter}'."
    )


def with_table(section: Section, table: Table) -> Section:
    """`section` with `table` added, saying what is missing when the table is empty."""
    section.tables.append(table)
    if not table.rows:
        section.missing.append(table.empty)
    return section
