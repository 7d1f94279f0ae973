"""The schema vocabulary: kinds, relationship types and country names.

Loaded from ``vocabulary.toml`` beside this module, extended by the TOML file
named in ``SGE_VOCABULARY``; a team's own wording, kept in the graph, is added
on top by `Vocabulary.extended` (see ``loaders.team``).  Everything that puts a label or relationship type
into a query string checks it here first.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import pycountry

KINDS = (
    "Agency",
    "NGO",
    "Company",
    "InternationalOrganisation",
    "Forum",
    "Program",
    "Country",
    "Agreement",
    "Engagement",
)
REL_TYPES = (
    "MEMBER_OF",
    "PARTY_TO",
    "PARTNERS_WITH",
    "FUNDS",
    "PART_OF",
    "LEADS",
    "OPERATES_IN",
    "BASED_IN",
    "CHAIRS",
    "SECRETARIAT_FOR",
    "PARTICIPATED_IN",
    "RELATED_TO",
)
DEFAULT_PATH = Path(__file__).with_name("vocabulary.toml")


def fold(text: str) -> str:
    """Lower-case, trim and collapse inner whitespace, for matching wording."""
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


@dataclass(frozen=True)
class Direction:
    """The kinds a relationship type expects at its ends (None: any kind), and why another kind does not fit.

    `not_from` and `not_to` read ``{a_kind} is led, it does not lead``, ``{a_kind}`` standing for ``a program``.
    """

    sources: frozenset[str] | None
    targets: frozenset[str] | None
    not_from: str = "{a_kind} does not fit the source of this relationship"
    not_to: str = "{a_kind} does not fit the target of this relationship"

    def takes(self, source: str, target: str) -> bool:
        """Whether a link from a `source` kind to a `target` kind fits."""
        return (self.sources is None or source in self.sources) and (self.targets is None or target in self.targets)


@dataclass(frozen=True)
class Vocabulary:
    """Wording-to-schema lookups.

    Attributes
    ----------
    kinds : dict
        Folded wording -> kind label.
    relationships : dict
        Folded wording -> ``(TYPE, reversed)``.
    undirected : frozenset
        Relationship types read both ways.
    countries : dict
        Folded alias -> ISO 3166-1 alpha-3 code.
    kind_names : dict
        Kind label -> ``(one, many)``: how it reads in a sentence.
    readings : dict
        Relationship type -> ``(from its source, from its target)``: ``("funds", "funded by")``.
    spelled : frozenset
        Kind and relationship wording exactly as the vocabulary writes it (labels, types, synonyms), so that a
        loader can say when a cell matched only by folding case or spacing.
    directions : dict
        Relationship type -> `Direction`: the kinds expected at its ends (a type without one is never checked).
    """

    kinds: dict[str, str]
    relationships: dict[str, tuple[str, bool]]
    undirected: frozenset[str]
    countries: dict[str, str]
    kind_names: dict[str, tuple[str, str]]
    readings: dict[str, tuple[str, str]]
    spelled: frozenset[str] = frozenset()
    directions: dict[str, Direction] = field(default_factory=dict)

    def fits(self, rel_type: str, source: str | None, target: str | None) -> bool:
        """Whether a `rel_type` link from a `source` kind to a `target` kind fits its direction (an undirected type:
        either way round; an unknown kind or a type without a `Direction`: always)."""
        rule = self.directions.get(rel_type)
        if rule is None or source is None or target is None:
            return True
        return rule.takes(source, target) or (rel_type in self.undirected and rule.takes(target, source))

    def kind_name(self, kind: str | None, count: int = 1) -> str:
        """`kind` as words, singular or plural by `count`: ``government agency``, ``companies``."""
        one, many = self.kind_names.get(kind or "", (kind or "entity", f"{kind or 'entity'}s"))
        return one if count == 1 else many

    def reading(self, rel_type: str, outward: bool = True) -> str:
        """How a link of `rel_type` reads from its source (`outward`) or from its target."""
        fallback = rel_type.replace("_", " ").lower()
        out, inward = self.readings.get(rel_type, (fallback, fallback))
        return out if outward else inward

    def kind(self, wording: str) -> str | None:
        """Kind label for `wording`, or None when the vocabulary does not know it."""
        return self.kinds.get(fold(wording))

    def relationship(self, wording: str) -> tuple[str, bool] | None:
        """``(TYPE, reversed)`` for `wording`, or None when unknown."""
        return self.relationships.get(fold(wording))

    def extended(
        self, kinds: Mapping[str, str] | None = None, relationships: Mapping[str, tuple[str, bool]] | None = None
    ) -> Vocabulary:
        """This vocabulary plus more wording (a team's, kept in the graph); the new wording wins where it overlaps.

        Parameters
        ----------
        kinds : dict
            Wording -> kind label.
        relationships : dict
            Wording -> ``(TYPE, reversed)``.

        Raises
        ------
        ValueError
            A kind label or relationship type that the schema does not have.
        """
        kinds, relationships = dict(kinds or {}), dict(relationships or {})
        for label in kinds.values():
            if label not in KINDS:
                raise ValueError(f"vocabulary: unknown kind label {label!r}; use one of {', '.join(KINDS)}")
        for rel_type, _ in relationships.values():
            if rel_type not in REL_TYPES:
                raise ValueError(f"vocabulary: unknown relationship type {rel_type!r}")
        return replace(
            self,
            kinds={**self.kinds, **{fold(word): label for word, label in kinds.items()}},
            relationships={**self.relationships, **{fold(word): found for word, found in relationships.items()}},
            spelled=self.spelled | {str(word).strip() for word in [*kinds, *relationships]},
        )

    def country_codes(self) -> frozenset[str]:
        """Every ISO3 code `country` can answer (the vocabulary's and ISO 3166-1's)."""
        return frozenset(self.countries.values()) | {c.alpha_3 for c in pycountry.countries}

    def country(self, text: str) -> str | None:
        """ISO3 code for a country name, alias or ISO code, or None."""
        key = fold(text)
        if not key:
            return None
        if key in self.countries:
            return self.countries[key]
        try:
            return pycountry.countries.lookup(key).alpha_3
        except LookupError:
            return None


def undirected_types() -> frozenset[str]:
    """Relationship types read both ways (``PARTNERS_WITH``, ``RELATED_TO``): drawn without arrows."""
    return load_vocabulary().undirected


def kind_name(kind: str | None, count: int = 1) -> str:
    """`kind` in words (see `Vocabulary.kind_name`)."""
    return load_vocabulary().kind_name(kind, count)


def reading(rel_type: str, outward: bool = True) -> str:
    """How a link reads (see `Vocabulary.reading`)."""
    return load_vocabulary().reading(rel_type, outward)


def country_name(iso3: str) -> str:
    """Common name of the country with ISO3 code `iso3` (the code itself if unknown)."""
    found = pycountry.countries.get(alpha_3=iso3)
    if found is None:
        return iso3
    return getattr(found, "common_name", None) or found.name


def _merge(base: dict, extra: dict) -> dict:
    for section, entries in extra.items():
        target = base.setdefault(section, {})
        for key, value in entries.items():
            if section == "kind_names":  # a name replaces the shipped one
                target[key] = value
            elif isinstance(value, dict):  # lists (synonyms, kinds at an end) are added to; a single value replaced
                spec = target.setdefault(key, {})
                spec.update({k: [*spec.get(k, []), *v] if isinstance(v, list) else v for k, v in value.items()})
            else:
                target[key] = list(target.get(key, [])) + list(value)
    return base


@lru_cache(maxsize=4)
def load_vocabulary(extra: str | None = None) -> Vocabulary:
    """Read the vocabulary, plus the user's extension file if there is one.

    Parameters
    ----------
    extra : str, optional
        Path of an extension TOML; defaults to ``$SGE_VOCABULARY``.
    """
    data = tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    extra = extra or os.environ.get("SGE_VOCABULARY")
    if extra:
        data = _merge(data, tomllib.loads(Path(extra).read_text(encoding="utf-8")))
    kinds, spelled = {}, {"International Organisation"}
    for label, words in data.get("kinds", {}).items():
        if label not in KINDS:
            raise ValueError(f"vocabulary: unknown kind label {label!r}; use one of {', '.join(KINDS)}")
        for word in [label, *words]:
            kinds[fold(word)] = label
            spelled.add(str(word).strip())
    kinds[fold("International Organisation")] = "InternationalOrganisation"
    kind_names = {}
    for label, names in data.get("kind_names", {}).items():
        if label not in KINDS or len(names) != 2:
            raise ValueError(f"vocabulary: kind_names.{label} must name a kind and give [one, many]")
        kind_names[label] = (str(names[0]), str(names[1]))
    relationships, undirected, readings = {}, set(), {}
    for rel_type, spec in data.get("relationships", {}).items():
        if rel_type not in REL_TYPES:
            raise ValueError(f"vocabulary: unknown relationship type {rel_type!r}")
        for word in [rel_type, rel_type.replace("_", " "), *spec.get("synonyms", [])]:
            relationships[fold(word)] = (rel_type, False)
        for word in spec.get("reversed", []):
            relationships[fold(word)] = (rel_type, True)
        spelled.update(str(word).strip() for word in [rel_type, *spec.get("synonyms", []), *spec.get("reversed", [])])
        if spec.get("undirected"):
            undirected.add(rel_type)
        if spec.get("reads"):
            readings[rel_type] = (str(spec["reads"][0]), str(spec["reads"][-1]))
    countries = {}
    for iso3, aliases in data.get("countries", {}).items():
        for alias in [iso3, *aliases]:
            countries[fold(alias)] = iso3
    directions = {rel_type: _direction(rel_type, spec) for rel_type, spec in data.get("directions", {}).items()}
    return Vocabulary(
        kinds, relationships, frozenset(undirected), countries, kind_names, readings, frozenset(spelled), directions
    )


def _direction(rel_type: str, spec: dict) -> Direction:
    if rel_type not in REL_TYPES:
        raise ValueError(f"vocabulary: directions.{rel_type}: unknown relationship type")
    ends: list[frozenset[str] | None] = []
    for end in ("from", "to"):
        labels = spec.get(end)
        if labels is not None and (not isinstance(labels, list) or set(labels) - set(KINDS)):
            raise ValueError(f"vocabulary: directions.{rel_type}.{end} must list kinds from {', '.join(KINDS)}")
        ends.append(None if labels is None else frozenset(labels))
    reasons = {k: str(spec[k]) for k in ("not_from", "not_to") if spec.get(k)}
    return Direction(ends[0], ends[1], **reasons)
