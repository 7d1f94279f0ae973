"""Likely duplicates: pairs of entities that may be one real organisation, each with its reasons in words (pure).

DESIGN.md, **Identity**: one real organisation is one entity; near misses are
suggested, never merged silently.  This module only suggests.

The evidence for a pair, each piece with a weight between 0 and 1:

=========================================================  ======
same name after folding case, spaces and punctuation        1.0
(accents and ``&``/``and`` fold too)
a name of one is an alias of the other                      0.95
both have the same alias                                    0.9
(0.6 when that alias is an acronym: acronyms collide)
an acronym of one matches the initials of the other's name  0.9
(or of one of its aliases written out: "NSWPF" and "New South Wales Police Force")
names at least 70% similar (`rapidfuzz`; word order,       the similarity
"Dept"/"Department", "Inc."/"Ltd" ignored)
both cite the same website (registered domain)              0.5
=========================================================  ======

The score is ``1 - prod(1 - weight)`` (independent pieces of evidence, as a
noisy OR), and a pair is listed when its score reaches `THRESHOLD` (0.9): a
same name, an alias, an acronym or a 90% similar name suffices alone; a shared
website does not (sources are mostly citations, and two agencies citing one
ministry's page are not one agency) but lifts a name 80% similar over the line.

Never paired: an entity with itself, entities of different kinds, entities
whose countries (or, for engagements, dates) are both known and differ, and
pairs remembered as not duplicates.

Websites (`registered_domain`): the host of a source without ``www.``, cut to
its registered domain by a small table of public suffixes (``gov.au``,
``co.uk``, ``govt.nz``, ``nsw.gov.au`` ...: a two-letter country code under a
usual second level, plus Australia's state suffixes); anything else keeps its
last two labels.  A domain does not count when it is a reference, archive or
social host (`COMMON_HOSTS`), or when more than `COMMON_DOMAIN` (4) entities of
the kind cite it: then it is a publisher that many cite (a news site, a
ministry's media page), not anyone's own website.

Scale: comparing all pairs is quadratic (5 billion pairs at 100k entities), so
candidates come from blocks, each small, within a kind: the same folded name
or alias, an acronym and the same initials, the same uncommon domain, and for
similarity the entities that share one of their two rarest words, compared in
one `rapidfuzz.process.cdist` call per block.  Every candidate is then judged
on all the evidence.  `all_pairs_duplicates` is the quadratic oracle the tests
and ``bench/duplicates.py`` compare against: the blocked answer is a subset of
it, equal on every pair whose evidence is not similarity alone.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from graph.names import SMALL_WORDS, acronym, fold, initials, registered_domain, words

#: Lowest score that lists a pair.
THRESHOLD = 0.9
#: Lowest similarity (in %) that counts as evidence (and is named in the reasons).
SIMILAR_FLOOR = 70
#: A domain cited by more entities of one kind than this is a publisher, not a website.
COMMON_DOMAIN = 4
#: An alias, or a set of initials, held by more entities of one kind than this identifies none of them.
COMMON_KEY = 25
#: Hosts that are never an organisation's own website: encyclopaedias, archives, link shorteners, profiles.
COMMON_HOSTS = frozenset(
    {
        "wikipedia.org",
        "wikimedia.org",
        "wikidata.org",
        "archive.org",
        "archive.ph",
        "doi.org",
        "bit.ly",
        "t.co",
        "linkedin.com",
        "youtube.com",
    }
)
#: For similarity only, abbreviations read as the word ("Dept of Home Affairs") and legal forms left out ("Snap Inc.").
ABBREVIATIONS = {
    "assn": "association",
    "assoc": "association",
    "ctr": "centre",
    "center": "centre",
    "dept": "department",
    "govt": "government",
    "gov": "government",
    "intl": "international",
    "natl": "national",
    "org": "organisation",
    "organization": "organisation",
}
LEGAL_FORMS = frozenset({"corp", "corporation", "gmbh", "inc", "incorporated", "limited", "llc", "ltd", "plc", "pty"})

WEIGHTS = {
    "same_name": 1.0,
    "name_alias": 0.95,
    "shared_alias": 0.9,
    "shared_acronym": 0.6,
    "acronym": 0.9,
    "domain": 0.5,
}


@dataclass
class _Entity:
    """An entity as the comparisons need it, prepared once."""

    index: int
    id: str
    name: str
    kind: str
    country: str | None
    date: str | None
    folded: str
    sorted_words: str  # the words sorted, so that fuzz.ratio on it is token_sort_ratio
    tokens: set[str]
    aliases: dict[str, str]  # folded alias -> alias as written (the name's own fold left out)
    acronyms: set[str]  # the name if an acronym, and acronym aliases that are not the name's own initials
    initials: dict[str, str]  # initials -> the name, or the alias written out, they are the initials of
    domains: set[str] = field(default_factory=set)


def _similarity_text(ws: list[str]) -> str:
    """The words compared for similarity: abbreviations expanded, legal forms dropped, sorted (word order ignored)."""
    expanded = [ABBREVIATIONS.get(w, w) for w in ws]
    kept = [w for w in expanded if w not in LEGAL_FORMS] or expanded
    return " ".join(sorted(kept))


def _prepare(entities: Iterable[Mapping]) -> list[_Entity]:
    prepared: list[_Entity] = []
    for e in entities:
        name = str(e.get("name") or e.get("id") or "")
        ws = words(name)
        folded = "".join(ws)
        own_initials = initials(name)
        spelled = {i: name for i in own_initials}
        aliases: dict[str, str] = {}
        acronyms = {a for a in [acronym(name)] if a}
        for alias in e.get("aliases") or []:
            key = fold(alias)
            if key and key != folded:
                aliases.setdefault(key, str(alias))
            short = acronym(alias)
            if short and short not in own_initials:
                acronyms.add(short)
            elif not short:
                for i in initials(alias):
                    spelled.setdefault(i, str(alias))
        domains = {d for d in map(registered_domain, e.get("sources") or []) if d and d not in COMMON_HOSTS}
        prepared.append(
            _Entity(
                index=len(prepared),
                id=str(e["id"]),
                name=name,
                kind=str(e.get("kind") or ""),
                country=e.get("country") or None,
                date=e.get("date") or None,
                folded=folded,
                sorted_words=_similarity_text(ws),
                tokens={w for w in ws if w not in SMALL_WORDS} or set(ws),
                aliases=aliases,
                acronyms=acronyms,
                initials=spelled,
                domains=domains,
            )
        )
    return prepared


@dataclass
class _Context:
    """What judging a pair needs to know about its kind: which domains and keys are too common to count."""

    common_domains: set[str]
    common_aliases: set[str]
    common_initials: set[str]


def _context(group: list[_Entity]) -> _Context:
    domains = Counter(d for e in group for d in e.domains)
    aliases = Counter(k for e in group for k in {e.folded, *e.aliases} if k)
    inits = Counter(i for e in group for i in e.initials)
    return _Context(
        common_domains={d for d, n in domains.items() if n > COMMON_DOMAIN},
        common_aliases={k for k, n in aliases.items() if n > COMMON_KEY},
        common_initials={i for i, n in inits.items() if n > COMMON_KEY},
    )


def _conflict(a: _Entity, b: _Entity) -> bool:
    """Facts that say two entities are different: both countries known and different, or both dates."""
    return bool((a.country and b.country and a.country != b.country) or (a.date and b.date and a.date != b.date))


def _evidence(a: _Entity, b: _Entity, ctx: _Context) -> list[tuple[float, str]]:
    """Every piece of evidence that `a` and `b` are one organisation, as (weight, reason)."""
    found: list[tuple[float, str]] = []
    same_name = bool(a.folded) and a.folded == b.folded
    if same_name:
        found.append((WEIGHTS["same_name"], "same name after folding case, spaces and punctuation"))
    for x, y in ((a, b), (b, a)):
        if x.folded and x.folded in y.aliases and x.folded not in ctx.common_aliases:
            found.append((WEIGHTS["name_alias"], f"'{x.name}' is an alias of '{y.name}'"))
    for key in sorted(set(a.aliases) & set(b.aliases) - ctx.common_aliases):
        shown = a.aliases[key]
        weight = WEIGHTS["shared_acronym"] if acronym(shown) else WEIGHTS["shared_alias"]
        found.append((weight, f"both have the alias '{shown}'"))
    for x, y in ((a, b), (b, a)):
        for short in sorted(x.acronyms & y.initials.keys() - ctx.common_initials):
            of = y.name if y.initials[short] == y.name else f"{y.initials[short]}', an alias of '{y.name}"
            found.append((WEIGHTS["acronym"], f"'{short}' matches the initials of '{of}'"))
    shared = sorted(a.domains & b.domains - ctx.common_domains)
    if shared:
        found.append((WEIGHTS["domain"], f"both cite the website{'s' if len(shared) > 1 else ''} {', '.join(shared)}"))
    if not same_name and a.sorted_words and b.sorted_words:
        similar = fuzz.ratio(a.sorted_words, b.sorted_words)
        if similar >= SIMILAR_FLOOR:
            # Not "100% similar" for names that differ: only once read alike ("Snap" and "Snap Inc.").
            percent = min(math.floor(similar), 99)
            found.append((min(similar, 99) / 100, f"names {percent}% similar"))
    return found


def _score(evidence: list[tuple[float, str]]) -> float:
    left = 1.0
    for weight, _ in evidence:
        left *= 1 - weight
    return round(1 - left, 3)


def _pair_of(i: int, j: int) -> tuple[int, int]:
    return (i, j) if i < j else (j, i)


def _pair(x: _Entity, y: _Entity) -> tuple[int, int]:
    return _pair_of(x.index, y.index)


def _pairs_in(members: list[_Entity]) -> Iterator[tuple[int, int]]:
    for x, y in itertools.combinations(members, 2):
        yield _pair(x, y)


def _similar_pairs(
    group: list[_Entity], cutoff: float, *, cells: int = 4_000_000, involving: Collection[int] | None = None
) -> set[tuple[int, int]]:
    """Pairs whose names are at least `cutoff`% similar among entities sharing one of their two rarest words.

    With `involving` (indexes), only the rows of those entities are scored: a load's few new entities against all.
    """
    frequency = Counter(t for e in group for t in e.tokens)
    blocks: dict[str, list[_Entity]] = defaultdict(list)
    for e in group:
        for token in sorted(e.tokens, key=lambda t: (frequency[t], t))[:2]:
            blocks[token].append(e)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        queries = members if involving is None else [e for e in members if e.index in involving]
        if len(members) < 2 or not queries:
            continue
        texts = [e.sorted_words for e in members]
        asked = [e.sorted_words for e in queries]
        rows = max(1, cells // len(members))  # a score matrix of at most `cells` floats at a time
        for start in range(0, len(queries), rows):
            scores = process.cdist(asked[start : start + rows], texts, scorer=fuzz.ratio, score_cutoff=cutoff)
            for i, j in zip(*scores.nonzero(), strict=True):
                x, y = queries[start + int(i)].index, members[int(j)].index
                if x != y:
                    pairs.add(_pair_of(x, y))
    return pairs


def _candidates(
    group: list[_Entity], ctx: _Context, threshold: float, involving: Collection[int] | None = None
) -> set[tuple[int, int]]:
    """Pairs of one kind worth judging: those in one small block (see the module's docstring), and with
    `involving` (indexes) only those with one of them."""
    pairs: set[tuple[int, int]] = set()
    by_name: dict[str, list[_Entity]] = defaultdict(list)
    by_alias: dict[str, list[_Entity]] = defaultdict(list)
    by_initials: dict[str, list[_Entity]] = defaultdict(list)
    by_domain: dict[str, list[_Entity]] = defaultdict(list)
    for e in group:
        if e.folded:
            by_name[e.folded].append(e)
        for key in {e.folded, *e.aliases} - {""}:
            by_alias[key].append(e)
        for i in e.initials:
            by_initials[i].append(e)
        for d in e.domains:
            by_domain[d].append(e)
    for members in by_name.values():
        pairs.update(_pairs_in(members))  # a name shared by many is many likely duplicates: no cap
    for key, members in by_alias.items():
        if key not in ctx.common_aliases:
            pairs.update(_pairs_in(members))
    for e in group:
        for short in e.acronyms:
            if short not in ctx.common_initials:
                pairs.update(_pair(e, o) for o in by_initials.get(short, []) if o is not e)
    for d, members in by_domain.items():
        if d not in ctx.common_domains:
            pairs.update(_pairs_in(members))
    # Similarity alone lists a pair only at the threshold; below it a pair needs other evidence, found above.
    # (A hair under it: a score is rounded to three places before it is compared.)
    pairs.update(_similar_pairs(group, threshold * 100 - 0.05, involving=involving))
    if involving is not None:
        pairs = {p for p in pairs if p[0] in involving or p[1] in involving}
    return pairs


def _pair_key(pair: Iterable[str]) -> frozenset[str]:
    return frozenset(str(p) for p in pair)


def _judge(
    prepared: list[_Entity],
    candidates: Mapping[str, tuple[_Context, Iterable[tuple[int, int]]]],
    not_duplicates: Collection[Iterable[str]],
    threshold: float,
) -> list[dict]:
    skip = {_pair_key(p) for p in not_duplicates}
    rows: list[dict[str, Any]] = []
    for kind, (ctx, pairs) in candidates.items():
        for i, j in pairs:
            a, b = sorted((prepared[i], prepared[j]), key=lambda e: e.id)
            if a.id == b.id or _conflict(a, b) or frozenset((a.id, b.id)) in skip:
                continue
            evidence = _evidence(a, b, ctx)
            score = _score(evidence)
            if score >= threshold:
                evidence.sort(key=lambda item: -item[0])
                rows.append(
                    {
                        "a": a.id,
                        "a_name": a.name,
                        "b": b.id,
                        "b_name": b.name,
                        "kind": kind,
                        "reasons": [reason for _, reason in evidence],
                        "score": score,
                    }
                )
    rows.sort(key=lambda r: (-r["score"], r["kind"], r["a_name"].casefold(), r["b_name"].casefold(), r["a"], r["b"]))
    return rows


def _by_kind(prepared: list[_Entity]) -> dict[str, list[_Entity]]:
    groups: dict[str, list[_Entity]] = defaultdict(list)
    for e in prepared:
        groups[e.kind].append(e)
    return groups


def likely_duplicates(
    entities: Iterable[Mapping],
    *,
    not_duplicates: Collection[Iterable[str]] = frozenset(),
    threshold: float = THRESHOLD,
    involving: Collection[str] | None = None,
) -> list[dict]:
    """Pairs of entities that may be one organisation, strongest first, each with its reasons in words.

    Parameters
    ----------
    entities : iterable of mapping
        ``{"id", "name", "aliases", "kind", "sources", "country"}`` and
        optionally ``"date"`` (an engagement's); missing values may be None.
    not_duplicates : collection of pairs of ids
        Pairs remembered as not duplicates (in either order): never listed.
    threshold : float
        Lowest score listed, between 0 and 1 (see the module's docstring).
    involving : collection of str, optional
        Only the pairs with one of these ids (a load's new entities): the same
        pairs as the whole answer has with them, found in time that grows with
        their number, not the square of all.

    Returns
    -------
    list of dict
        ``{"a", "a_name", "b", "b_name", "kind", "reasons", "score"}``, one per
        unordered pair (``a`` the smaller id), highest score first; `reasons`
        are sentences, strongest first.
    """
    prepared = _prepare(entities)
    ids = None if involving is None else set(involving)
    wanted = None if ids is None else {e.index for e in prepared if e.id in ids}
    candidates = {}
    for kind, group in _by_kind(prepared).items():
        ctx = _context(group)
        candidates[kind] = (ctx, _candidates(group, ctx, threshold, wanted))
    return _judge(prepared, candidates, not_duplicates, threshold)


def all_pairs_duplicates(
    entities: Iterable[Mapping],
    *,
    not_duplicates: Collection[Iterable[str]] = frozenset(),
    threshold: float = THRESHOLD,
) -> list[dict]:
    """`likely_duplicates` by judging every pair of the same kind: quadratic, the oracle for tests and benchmarks."""
    prepared = _prepare(entities)
    candidates = {}
    for kind, group in _by_kind(prepared).items():
        candidates[kind] = (_context(group), ((x.index, y.index) for x, y in itertools.combinations(group, 2)))
    return _judge(prepared, candidates, not_duplicates, threshold)
