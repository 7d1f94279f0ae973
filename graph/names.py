"""How names and websites compare: words, folded names, acronyms, initials and registered domains (pure).

Used by `graph.duplicates` to find likely duplicates; kept apart so that the rules for reading a name or a
source URL can be read, tested and reused on their own.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

#: Words left out of initials (and also tried with them): "Department of Foreign Affairs and Trade" is DFAT.
SMALL_WORDS = frozenset(
    {"a", "an", "and", "at", "de", "del", "des", "du", "et", "for", "in", "la", "le", "of", "on", "the", "to"}
)

# Second-level labels under a two-letter country code that are public suffixes: afp.gov.au, dia.govt.nz, osc.com.fj.
_SECOND_LEVEL = frozenset(
    {"ac", "co", "com", "edu", "gc", "go", "gob", "gouv", "gov", "govt", "int", "mil", "ne", "net", "nic", "or", "org"}
    | {"police", "nhs", "ltd", "plc", "sch", "asn", "id", "judiciary", "parliament"}
)
_AU_STATES = frozenset({"act", "nsw", "nt", "qld", "sa", "tas", "vic", "wa"})
_ACRONYM = re.compile(r"[A-Z]{2,8}")
_URL_HOST = re.compile(r"[a-z][a-z0-9+.-]*://(?:[^@/?#\s]*@)?([^/:?#\s\[\]]+)", re.IGNORECASE)
_BARE_HOST = re.compile(r"((?:[a-z0-9-]+\.)+[a-z]{2,})(?:[/:?#]|$)", re.IGNORECASE)
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def words(text: str | None) -> list[str]:
    """Lower-case words of `text`: accents dropped, ``&`` read as "and", punctuation as a space."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode("ascii")
    return _NOT_WORD.sub(" ", text.casefold().replace("&", " and ")).split()


def fold(text: str | None) -> str:
    """`text` with case, accents, spaces and punctuation folded away: "A.F.P." and "afp" fold alike."""
    return "".join(words(text))


def acronym(text: str | None) -> str | None:
    """`text` when it is an acronym (all capitals, 2 to 8 letters, dots allowed: "AFP", "U.S."), else None."""
    bare = str(text or "").replace(".", "").strip()
    return bare if _ACRONYM.fullmatch(bare) else None


def initials(name: str | None) -> set[str]:
    """Upper-case initials of a name, without and with its small words and any part in brackets.

    ``initials("Department of Internal Affairs (New Zealand)")`` is
    ``{"DIA", "DOIA", "DIANZ", "DOIANZ"}``.
    """
    found = set()
    for text in {str(name or ""), _PARENTHESES.sub(" ", str(name or ""))}:
        ws = words(text)
        for kept in (ws, [w for w in ws if w not in SMALL_WORDS]):
            if len(kept) >= 2:
                found.add("".join(w[0] for w in kept).upper())
    return found


def registered_domain(source: str | None) -> str | None:
    """The registered domain of a source URL (``https://www.afp.gov.au/news`` -> ``afp.gov.au``), or None.

    A source without a scheme counts when it starts with a host name
    (``afp.gov.au/news``); document references and e-mail addresses do not.
    """
    text = str(source or "").strip()
    found = _URL_HOST.match(text) or _BARE_HOST.match(text)
    return _registrable(found.group(1).lower()) if found else None


@cache
def _registrable(host: str) -> str | None:
    labels = host.rstrip(".").split(".")
    while labels and labels[0] == "www":
        labels = labels[1:]
    if len(labels) < 2 or "".join(labels).isdigit():
        return None  # a bare name or an IP address
    if len(labels) == 2 and len(labels[-1]) == 2 and labels[0] in _SECOND_LEVEL:
        return None  # a public suffix itself (www.gov.uk): nobody's own site
    keep = 2
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        keep = 3
        if labels[-1] == "au" and labels[-2] == "gov" and len(labels) >= 4 and labels[-3] in _AU_STATES:
            keep = 4
    return ".".join(labels[-keep:]) if len(labels) >= keep else None
