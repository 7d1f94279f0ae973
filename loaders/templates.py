"""Elements, Connections and Findings templates: every column the loader knows (`loaders.validate.COLUMNS`), one
example row each.

Loaded together, the templates load cleanly: the connection names the example element and a country, the finding
the same country.
"""

from __future__ import annotations

from loaders.mapping import header_name
from loaders.validate import COLUMNS

EXAMPLES = {
    "elements": {
        "id": "afp",
        "name": "Australian Federal Police",
        "type": "Agency",
        "aliases": "AFP",
        "country": "AUS",
        "region": "Oceania",
        "description": "Federal police; leads the national response to online child sexual exploitation.",
        "tags": "home|law enforcement",
        "priority": "high",
        "date": "",
        "engagement_kind": "",
        "sources": "https://www.afp.gov.au",
    },
    "connections": {
        "from": "afp",
        "to": "Fiji",
        "type": "operates in",
        "since": "2019",
        "until": "",
        "role": "",
        "amount": "",
        "currency": "",
        "confidence": "high",
        "notes": "Pacific policing partnership.",
        "sources": "https://www.afp.gov.au",
    },
    "findings": {
        "id": "",
        "about": "Fiji",
        "kind": "risk",
        "theme": "awareness",
        "level": "medium",
        "text": "Limited awareness of online harms among parents and carers.",
        "date": "2024",
        "sources": "",
    },
}


def template_rows(role: str) -> list[dict]:
    """The template for `role` (``elements``, ``connections`` or ``findings``): its headers, as one example row."""
    return [{header_name(role, field): EXAMPLES[role].get(field, "") for field in COLUMNS[role]}]
