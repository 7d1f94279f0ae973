"""Column mappings and wording, pure: what the loader recognises, what a user chose, and how both are written.

A `loaders.model.ColumnMapping` says, for one header set, what a table holds and how each header reads; the
Load page prefills one per table from `recognised` and `assess` says why a table needs one.  A mapping file
(``python -m loaders load --mapping FILE``, or the page's download) is JSON: one mapping or a list of them,
``{"role": "connections", "columns": {"Org A": "from", "Org B": "to", "Since when": "since"}}``; fields are
named as in `loaders.validate.COLUMNS`, by their label (``From``) or by any header the loader recognises.
A mapping applies to the tables with its header set, or, naming only some of a table's headers, to the
tables that have them all (`matching`).
The stored ones live in the graph (`loaders.team`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import replace

from graph.vocabulary import KINDS, REL_TYPES, Vocabulary, fold
from loaders.model import FREE, IGNORE, ColumnMapping, Table, headers_key
from loaders.normalise import clean
from loaders.validate import COLUMNS, REQUIRED, column_map

ROLES = ("elements", "connections", "findings", "")
ROLE_LABELS = {
    "elements": "elements (entities)",
    "connections": "connections (links)",
    "findings": "findings (risks and opportunities)",
    "": "nothing: not loaded",
}
LABELS = {
    "name": "Label / Name",
    "id": "ID",
    "engagement_kind": "Engagement kind",
    "about": "Entity (what it is about)",
    "text": "Finding",
    FREE: "keep as a free column",
    IGNORE: "ignore",
}
HEADERS = {"id": "ID", "engagement_kind": "Engagement Kind"}  # a template's header, where not the first word


def label(field: str) -> str:
    """How a field reads in a selectbox: ``Label / Name``, ``Since``, ``keep as a free column``."""
    return LABELS.get(field) or field.replace("_", " ").capitalize()


def header_name(role: str, field: str) -> str:
    """The header a template writes for `field`: the first wording the loader recognises, titled (``Start``)."""
    return HEADERS.get(field) or COLUMNS[role][field][0].title()


def fields(role: str) -> list[str]:
    """The choices for a header of a table holding `role`: its fields, then `FREE` and `IGNORE`."""
    return [*COLUMNS[role], FREE, IGNORE] if role else [IGNORE]


def headers_id(headers: list[str]) -> str:
    """A short stable id of a header set (for widget keys)."""
    return hashlib.sha1(headers_key(headers).encode("utf-8")).hexdigest()[:12]


def recognised(table: Table, role: str | None = None) -> ColumnMapping:
    """What the loader makes of `table`'s headers on its own, read as `role` (default: its classified role)."""
    role = table.role if role is None else role
    if not role:
        return ColumnMapping("", {h: IGNORE for h in table.headers})
    found, free = column_map(replace(table, role=role))
    by_header = {header: field for field, header in found.items()}
    columns = {h: by_header.get(h) or (FREE if h in free else IGNORE) for h in table.headers}
    return ColumnMapping(role, columns)


def matching(table: Table, mappings: Sequence[ColumnMapping]) -> ColumnMapping | None:
    """The mapping among `mappings` for `table`: the one for its header set (the last, if several), else the one
    naming most of its headers and no other header, completed with what the loader recognises for the rest."""
    key = headers_key(table.headers)
    if exact := [m for m in mappings if m.key == key]:
        return exact[-1]
    mine = set(json.loads(key))
    covering = [m for m in mappings if set(json.loads(m.key)) <= mine]
    if not covering:
        return None
    best = max(covering, key=lambda m: len(m.columns))
    rest = recognised(table, best.role)
    return ColumnMapping(best.role, {h: best.field(h) or rest.columns[h] for h in table.headers})


def unknown_headers(table: Table) -> list[str]:
    """Headers the loader does not recognise for the table's role (they would be free columns)."""
    return [h for h, f in recognised(table).columns.items() if f == FREE] if table.role else list(table.headers)


def missing(table: Table, mapping: ColumnMapping) -> list[str]:
    """Required fields `mapping` gives no header (``name``, ``type``, ``from``, ``to``)."""
    if not mapping.role:
        return []
    given = set(column_map(table, mapping)[0])
    wanted = [*REQUIRED[mapping.role], *(["type"] if mapping.role == "elements" and not table.kind_hint else [])]
    return [f for f in wanted if f not in given]


def assess(table: Table, mapping: ColumnMapping | None = None) -> list[str]:
    """Why `table` needs a column mapping (none: the loader reads it as it is), or why `mapping` falls short."""
    if mapping is None:
        reasons = [] if table.role or not table.rows else ["not recognised as elements, connections or findings"]
        mapping = recognised(table)
        if table.role and (unknown := unknown_headers(table)):
            reasons.append(f"headers not recognised (kept as free columns): {', '.join(unknown)}")
    else:
        reasons = []
    if needed := missing(table, mapping):
        reasons.insert(0, "no column read as " + " or ".join(label(f) for f in needed))
    chosen = [f for f in mapping.columns.values() if f not in (FREE, IGNORE)]
    if twice := sorted({label(f) for f in chosen if chosen.count(f) > 1}):
        reasons.append(f"more than one column read as {', '.join(twice)}: the first is used, the others are free")
    return reasons


def parse_field(role: str, text: str) -> str:
    """The field `text` names for `role`: a field key, its label, a recognised header, ``free`` or ``ignore``.

    Raises
    ------
    ValueError
        When `text` names no field of `role`.
    """
    wanted = fold(text)
    if wanted in {FREE, "keep", fold(LABELS[FREE])}:
        return FREE
    if wanted == IGNORE:
        return IGNORE
    for field, words in COLUMNS.get(role, {}).items():
        if wanted in {fold(field), fold(label(field)), fold(field.replace("_", " ")), *words}:
            return field
    choices = ", ".join([*COLUMNS.get(role, {}), FREE, IGNORE])
    raise ValueError(f"{text!r} is not a column of {role or 'a table that is not loaded'}; use one of {choices}")


def mapping_from_json(data: object) -> ColumnMapping:
    """One mapping from its JSON form ``{"role": ..., "columns": {header: field}}``.

    Raises
    ------
    ValueError
        A role or field the loader does not have, or not that shape.
    """
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict) or not data["columns"]:
        shape = '{"role": "elements", "connections" or "findings", "columns": {"Header": "field"}}'
        raise ValueError(f"a mapping is {shape}")
    role = fold(data.get("role") or "")
    if role not in ROLES:
        raise ValueError(f"role {data.get('role')!r} is not elements, connections or findings")
    return ColumnMapping(role, {str(h).strip(): parse_field(role, str(f)) for h, f in data["columns"].items()})


def mappings_from_json(text: str) -> list[ColumnMapping]:
    """Every mapping in a mapping file: one mapping, or a list of them (ValueError when it is neither)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc})") from None
    return [mapping_from_json(item) for item in (data if isinstance(data, list) else [data])]


def mapping_text(mapping: ColumnMapping) -> str:
    """A mapping as canonical JSON text (what the graph stores; equal mappings give equal text)."""
    return json.dumps(mapping.as_json(), ensure_ascii=False, sort_keys=True)


def mappings_json(mappings: list[ColumnMapping]) -> str:
    """A mapping file for ``--mapping``: the list of mappings, readable."""
    return json.dumps([m.as_json() for m in mappings], ensure_ascii=False, indent=2)


def unknown_wordings(
    tables: list[Table], vocab: Vocabulary, mappings: dict[str, ColumnMapping] | None = None
) -> list[dict]:
    """Kind and relationship wording in the type columns of `tables` that `vocab` does not know.

    Returns
    -------
    list of dict
        ``{"what": "kind" or "relationship", "text": as first written, "rows": count}``, in file order.
    """
    found: dict[tuple[str, str], dict] = {}
    for table in tables:
        mapping = (mappings or {}).get(headers_key(table.headers))
        role = mapping.role if mapping else table.role
        if not role:
            continue
        header = column_map(replace(table, role=role), mapping)[0].get("type")
        what = "kind" if role == "elements" else "relationship"
        for _, cells in table.rows if header else []:
            text = " ".join(clean(cells.get(header)).split())
            known = vocab.kind(text) if what == "kind" else vocab.relationship(text)
            if text and known is None:
                entry = found.setdefault((what, fold(text)), {"what": what, "text": text, "rows": 0})
                entry["rows"] += 1
    return list(found.values())


def wording_targets(what: str, vocab: Vocabulary) -> list[str]:
    """What a wording can map to: the kinds, or the relationship types and (``~TYPE``) the directed ones backwards."""
    if what == "kind":
        return list(KINDS)
    return [t for rel in REL_TYPES for t in ([rel] if rel in vocab.undirected else [rel, f"~{rel}"])]


def target_label(target: str, vocab: Vocabulary) -> str:
    """``Agency (government agency)``, ``FUNDS (the From funds the To)``, ``FUNDS read backwards (the To funds
    the From)``."""
    if target in KINDS:
        return f"{target} ({vocab.kind_name(target)})"
    rel = target.lstrip("~")
    if target.startswith("~"):
        return f"{rel} read backwards (the To {vocab.reading(rel)} the From)"
    return f"{rel} (the From {vocab.reading(rel)} the To)"
