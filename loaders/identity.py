"""One organisation, one entity: the rule that resolves an element row without an ID to a known entity.

Pure: the known entities are the database's (plain dicts from the ``entity_lookup`` query) and this load's (every
row with an ID, and the rows without one before it), so a dry run reports exactly what a load would do.

An element row without an ID resolves, before anything is created, to the one known entity that

- has the id the row's name makes (the slug of the name, the id such a row always got; the only way that crosses
  kinds, so a row can still change an entity's kind), or, among entities of **the same kind** (an ``Agency`` row
  never matches an ``NGO``; the kind is the family),
- has exactly that name, or that name among its aliases, or
- has that name after folding (`fold_name`: case, accents, spacing and punctuation do not count) as its name or
  one of its aliases.

Nothing else matches: a shorter name is not a longer one that starts with it (``eSafety`` is not ``eSafety Youth
Council``), an acronym is not the full name unless it is a recorded alias, and ``Alphabet`` is not ``Google``
unless someone recorded it as Google's alias.  No match makes a new entity, as before (reported when only an
entity of another kind has the name).  Two or more matches are an error that lists them all, and the row must say
which by its ID.  One match is reported (``matched existing Australian Federal Police (afp) by alias``) and the
row updates that entity without renaming it; only a row that is its entity's own (the id its name makes, and the
same name once folded) updates it quietly, name included, as before.

A row with an ID is that entity (the ID is the identity).  When the ID is new and the row's folded name is
already the name or an alias of another entity of the same kind, the row is loaded as written and reported as a
likely duplicate, never merged.

A From or To cell (`endpoint`) resolves by the same rule among entities of **any kind**: the entity with that id,
else the one whose name or an alias is the cell, exactly or once folded (``FIJI POLICE FORCE.`` finds Fiji Police
Force); a match by alias or by folding is reported, two or more are an error that lists them.

An id that a merge folded into another entity (``python -m loaders merge KEEP DUP``: KEEP's ``merged_ids`` holds
DUP) is that entity: a later row or cell naming DUP resolves to KEEP, reported with the merge's date and change,
and never recreates the duplicate.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Container, Iterable
from dataclasses import dataclass

# Apostrophes and full stops join what they sit between ("Attorney-General's", "U.S."); any other punctuation,
# symbol or run of whitespace separates words.
_JOINERS = re.compile(r"['\u2018\u2019\u02bc`\u00b4.]")
_SEPARATORS = re.compile(r"[\W_]+")
WAYS = ("id", "name", "alias", "folded name", "folded alias")  # how a row can match, most exact first


def fold_name(text: str) -> str:
    """A name folded for identity: lower case, no accents, words separated by one space, no punctuation.

    ``Fiji Police Force``, ``fiji police force``, ``Fiji  Police-Force`` and ``FIJI POLICE FORCE.`` all fold to
    ``fiji police force``; ``U.S.`` folds to ``us``.  Folding twice changes nothing.
    """
    text = str(text)
    if text.isascii():  # most names: normalising changes nothing in ASCII, and casefold is lower
        text = text.lower()
    else:  # Unicode's compatibility caseless form (NFKD of casefold, twice), then without combining accents.
        text = unicodedata.normalize("NFD", text)
        for _ in range(2):
            text = unicodedata.normalize("NFKD", text.casefold())
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", _JOINERS.sub("", text)).strip()


@dataclass(frozen=True)
class Candidate:
    """A known entity a row could be, and every way the row's name matched it (in `WAYS` order)."""

    id: str
    name: str
    kind: str | None
    ways: tuple[str, ...]

    @property
    def way(self) -> str:
        """The way to report: the most exact match by name, else the id."""
        return next((w for w in self.ways if w != "id"), "id")

    def same_name(self, name: str) -> bool:
        """Whether `name` is this entity's name, written the same or differently (case, spacing, punctuation)."""
        return fold_name(name) == fold_name(self.name)

    def __str__(self) -> str:
        return f"{self.name} ({self.id})"


@dataclass(frozen=True)
class Merged:
    """A merged duplicate's id, the entity that holds it now, and each merge on the way: ``(id, into, at, change)``."""

    id: str
    keep: str
    steps: tuple[tuple[str, str, str, str], ...]

    def __str__(self) -> str:
        """``afp-2 was merged into afp on 2026-05-01 (change 3f…)``, one clause per merge on the way."""
        return "; ".join(
            f"{dup} was merged into {into}"
            + (f" on {at[:10]}" if at else "")
            + (f" (change {change})" if change else "")
            for dup, into, at, change in self.steps
        )


def _merged(entity: dict) -> dict[str, Merged]:
    """The ids merged into `entity` (its ``merged_ids``), with their merges read from its ``merged_from`` trail."""
    trail: dict[str, dict] = {}
    for text in entity.get("merged_from") or []:
        try:
            entry = json.loads(text)
        except (TypeError, ValueError):
            continue
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            trail[entry["id"]] = entry
    found = {}
    for dup in entity.get("merged_ids") or []:
        steps: list[tuple[str, str, str, str]] = []
        hop = dup
        while hop != entity["id"] and hop not in {step[0] for step in steps}:  # the merges on the way, in order
            entry = trail.get(hop, {})
            into = str(entry.get("into") or entity["id"])
            steps.append((hop, into, str(entry.get("at") or ""), str(entry.get("change") or "")))
            hop = into
        found[dup] = Merged(dup, entity["id"], tuple(steps))
    return found


class Index:
    """Known entities by id, name, alias and folded name and alias, for resolving element rows and endpoints.

    Parameters
    ----------
    known : iterable of dict
        Entities already in the database: ``id``, ``name``, ``aliases`` and ``kind`` (an entity without a kind
        can only be matched by its id), and ``merged_ids`` and ``merged_from`` where merges folded others into it.
    """

    def __init__(self, known: Iterable[dict] = ()) -> None:
        self.kinds: dict[str, str | None] = {}
        self.names: dict[str, str] = {}
        self.merged: dict[str, Merged] = {}  # a merged duplicate's id -> where it went
        self._by: dict[str, dict[str, set[str]]] = {way: {} for way in WAYS[1:]}
        for entity in known:
            self.add(entity["id"], entity.get("name") or "", entity.get("aliases") or [], entity.get("kind"))
            self.merged.update(_merged(entity))

    def add(self, entity_id: str, name: str, aliases: Iterable[str], kind: str | None) -> None:
        """Add an entity, or what a later row says about one (its kind replaces the earlier kind)."""
        aliases = list(aliases)
        self.kinds[entity_id] = kind
        self.names[entity_id] = name or self.names.get(entity_id) or entity_id
        keys = {
            "name": [name],
            "alias": aliases,
            "folded name": [fold_name(name)],
            "folded alias": [fold_name(a) for a in aliases],
        }
        for way, values in keys.items():
            for value in values:
                if value:
                    self._by[way].setdefault(value, set()).add(entity_id)

    def candidates(self, name: str, kind: str | None, derived_id: str | None = None) -> list[Candidate]:
        """Every entity a row named `name` of `kind` (None: of any kind) without an ID could be, with every way it
        matched (the id way only for an entity whose id is `derived_id`)."""
        found: dict[str, list[str]] = {}
        if derived_id in self.kinds:
            found[derived_id] = ["id"]
        folded = fold_name(name)
        wanted = {"name": name, "alias": name, "folded name": folded, "folded alias": folded}
        for way, value in wanted.items():
            for entity_id in sorted(self._by[way].get(value, ()) if value else ()):
                if kind is None or self.kinds[entity_id] == kind:
                    found.setdefault(entity_id, []).append(way)
        return [Candidate(i, self.names[i], self.kinds[i], tuple(ways)) for i, ways in found.items()]

    def duplicates(self, entity_id: str, name: str, kind: str, *, same_kind: bool = True) -> list[Candidate]:
        """Entities other than `entity_id` whose name or an alias folds to what `name` folds to.

        Those of `kind`, or (``same_kind=False``) those of any other kind.
        """
        folded = fold_name(name)
        found: dict[str, list[str]] = {}
        for way in ("folded name", "folded alias"):
            for other in sorted(self._by[way].get(folded, ()) if folded else ()):
                if other != entity_id and (self.kinds[other] == kind) == same_kind:
                    found.setdefault(other, []).append(way)
        return [Candidate(i, self.names[i], self.kinds[i], tuple(ways)) for i, ways in found.items()]


@dataclass(frozen=True)
class Resolution:
    """What a row without an ID or an endpoint is: the id and name to write (None: an error, or for an endpoint no
    match), and what the report says."""

    id: str | None
    name: str
    level: str | None = None  # "warning" or "error" when the report says something
    message: str = ""


def resolve(index: Index, name: str, kind: str, derived_id: str, in_load: Container[str] = ()) -> Resolution:
    """Resolve a row without an ID named `name` of `kind`, whose name makes `derived_id`, against `index`.

    `in_load` holds the ids this load has already seen (the rest of `index` is the database's), for the wording.
    """
    found = index.candidates(name, kind, derived_id)
    if len(found) > 1:
        return Resolution(None, name, "error", ambiguous(name, found))
    if found and not (found[0].id == derived_id and found[0].same_name(name)):
        target = found[0]
        return Resolution(target.id, target.name, "warning", matched(target, kind, target.id not in in_load))
    if not found and (others := index.duplicates(derived_id, name, kind, same_kind=False)):
        return Resolution(derived_id, name, "warning", other_kind(kind, others))
    return Resolution(derived_id, name)


def endpoint(index: Index, text: str, in_load: Container[str] = ()) -> Resolution:
    """Resolve a From or To cell `text` against `index`: an id, a merged duplicate's id, else a name of any kind.

    The id of None with no level means nothing matched (the caller tries country names, then suggests names).
    `in_load` holds the ids this load has seen: when the text could be several entities and exactly one of them
    is this load's, that one is meant; otherwise several are an error listing each.
    """
    if text in index.kinds:
        return Resolution(text, index.names[text])
    if text in index.merged:
        merged = index.merged[text]
        return Resolution(merged.keep, index.names[merged.keep], "warning", f"{merged}; linked to {merged.keep}")
    found = index.candidates(text, None)
    if len(found) > 1 and sum(c.id in in_load for c in found) == 1:
        # A file's connections name the file's own elements first (a Kumu export is self-contained); the others
        # are named, so the choice is never silent.
        mine = next(c for c in found if c.id in in_load)
        others = " or ".join(f"{c.name} ({c.id})" for c in found if c is not mine)
        return Resolution(
            mine.id,
            mine.name,
            "warning",
            f"{text!r} taken as {mine.name} ({mine.id}) of this load; it could also be {others}",
        )
    if len(found) > 1:
        listed = " or ".join(f"{c.name} ({c.id}, {c.kind}, by {c.way})" for c in found)
        return Resolution(None, text, "error", f"{text!r} could be {listed}; write the ID of the one it is instead")
    if not found:
        return Resolution(None, text)
    target = found[0]
    if target.way == "name":
        return Resolution(target.id, target.name)
    where = "" if target.id in in_load else "existing "
    return Resolution(target.id, target.name, "warning", f"{text!r} matched {where}{target} by {target.way}")


def matched(candidate: Candidate, kind: str, in_database: bool) -> str:
    """The report's note for a row of `kind` without an ID that resolved to `candidate`."""
    where = "existing " if in_database else ""
    becomes = f", whose kind becomes {kind} (was {candidate.kind})" if candidate.kind != kind else ""
    return f"matched {where}{candidate} by {candidate.way}{becomes}; no new entity"


def ambiguous(name: str, candidates: list[Candidate]) -> str:
    """The report's error for a row without an ID that could be more than one entity."""
    listed = " or ".join(f"{c.name} ({c.id}, by {c.way})" for c in candidates)
    return f"{name!r} could be {listed}; write the ID of the one it is in an ID column"


def likely_duplicate(candidates: list[Candidate]) -> str:
    """The report's warning for a row with a new ID whose folded name another entity of its kind already has."""
    listed = " or ".join(str(c) for c in candidates)
    return f"likely duplicate of {listed} (same name once folded); loaded as its own entity, not merged"


def other_kind(kind: str, candidates: list[Candidate]) -> str:
    """The report's warning for a row without an ID whose name only entities of other kinds have."""
    listed = " or ".join(f"{c.name} ({c.id}, {c.kind})" for c in candidates)
    return f"not matched to {listed}: this row's kind is {kind}; a new entity is made (write the ID to update that one)"
