"""What a team taught the loader, kept in the graph: column mappings per header set, and its own wording.

A column mapping (``:ColumnMapping {headers_key, mapping, by, at}``) is applied to every later table with the same
headers; a wording (``:Wording {key, what, text, maps_to, reverse, by, at}``) is added to the vocabulary of every
later load (`team_vocabulary`).  Both are remembered when a load that used them is written (`loaders.pipeline`),
from the Load page or ``python -m loaders load --mapping FILE``; ``python -m loaders vocabulary`` lists and edits
the wording.  Saving the same thing again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass

import neo4j

from graph.roles import Actor, acting, require
from graph.vocabulary import KINDS, REL_TYPES, Vocabulary, fold
from loaders.mapping import mapping_from_json, mapping_text
from loaders.model import ColumnMapping, Wording
from queries import read, write

WHAT = ("kind", "relationship")


@dataclass(frozen=True)
class SavedMapping:
    """A column mapping as the graph keeps it, with who saved it and when (ISO timestamp)."""

    mapping: ColumnMapping
    by: str
    at: str

    @property
    def day(self) -> str:
        return self.at[:10]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def saved_mappings(driver: neo4j.Driver) -> dict[str, SavedMapping]:
    """Every stored column mapping by header set (`loaders.model.headers_key`); unreadable ones are left out."""
    found: dict[str, SavedMapping] = {}
    for row in read(driver, "column_mappings"):
        try:
            mapping = mapping_from_json(json.loads(row["mapping"]))
        except (ValueError, TypeError):
            continue
        found.setdefault(row["headers_key"], SavedMapping(mapping, row["by"] or "", row["at"] or ""))
    return found


def remember_mappings(
    driver: neo4j.Driver, mappings: Iterable[ColumnMapping], *, by: str | None = None, actor: Actor | None = None
) -> int:
    """Store `mappings` (one per header set; a later one wins); returns how many were new or changed.

    Part of a load: `actor` (default the local user named `by`) must be allowed to load (`graph.roles.Forbidden`).
    """
    actor = acting(actor, by)
    require(actor, "load")
    rows = {m.key: {"headers_key": m.key, "mapping": mapping_text(m)} for m in mappings}
    if not rows:
        return 0
    saved = write(driver, "save_column_mappings", rows=list(rows.values()), by=actor.name, at=_now())
    return sum(1 for row in saved if row["changed"])


def check_wording(wording: Wording) -> Wording:
    """`wording` if it maps a kind to a kind label or a relationship to a type; else ValueError."""
    if wording.what not in WHAT:
        raise ValueError(f"{wording.what!r} is not kind or relationship")
    if not fold(wording.text):
        raise ValueError("the wording is blank")
    targets = KINDS if wording.what == "kind" else REL_TYPES
    if wording.maps_to not in targets:
        raise ValueError(f"{wording.maps_to!r} is not a {wording.what}; use one of {', '.join(targets)}")
    if wording.reverse and wording.what == "kind":
        raise ValueError("only a relationship can be read backwards")
    return wording


def _key(what: str, text: str) -> str:
    return f"{what}\u001f{fold(text)}"


def team_wordings(driver: neo4j.Driver) -> list[Wording]:
    """The team's vocabulary, by kind and relationship, then wording."""
    return [
        Wording(r["what"], r["text"], r["maps_to"], bool(r["reverse"]), r["by"] or "", r["at"] or "")
        for r in read(driver, "team_wordings")
    ]


def remember_wordings(
    driver: neo4j.Driver, wordings: Iterable[Wording], *, by: str | None = None, actor: Actor | None = None
) -> int:
    """Store `wordings` in the team's vocabulary (ValueError for a bad one); returns how many were new or changed.

    Part of a load: `actor` (default the local user named `by`) must be allowed to load (`graph.roles.Forbidden`).
    """
    actor = acting(actor, by)
    require(actor, "load")
    rows = {
        _key(w.what, w.text): {
            "key": _key(w.what, w.text),
            "what": w.what,
            "text": " ".join(w.text.split()),
            "maps_to": w.maps_to,
            "reverse": w.reverse,
        }
        for w in map(check_wording, wordings)
    }
    if not rows:
        return 0
    saved = write(driver, "save_wordings", rows=list(rows.values()), by=actor.name, at=_now())
    return sum(1 for row in saved if row["changed"])


def forget_wording(driver: neo4j.Driver, what: str, text: str, *, actor: Actor | None = None) -> bool:
    """Remove one wording from the team's vocabulary; False when it was not there.

    `actor` (default the local user) must be allowed to manage the team's settings (`graph.roles.Forbidden`).
    """
    require(acting(actor), "manage")
    return bool(write(driver, "delete_wording", key=_key(what, text)))


def team_vocabulary(vocab: Vocabulary, wordings: Iterable[Wording]) -> Vocabulary:
    """`vocab` plus the team's wording (`Vocabulary.extended`); wording that no longer checks out is left out."""
    kinds, relationships = {}, {}
    for w in wordings:
        try:
            check_wording(w)
        except ValueError:
            continue
        if w.what == "kind":
            kinds[w.text] = w.maps_to
        else:
            relationships[w.text] = (w.maps_to, w.reverse)
    return vocab.extended(kinds, relationships)


def format_wordings(wordings: list[Wording]) -> str:
    """The team's vocabulary for the terminal: one line a wording, with who added it and when."""
    if not wordings:
        return "The team vocabulary is empty: map unknown wording on the Load page or with --add."
    lines = []
    for w in wordings:
        target = w.maps_to + (", read backwards" if w.reverse else "")
        lines.append(f"{w.what:<12} {w.text!r} → {target}  (by {w.by or 'unknown'}, {w.at[:10] or 'no date'})")
    return "\n".join(lines)
