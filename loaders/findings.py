"""Findings: a team's assessments of a country or partner (a risk or an opportunity, on a theme, at a level).

A finding is about an entity, not an entity itself: it is kept as ``(:Finding {id, about, kind, theme, level, text,
date, sources})`` with ``about`` the entity's id, so that findings never count as entities or links (counts,
search, identity resolution, analyses), and one stays with its entity's id when the entity is deleted (it comes
back with an undo) or moves to the kept entity when it is merged (`loaders.merge`).

A row of a findings table names its entity as a connection's From does (an id, a name, an alias or a country,
`loaders.validate`), and a finding's id, unless the row gives one, is made from the entity, the kind and the theme
(or the text, when there is no theme): reloading the same sheet updates its findings instead of adding copies, and
two rows about the same entity, kind and theme are one finding whose texts are both kept.
"""

from __future__ import annotations

import hashlib

from graph.vocabulary import fold
from loaders.normalise import slug

KINDS = ("risk", "opportunity")
KIND_WORDS = {
    "risk": "risk",
    "risks": "risk",
    "threat": "risk",
    "threats": "risk",
    "opportunity": "opportunity",
    "opportunities": "opportunity",
}
TEXT = "text"  # a finding's statement: free text, several rows' texts are joined (`loaders.combine`)


def finding_kind(written: str) -> str | None:
    """``risk`` or ``opportunity`` for a kind cell (``Risks``, ``Threat``), or None when it is neither."""
    return KIND_WORDS.get(fold(written))


def finding_id(about: str, kind: str, theme: str, text: str) -> str:
    """The id a finding gets when its row gives none: ``TUV-risk-digital-connectivity``.

    Without a theme, a short hash of the text stands for it (a slug of a long statement would make a long id).
    """
    if slug(theme):
        return f"{about}-{kind}-{slug(theme)}"
    return f"{about}-{kind}-{hashlib.sha1(fold(text).encode('utf-8')).hexdigest()[:8]}"
