"""On the Profile page: an entity's notes and the history of its changes, with Edit, Add a note and Log an
engagement for those whose role allows them (the write functions check the role again)."""

from __future__ import annotations

import neo4j
import streamlit as st

from graph.roles import Forbidden
from graph.vocabulary import KINDS, kind_name
from loaders.changes import LISTED_UNDO, Refused, history, words
from loaders.delete import delete_entity
from loaders.edit import (
    Conflict,
    Invalid,
    add_entity,
    add_link,
    add_note,
    edit_entity,
    end_link,
    facts,
    form_message,
    notes,
)
from views import dialogs
from views.auth import current_actor
from views.changes import SAID, UNDO_PENDING, attempt, keep_saved, said, saved_line, say, undo_controls
from views.log_form import log_dialog, logged
from views.widgets import md_text

HISTORY_SHOWN = 20
EDITED = "profile-edited"  # what the last edit on this page did, said once
# countries come with the graph; engagements are logged
ADDABLE = [k for k in KINDS if k not in ("Country", "Engagement")]
PRIORITIES = ["", "high", "medium", "low"]


def _lines(value) -> str:
    return "\n".join(value) if isinstance(value, list) else str(value or "")


@st.dialog("Edit", on_dismiss=dialogs.close)
def _edit(drv: neo4j.Driver, entity_id: str, props: dict) -> None:
    props = dialogs.kept("props", props)  # as the form was opened on
    base = facts(props)
    values = {
        "Name": st.text_input("Name", value=props.get("name", "")),
        "Aliases": st.text_area("Aliases", value=_lines(props.get("aliases")), help="One per line.").splitlines(),
        "Country": st.text_input("Country", value=props.get("country", "")),
        "Priority": st.selectbox("Priority", PRIORITIES, index=PRIORITIES.index(props.get("priority") or "")),
        "Tags": st.text_area("Tags", value=_lines(props.get("tags")), help="One per line.").splitlines(),
        "Themes": st.text_area(
            "Themes",
            value=_lines(props.get("themes")),
            help="Lines of effort, one per line (awareness, reporting...): a program's or engagement's count on "
            "Strategy, Lines of effort.",
        ).splitlines(),
        "Description": st.text_area("Description", value=props.get("description", "")),
        "Sources": st.text_area("Sources", value=_lines(props.get("sources")), help="One per line.").splitlines(),
    }
    if st.button("Save", type="primary", key="edit-save"):
        saved = attempt(lambda: edit_entity(drv, entity_id, values, base, current_actor()))
        if not saved:
            return
        st.session_state[EDITED] = saved.title
        dialogs.done()


@st.dialog("Add an entity", on_dismiss=dialogs.close)
def add_entity_dialog(drv: neo4j.Driver, section: str) -> None:
    """A new agency, organisation, forum...: checked as a loaded row is, refused when the graph holds it already
    (by id, name or alias); once saved the dialog closes and `added(section)` says so with its Undo."""
    key = f"{section}-entity"
    values = {
        "Name": st.text_input("Name", key=f"{key}-name"),
        "Kind": st.selectbox(
            "Kind", ADDABLE, format_func=kind_name, index=None, placeholder="Choose a kind", key=f"{key}-kind"
        ),
        "Country": st.text_input("Country", placeholder="Fiji, FJI", key=f"{key}-country"),
        "Aliases": st.text_area("Aliases", help="One per line.", key=f"{key}-aliases").splitlines(),
        "Priority": st.selectbox("Priority", PRIORITIES, key=f"{key}-priority"),
        "Tags": st.text_area("Tags", help="One per line.", key=f"{key}-tags").splitlines(),
        "Description": st.text_area("Description", key=f"{key}-description"),
        "Sources": st.text_area("Sources", help="One per line.", key=f"{key}-sources").splitlines(),
        "ID": st.text_input("ID", help="Made from the name when blank.", key=f"{key}-id"),
    }
    if st.button("Add", type="primary", key=f"add-entity-{section}"):
        saved = attempt(lambda: add_entity(drv, {k: v for k, v in values.items() if v}, current_actor()))
        if not saved:
            return
        keep_saved(section, saved)
        dialogs.done()


@st.dialog("Delete this entity", on_dismiss=dialogs.close)
def _delete(drv: neo4j.Driver, entity_id: str, name: str) -> None:
    """An admin's delete, asked with what it removes; it is recorded, and undone from Recent changes or the history."""
    try:
        _, planned = delete_entity(drv, entity_id, current_actor(), dry_run=True)
    except Refused as exc:
        st.error(md_text(str(exc)))
        return
    links = planned.counts["links deleted"]
    st.markdown(md_text(f"Delete {name} and its {links} link{'s' if links != 1 else ''}?"))
    st.caption("To keep the history, end its links on a date instead. A delete is recorded and can be undone.")
    if st.button("Delete", type="primary", key="delete-confirm"):
        try:
            _, change = delete_entity(drv, entity_id, current_actor())
        except (Refused, Forbidden) as exc:
            st.error(md_text(str(exc)))
            return
        say("change", "success", f"Deleted {name} ({words(change.counts)}). Undo it under Recent changes.")
        dialogs.close()
        st.switch_page("views/overview.py")


def added(drv: neo4j.Driver, section: str) -> None:
    """What the last "Add an entity" in `section` saved, with its Undo."""
    saved_line(drv, section)


def notes_section(drv: neo4j.Driver, entity_id: str, props: dict) -> None:
    """Notes with who and when (as text), and the controls to add one, edit, or log an engagement."""
    actor = current_actor()
    if text := st.session_state.pop(EDITED, None):
        st.success(md_text(f"Saved: {text}."))
    buttons = st.columns(4)
    if actor.can("edit") and dialogs.opens("Edit", "profile-edit", buttons[0], about=entity_id):
        _edit(drv, entity_id, props)
    if actor.can("log") and dialogs.opens("Log an engagement", "profile-log", buttons[1], about=entity_id):
        log_dialog(drv, "profile-log", [entity_id])
    if actor.can("edit") and dialogs.opens("Add an entity", "profile-add", buttons[2], about=entity_id):
        add_entity_dialog(drv, "profile-add")
    if actor.can("delete") and dialogs.opens("Delete", "profile-delete", buttons[3], about=entity_id):
        _delete(drv, entity_id, props.get("name") or entity_id)
    logged(drv, "profile-log")
    added(drv, "profile-add")
    found = notes(props)
    st.subheader(f"Notes ({len(found)})")
    for note in found:
        st.markdown(f"{md_text(note['text'])}  \n*{md_text(note['by'])}, {md_text(note['at'])}*")
    if actor.can("edit"):
        with st.form("add-note", clear_on_submit=True):
            text = st.text_area("Add a note")
            if st.form_submit_button("Add note"):
                try:
                    add_note(drv, text, actor, entity=entity_id)
                except (Invalid, Forbidden) as exc:
                    st.error(md_text(str(exc)))
                else:
                    st.session_state[EDITED] = "note added"
                    st.rerun()


def history_section(drv: neo4j.Driver, entity_id: str) -> None:
    """Every change that touched the entity, newest first, with who and when; an edit that stands can be undone."""
    rows = history(drv, entity=entity_id, limit=HISTORY_SHOWN)
    pending = (st.session_state.get(UNDO_PENDING) or {}).get("id")
    busy = "entity-history" in st.session_state.get(SAID, {}) or pending in {r["id"] for r in rows}
    title = f"History of this entity ({len(rows)}{'+' if len(rows) == HISTORY_SHOWN else ''})"
    with st.expander(title, expanded=busy):  # open while an undo asked here waits or is said
        said("entity-history")
        if not rows:
            st.write("No changes recorded.")
        for row in rows:
            left, right = st.columns([5, 1])
            line = f"{row['at']} · {row['by']} · {row['kind']}: {row['title']} ({row['counts']})"
            left.markdown(md_text(line) + (" *(undone)*" if row["undone_by"] else ""))
            if row["kind"] in LISTED_UNDO and not row["undone_by"]:
                undo_controls(drv, row["id"], "entity-history", button=right)


def _link_label(link: dict) -> str:
    verb = str(link["type"]).replace("_", " ").lower()
    words = f"{verb} {link['other_name']}" if link["direction"] == "out" else f"{link['other_name']} {verb} this"
    return words + f" ({link['since'] or '?'} to {link['until'] or 'open'})"


def link_controls(drv: neo4j.Driver, entity_id: str, links: list[dict]) -> None:
    """End a link on a date (it stays in the history) or add one, for those who may edit."""
    actor = current_actor()
    if not actor.can("edit"):
        return
    said("links")
    with st.expander("Change links"):
        open_links = [link for link in links if link.get("key") and not link.get("until")]
        with st.form("end-link"):
            picked = st.selectbox(
                "End a link", range(len(open_links)), format_func=lambda i: _link_label(open_links[i]), index=None
            )
            until = st.text_input("Ended on", placeholder="2026-11-30")
            if st.form_submit_button("End link"):
                if picked is None:
                    say("links", "error", "Choose the link to end.")
                    st.rerun()
                link = open_links[picked]
                _said_write(lambda: end_link(drv, link["key"], until, link["props"], actor))
        with st.form("add-link"):
            relationship = st.text_input("Relationship", placeholder="member of, partners with, funds...")
            other = st.text_input("With", placeholder="an id, name or alias")
            since = st.text_input("Since", placeholder="2024")
            if st.form_submit_button("Add link"):
                values = {"From": entity_id, "Relationship": relationship, "To": other, "Since": since}
                _said_write(lambda: add_link(drv, values, actor))


def _said_write(write) -> None:
    try:
        saved = write()
    except Invalid as exc:
        say("links", "error", "Nothing was saved: " + "; ".join(form_message(p) for p in exc.problems))
    except (Conflict, Forbidden) as exc:
        say("links", "error", str(exc))
    else:
        say("links", "success", f"Saved: {saved.title}.")
    st.rerun()
