"""Whether a link's direction fits the kinds at its ends, and what to tell the user when it does not (pure).

The kinds each relationship type expects at its source and target live in the vocabulary (``[directions]`` in
``graph/vocabulary.toml``, user-extendable).  A link that does not fit is still a link as written: a loader reports
it as a warning, and says so when the link written the other way round would fit.
"""

from __future__ import annotations

from typing import NamedTuple

from graph.vocabulary import Vocabulary


class End(NamedTuple):
    """One end of a link: the entity's name and kind label (None: unknown, never checked)."""

    name: str
    kind: str | None


def a_kind(vocab: Vocabulary, kind: str) -> str:
    """`kind` in words with its article: ``a program``, ``an international organisation``."""
    words = vocab.kind_name(kind)
    return ("an " if words[:1].lower() in "aeiou" else "a ") + words


def direction_warning(vocab: Vocabulary, rel_type: str, source: End, target: End) -> str | None:
    """Why a `rel_type` link from `source` to `target` does not fit its type's direction, or None when it fits.

    ``'Cyber Safety Pasifika' (Program) leads 'UNICEF' (InternationalOrganisation): a program is led, it does not
    lead — check the direction; written the other way round it would read 'UNICEF leads Cyber Safety Pasifika'``.
    The reason is the source's when the source's kind does not fit, else the target's.
    """
    if source.kind is None or target.kind is None or vocab.fits(rel_type, source.kind, target.kind):
        return None
    rule = vocab.directions[rel_type]
    wrong_source = rule.sources is not None and source.kind not in rule.sources
    reason = rule.not_from if wrong_source else rule.not_to
    reason = reason.replace("{a_kind}", a_kind(vocab, source.kind if wrong_source else target.kind))
    reads = vocab.reading(rel_type)
    said = f"{source.name!r} ({source.kind}) {reads} {target.name!r} ({target.kind}): {reason}"
    if vocab.fits(rel_type, target.kind, source.kind):
        other_way = f"{target.name} {reads} {source.name}"
        return f"{said} — check the direction; written the other way round it would read {other_way!r}"
    return f"{said} — check the type and the direction"
