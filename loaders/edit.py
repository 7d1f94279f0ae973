"""Changes made in the app (and by ``python -m loaders log-engagement``): log an engagement, add or change an entity,
add or end a link, add a note, mark a follow-up done.

Each form is read as a small table in the loader's own format and checked by `loaders.validate` (the vocabulary,
countries and dates, with the same messages, naming the form's field), then written by `loaders.write` as a change
of kind ``edit``: recorded with who and when, what it replaced kept for an exact undo (`loaders.undo`), and the
change counter moved on so that every page and cache sees it.  Nothing is deleted: a link is ended on a date.

An edit of something that exists carries the facts the form was opened on (``base``); when the entity or link is no
longer as it was, `loaders.write.Conflict` says which fields differ, with both values, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import neo4j

from graph.roles import Actor, require
from graph.vocabulary import load_vocabulary
from loaders.dates import DateError, read_date
from loaders.model import FREE, ColumnMapping, LoadReport, Problem, Table
from loaders.normalise import clean, slug
from loaders.team import team_vocabulary, team_wordings
from loaders.validate import Validated, validate
from loaders.write import Conflict, Plan, facts, mark_of, plan, why_unkept, write
from queries import read, read_typed
from queries.network import search

__all__ = [
    "Conflict",
    "EngagementForm",
    "Invalid",
    "Participant",
    "Saved",
    "add_entity",
    "add_link",
    "add_note",
    "edit_entity",
    "end_link",
    "facts",
    "follow_up_done",
    "log_engagement",
]

ENGAGEMENT_FORM = "Log engagement"
PARTICIPANTS = "Participants"
ENTITY_FORM = "Entity"
LINK_FORM = "Link"
FINDING_FORM = "Finding"
ENGAGEMENT_KINDS = ("meeting", "call", "workshop", "visit", "dialogue", "correspondence", "conference", "training")
CONFIDENCE = ("high", "medium", "low")
FOLLOW_UP = ("follow_up_due", "follow_up_owner", "follow_up_done")

# The entity form's fields: label on the form (and in messages) -> loader field, or FREE (kept under its slug).
ENTITY_FIELDS = {
    "ID": "id",
    "Name": "name",
    "Kind": "type",
    "Aliases": "aliases",
    "Country": "country",
    "Region": "region",
    "Priority": "priority",
    "Tags": "tags",
    "Themes": "themes",
    "Description": "description",
    "Sources": "sources",
    "Date": "date",
    "Engagement kind": "engagement_kind",
    "Where": FREE,
    "Follow-up due": FREE,
    "Follow-up owner": FREE,
    "Follow-up done": FREE,
}


def _property(label: str, loader_field: str) -> str:
    """The property a form field ends in: the loader's field, an engagement's ``kind``, or a free column's slug (as
    `loaders.validate` names free columns)."""
    if loader_field == FREE:
        return slug(label).replace("-", "_")
    return "kind" if loader_field == "engagement_kind" else loader_field


# A property an edit may set or clear, by its form label (engagements keep their title as name and title).
EDITABLE = {label: _property(label, f) for label, f in ENTITY_FIELDS.items() if label not in ("ID", "Kind")}
DATE_FIELDS = ("Follow-up due", "Follow-up done")
LINK_FIELDS = {
    "From": "from",
    "To": "to",
    "Relationship": "type",
    "Since": "since",
    "Until": "until",
    "Role": "role",
    "Amount": "amount",
    "Currency": "currency",
    "Confidence": "confidence",
    "Notes": "notes",
    "Sources": "sources",
}


FINDING_FIELDS = {  # the "Record a risk or opportunity" form's fields, as the loader reads a findings sheet
    "Entity": "about",
    "Kind": "kind",
    "Theme": "theme",
    "Level": "level",
    "Finding": "text",
    "Assessed on": "date",
    "Sources of the finding": "sources",
}


class Invalid(ValueError):
    """A form that does not pass the loader's checks; ``problems`` name the form, the row and the field."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = [p for p in problems if p.level == "error"]
        super().__init__("; ".join(form_message(p) for p in self.problems))


@dataclass(frozen=True)
class Participant:
    """One of ours or theirs at an engagement, with their role (``host``, ``participant``, ``chair``...)."""

    id: str
    role: str = "participant"


@dataclass
class EngagementForm:
    """What "Log an engagement" asks; dates may be partial (``2026-11``) and are read as the loader reads them."""

    date: str
    title: str
    participants: list[Participant]
    kind: str = "meeting"
    where: str = ""
    country: str = ""
    notes: str = ""
    sources: list[str] = field(default_factory=list)
    follow_up_due: str = ""
    follow_up_owner: str = ""
    confidence: str = ""
    themes: list[str] = field(default_factory=list)  # lines of effort (awareness, reporting...): graph.effort


@dataclass
class Saved:
    """What a form wrote: the change's id (to undo it), the entity it is about, and the warnings (the fixes made)."""

    change_id: str
    entity_id: str
    warnings: list[Problem] = field(default_factory=list)
    title: str = ""


def form_message(problem: Problem) -> str:
    """A problem as a form shows it: ``Participants, participant 2, field 'Role': ...`` (the row is a participant)."""
    where = problem.file
    if problem.file == PARTICIPANTS and problem.row is not None:
        where += f", participant {problem.row - 1}"
    if problem.column:
        where += f", field {problem.column!r}"
    return f"{where}: {problem.message}"


def _vocabulary(driver: neo4j.Driver):
    return team_vocabulary(load_vocabulary(), team_wordings(driver))


def _known(driver: neo4j.Driver, ids: Sequence[str]) -> list[dict]:
    return read(driver, "entity_lookup_ids", ids=sorted({i for i in ids if i}))


def _table(source: str, role: str, headers: Sequence[str], rows: Sequence[dict]) -> Table:
    cells = [(number, {h: row.get(h, "") for h in headers}) for number, row in enumerate(rows, start=2)]
    return Table(source=source, headers=list(headers), rows=cells, role=role)


def _mapping(role: str, fields: dict[str, str], headers: Sequence[str]) -> ColumnMapping:
    return ColumnMapping(role, {h: fields[h] for h in headers})


def _check(
    driver: neo4j.Driver, tables: list[tuple[Table, dict[str, str]]], known_ids: Sequence[str], **kw
) -> Validated:
    mappings = {m.key: m for m in (_mapping(t.role, fields, t.headers) for t, fields in tables)}
    validated = validate(
        [t for t, _ in tables], _vocabulary(driver), _known(driver, known_ids), mappings=mappings, **kw
    )
    if any(p.level == "error" for p in validated.problems):
        raise Invalid(validated.problems)
    return validated


def _date_problems(source: str, values: dict[str, str]) -> list[Problem]:
    """Dates the loader does not read as columns (a follow-up's) checked with the loader's reading and wording."""
    found = []
    for label in DATE_FIELDS:
        written = clean(values.get(label))
        if not written:
            continue
        try:
            read_date(written)
        except DateError as exc:
            found.append(Problem("error", source, 2, label, f"bad date {written!r}: {exc}"))
    return found


def _iso(written: str) -> str:
    found = read_date(written) if clean(written) else None
    return found.start if found else ""


def _start(written: str) -> str:
    """`written` as a partial ISO date, or blank when it is blank or not a date (validation says why)."""
    try:
        return _iso(written)
    except DateError:
        return ""


def _by_line(actor: Actor) -> str:
    return f"entered in the app by {actor.name}"


def _write(
    driver: neo4j.Driver, planned: Plan, actor: Actor, what: str, title: str, entity_id: str, warnings: list[Problem]
) -> Saved:
    report = LoadReport(files=[], problems=list(warnings))
    report.entities, report.links, report.findings = planned.entity_counts, planned.link_counts, planned.finding_counts
    for row in [*planned.entities, *planned.links, *planned.findings]:
        row["loaded_from"] = _by_line(actor)
        planned.unkept = planned.unkept or why_unkept(row["props"])  # a value set by hand in Neo4j (a datetime)
    change_id = write(driver, planned, report, by=actor.name, kind="edit", what=what, title=title)
    return Saved(change_id=change_id, entity_id=entity_id, warnings=warnings, title=title)


def _free_id(driver: neo4j.Driver, wanted: str) -> str:
    """`wanted`, or `wanted`-2, -3... when an entity has that id."""
    candidates = [wanted, *[f"{wanted}-{n}" for n in range(2, 60)]]
    taken = {r["id"] for r in read(driver, "entity_lookup_ids", ids=candidates)}
    return next(c for c in candidates if c not in taken)


def log_engagement(driver: neo4j.Driver, form: EngagementForm, actor: Actor) -> Saved:
    """Create an ``Engagement`` and its ``PARTICIPATED_IN`` links exactly as a loaded one, as one undoable change.

    Raises
    ------
    graph.roles.Forbidden
        The actor may not log engagements.
    Invalid
        A field the loader would reject (an unknown participant, a bad date, an unknown country); nothing written.
    """
    require(actor, "log")
    problems = []
    if not form.participants:
        problems.append(Problem("error", ENGAGEMENT_FORM, 2, "With", "add at least one participant"))
    if not clean(form.date):
        problems.append(Problem("error", ENGAGEMENT_FORM, 2, "Date", "date is blank"))
    values = {"Follow-up due": form.follow_up_due}
    problems += _date_problems(ENGAGEMENT_FORM, values)
    if problems:
        raise Invalid(problems)
    day = _start(form.date)
    engagement_id = _free_id(driver, slug(f"eng-{day}-{form.title}")[:60].strip("-") or "engagement")
    headers = ["ID", "Name", "Kind", "Date", "Engagement kind", "Where", "Country", "Description", "Sources"]
    headers += ["Themes", "Follow-up due", "Follow-up owner"]
    entity = {
        "ID": engagement_id,
        "Name": form.title,
        "Kind": "engagement",
        "Date": form.date,
        "Engagement kind": form.kind,
        "Where": form.where,
        "Country": form.country,
        "Description": form.notes,
        "Sources": "|".join(form.sources),
        "Themes": "|".join(form.themes),
        "Follow-up due": _iso(form.follow_up_due) if form.follow_up_due else "",
        "Follow-up owner": form.follow_up_owner,
    }
    link_headers = ["From", "To", "Relationship", "Since", "Role", "Confidence", "Sources"]
    links = [
        {
            "From": p.id,
            "To": engagement_id,
            "Relationship": "participated in",
            "Since": form.date,
            "Role": p.role,
            "Confidence": form.confidence,
            "Sources": "|".join(form.sources),
        }
        for p in form.participants
    ]
    elements = _table(ENGAGEMENT_FORM, "elements", headers, [entity])
    connections = _table(PARTICIPANTS, "connections", link_headers, links)
    near = [r["id"] for p in form.participants for r in search(driver, p.id, limit=20)]  # names and aliases
    validated = _check(
        driver, [(elements, ENTITY_FIELDS), (connections, LINK_FIELDS)], [*(p.id for p in form.participants), *near]
    )
    planned = plan(driver, validated)
    ids = [link.source for link in validated.links]  # the participants as resolved (a name or alias given)
    names = {r["id"]: r["name"] for r in _known(driver, ids)}
    who = ", ".join(names.get(i, i) for i in ids)
    day_text = validated.entities[0].props.get("date", "")
    what = f"logged engagement {engagement_id} ({day_text}) with {', '.join(ids)}"
    title = f"logged engagement: {form.title} ({day_text}) with {who}"
    return _write(driver, planned, actor, what, title, engagement_id, _warnings(validated))


def _warnings(validated: Validated) -> list[Problem]:
    return [p for p in validated.problems if p.level == "warning"]


def _stored(driver: neo4j.Driver, entity_id: str) -> dict:
    rows = read(driver, "entities_by_id", ids=[entity_id])
    if not rows:
        raise Invalid([Problem("error", ENTITY_FORM, None, None, f"no entity with id {entity_id!r}")])
    return rows[0]


def _form_values(kind: str, values: dict[str, Any]) -> dict[str, str]:
    """Form values as the cells of one loader row (lists joined with ``|``)."""
    cells = {}
    for label, value in values.items():
        cells[label] = "|".join(clean(v) for v in value) if isinstance(value, list | tuple) else clean(value)
    cells.setdefault("Kind", kind)
    return cells


def add_entity(driver: neo4j.Driver, values: dict[str, Any], actor: Actor) -> Saved:
    """Add one entity from the entity form (``Name`` and ``Kind`` at least; ``ID`` made from the name if blank).

    A name the graph already holds (or one of its aliases) is refused with the entity it names: a form never makes a
    second copy of an organisation that exists.
    """
    require(actor, "edit")
    cells = _form_values("", values)
    headers = [h for h in ENTITY_FIELDS if h in cells]
    wanted = cells.get("ID") or ""
    near = [r["id"] for r in search(driver, cells.get("Name", ""), limit=20)]  # what the name could resolve to
    table = _table(ENTITY_FORM, "elements", headers, [cells])
    validated = _check(driver, [(table, ENTITY_FIELDS)], [wanted, *near])
    row = validated.entities[0]
    existing = _known(driver, [row.id])
    if existing:
        name = existing[0]["name"]
        message = f"{name!r} (id {row.id}) is in the graph already; open its profile to change it"
        raise Invalid([Problem("error", ENTITY_FORM, 2, "Name", message)])
    planned = plan(driver, validated)
    what = f"added {row.kind} {row.id}"
    return _write(driver, planned, actor, what, f"added {row.props['name']}", row.id, _warnings(validated))


def edit_entity(
    driver: neo4j.Driver, entity_id: str, values: dict[str, Any], base: dict, actor: Actor, *, kind: str | None = None
) -> Saved:
    """Set (or, given blank, clear) the properties named in `values` (form labels of `EDITABLE`) of `entity_id`.

    Parameters
    ----------
    values : dict
        Form label -> new value (text, or a list for Aliases, Tags and Sources); a blank value clears the property.
    base : dict
        The entity's properties as the form read them; when the entity differs now, `Conflict` and nothing written.
    kind : str, optional
        A new kind (a kind label or wording); the loader's rule holds (never to or from Country).

    Raises
    ------
    graph.roles.Forbidden, Invalid, loaders.write.Conflict
    """
    require(actor, "edit")
    stored = _stored(driver, entity_id)
    current_kind = stored["kinds"][0] if stored["kinds"] else "Entity"
    cells = _form_values(kind or current_kind, values)
    cells["ID"] = entity_id
    cells.setdefault("Name", stored["props"].get("name", entity_id))
    unknown = [label for label in values if label not in EDITABLE]
    if unknown:
        raise Invalid([Problem("error", ENTITY_FORM, None, unknown[0], "this field cannot be edited here")])
    problems = _date_problems(ENTITY_FORM, cells)
    if not clean(cells["Name"]):
        problems.append(Problem("error", ENTITY_FORM, 2, "Name", "name is blank"))
    if problems:
        raise Invalid(problems)
    headers = [h for h in ENTITY_FIELDS if h in cells]
    validated = _check(
        driver,
        [(_table(ENTITY_FORM, "elements", headers, [cells]), ENTITY_FIELDS)],
        [entity_id],
        change_kinds=bool(kind and kind != current_kind),
    )
    row = validated.entities[0]
    new = dict(row.props)
    for label in DATE_FIELDS:
        key = EDITABLE[label]
        if key in new:
            new[key] = _iso(new[key])
    props = dict(stored["props"])
    changed = {}
    for label in values:
        key = EDITABLE[label]
        after = new.get(key) if new.get(key) not in ("", []) else None
        if key == "name" and current_kind == "Engagement":
            props["title"] = after
        if key == "description" and current_kind == "Engagement":
            props["summary"] = after
        if props.get(key) != after:
            changed[key] = (props.get(key), after)
        props[key] = after  # None removes the property (SET n += {key: null})
    if not changed and row.kind == current_kind:
        return Saved(change_id="", entity_id=entity_id, warnings=_warnings(validated), title="nothing changed")
    planned = Plan(
        entities=[
            {
                "id": entity_id,
                "kind": row.kind,
                "drop": [k for k in stored["kinds"] if k != row.kind],
                "props": props,
                "loaded_from": "",
            }
        ],
        entity_counts={row.kind: Counter(updated=1)},
        expected={entity_id: facts(base)},
    )
    name = props.get("name") or entity_id
    said = "; ".join(f"{k}: {_word(b)} → {_word(a)}" for k, (b, a) in changed.items())
    if row.kind != current_kind:
        said = "; ".join(x for x in [f"kind: {current_kind} → {row.kind}", said] if x)
    return _write(driver, planned, actor, f"edited {entity_id}: {said}", f"edited {name}: {said}", entity_id, [])


def _word(value: Any) -> str:
    if value in (None, "", []):
        return "(blank)"
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def follow_up_done(driver: neo4j.Driver, engagement_id: str, on: str, base: dict, actor: Actor) -> Saved:
    """Mark an engagement's follow-up done on the date `on` (an edit, undoable like any other)."""
    require(actor, "log")
    return edit_entity(driver, engagement_id, {"Follow-up done": on}, base, actor)


def add_link(driver: neo4j.Driver, values: dict[str, Any], actor: Actor) -> Saved:
    """Add one link from the link form (``From``, ``Relationship``, ``To`` at least), checked as a loaded row is."""
    require(actor, "edit")
    cells = _form_values("", values)
    cells.pop("Kind", None)
    headers = [h for h in LINK_FIELDS if h in cells]
    table = _table(LINK_FORM, "connections", headers, [cells])
    ends = [cells.get("From", ""), cells.get("To", "")]
    near = [r["id"] for text in ends for r in search(driver, text, limit=20)]  # names and aliases the ends could be
    validated = _check(driver, [(table, LINK_FIELDS)], [*ends, *near])
    link = validated.links[0]
    planned = plan(driver, validated)
    names = {r["id"]: r["name"] for r in _known(driver, [link.source, link.target])}
    title = f"added link: {names.get(link.source)} {cells.get('Relationship')} {names.get(link.target)}"
    what = f"added link {link.key}"
    return _write(driver, planned, actor, what, title, link.source, _warnings(validated))


def record_finding(driver: neo4j.Driver, entity_id: str, values: dict[str, Any], actor: Actor) -> Saved:
    """Record a risk or opportunity about `entity_id` (``Kind`` and ``Finding`` at least), checked as a row of a
    findings sheet is; one on the same kind and theme is updated, and the stored text it replaces is a warning."""
    require(actor, "edit")
    cells = {k: v for k, v in _form_values("", {**values, "Entity": entity_id}).items() if v}
    headers = [h for h in FINDING_FIELDS if h in cells or h in ("Kind", "Finding")]
    table = _table(FINDING_FORM, "findings", headers, [cells])
    validated = _check(driver, [(table, FINDING_FIELDS)], [entity_id])
    finding = validated.findings[0]
    planned = plan(driver, validated)
    if not planned.findings:
        message = "this finding is recorded already, as written; nothing was saved"
        raise Invalid([Problem("error", FINDING_FORM, None, None, message)])
    name = next((r["name"] for r in _known(driver, [entity_id])), entity_id)
    verb = "updated" if planned.finding_counts["updated"] else "recorded"
    theme = f" on {finding.props['theme']}" if finding.props.get("theme") else ""
    title = f"{verb} a {finding.props['kind']}{theme} about {name}"
    what = f"{verb} finding {finding.id}"
    return _write(driver, planned, actor, what, title, entity_id, [*_warnings(validated), *planned.problems])


def close_finding(driver: neo4j.Driver, finding_id: str, on: str, base: dict, actor: Actor) -> Saved:
    """Close the finding `finding_id` on the date `on` (kept, with its history: nothing is deleted); from then on it
    no longer counts (`graph.risk.open_on`).

    Raises
    ------
    Invalid
        A date the loader cannot read, one before the finding was assessed, or a finding that no longer exists.
    loaders.write.Conflict
        The finding changed since the form read it (`base`).
    """
    require(actor, "edit")
    stored = read(driver, "findings_by_id", ids=[finding_id])
    if not stored:
        raise Invalid([Problem("error", FINDING_FORM, None, None, "this finding no longer exists")])
    props = stored[0]["props"]
    try:
        found = read_date(on)
    except DateError as exc:
        raise Invalid([Problem("error", FINDING_FORM, None, "Closed on", f"bad date {clean(on)!r}: {exc}")]) from None
    if found is None:
        raise Invalid([Problem("error", FINDING_FORM, None, "Closed on", "date is blank")])
    assessed = props.get("date") or ""
    if assessed and found.end < assessed[: len(found.end)]:
        message = f"{found.end} is before the finding was assessed ({assessed})"
        raise Invalid([Problem("error", FINDING_FORM, None, "Closed on", message)])
    planned = Plan(
        findings=[{"id": finding_id, "props": {**props, "closed": found.end}, "loaded_from": ""}],
        finding_counts=Counter(updated=1),
        expected={mark_of({"finding": finding_id}): facts(base)},
    )
    name = next((r["name"] for r in _known(driver, [props["about"]])), props["about"])
    theme = f" on {props['theme']}" if props.get("theme") else ""
    title = f"closed a {props.get('kind')}{theme} about {name} on {found.end}"
    return _write(driver, planned, actor, f"closed finding {finding_id} on {found.end}", title, props["about"], [])


def _stored_link(driver: neo4j.Driver, key: str) -> dict:
    rel_type, source, target = key.split("|")[:3]
    rows = read_typed(driver, "links_by_key", rel_type, rows=[{"key": key, "source": source, "target": target}])
    if not rows:
        raise Invalid([Problem("error", LINK_FORM, None, None, "this link no longer exists")])
    return rows[0]


def end_link(driver: neo4j.Driver, key: str, until: str, base: dict, actor: Actor) -> Saved:
    """End the link `key` on the date `until` (kept, with its history: nothing is deleted).

    Raises
    ------
    Invalid
        A date the loader cannot read, or one before the link began.
    loaders.write.Conflict
        The link changed since the form read it (`base`).
    """
    require(actor, "edit")
    stored = _stored_link(driver, key)
    try:
        found = read_date(until)
    except DateError as exc:
        raise Invalid([Problem("error", LINK_FORM, None, "Until", f"bad date {clean(until)!r}: {exc}")]) from None
    if found is None:
        raise Invalid([Problem("error", LINK_FORM, None, "Until", "date is blank")])
    since = stored["props"].get("since") or ""
    if since and found.end < since:
        raise Invalid([Problem("error", LINK_FORM, None, "Until", f"{found.end} is before the link began ({since})")])
    return _set_link(driver, stored, {"until": found.end}, base, actor, f"ended on {found.end}")


def _set_link(driver: neo4j.Driver, stored: dict, changes: dict, base: dict, actor: Actor, said: str) -> Saved:
    key = stored["key"]
    rel_type, source, target = key.split("|")[:3]
    props = {**stored["props"], **changes}
    planned = Plan(
        links=[{"type": rel_type, "source": source, "target": target, "key": key, "props": props, "loaded_from": ""}],
        link_counts={rel_type: Counter(updated=1)},
        expected={key: facts(base)},
    )
    names = {r["id"]: r["name"] for r in _known(driver, [source, target])}
    title = (
        f"link {names.get(source, source)} → {names.get(target, target)} ({rel_type.lower().replace('_', ' ')}): {said}"
    )
    return _write(driver, planned, actor, f"link {key}: {said}", title, source, [])


def add_note(
    driver: neo4j.Driver, text: str, actor: Actor, *, entity: str | None = None, link: str | None = None
) -> Saved:
    """Add a note (kept as text, with who and when) to an entity or to the link with key `link`.

    Notes are a list property ``comments`` of JSON items ``{"text", "by", "at"}``: they are united, never dropped,
    when entities are merged, and an undo of the note takes it back exactly.
    """
    require(actor, "edit")
    said = clean(text)
    if not said:
        raise Invalid([Problem("error", "Note", None, "Note", "the note is blank")])
    note = json.dumps({"text": said, "by": actor.name, "at": _now()}, ensure_ascii=False, sort_keys=True)
    if link:
        stored = _stored_link(driver, link)
        comments = [*(stored["props"].get("comments") or []), note]
        return _set_link(driver, stored, {"comments": comments}, stored["props"], actor, "note added")
    assert entity is not None
    stored = _stored(driver, entity)
    props = {**stored["props"], "comments": [*(stored["props"].get("comments") or []), note]}
    kind = stored["kinds"][0]
    planned = Plan(
        entities=[{"id": entity, "kind": kind, "drop": [], "props": props, "loaded_from": ""}],
        entity_counts={kind: Counter(updated=1)},
    )
    name = stored["props"].get("name") or entity
    return _write(driver, planned, actor, f"note on {entity}", f"note on {name}", entity, [])


def notes(props: dict) -> list[dict]:
    """The notes of an entity or link (``text``, ``by``, ``at``), oldest first; an unreadable item is kept as text."""
    found = []
    for item in props.get("comments") or []:
        try:
            note = json.loads(item)
        except (TypeError, ValueError):
            note = {"text": str(item), "by": "", "at": ""}
        found.append({"text": str(note.get("text", "")), "by": str(note.get("by", "")), "at": str(note.get("at", ""))})
    return sorted(found, key=lambda n: n["at"])


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
