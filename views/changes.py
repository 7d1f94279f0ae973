"""Recent loads and changes with their Undo buttons (the Overview, the Load page), and what a form saved or why it
saved nothing, with its Undo (every form of the app).

An Undo first checks (a dry run that writes nothing) and asks to confirm with the counts, or says in one line why
it is refused; what it did is said once, in the section where it was asked.  Who undoes is `views.auth.current_actor`:
a role that cannot undo sees no Undo button, and `loaders.undo.undo` refuses it anyway.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import neo4j
import pandas as pd
import streamlit as st

from graph.dates import local_moment
from graph.roles import Forbidden
from loaders.changes import CHANGE_KINDS, LISTED_UNDO, Refused, history, words
from loaders.edit import EDITABLE, Conflict, Invalid, Saved, form_message
from loaders.undo import undo
from loaders.write import ShortBatch
from queries import read
from views.auth import current_actor, refused
from views.widgets import md_text

CHANGES_SHOWN = 10
LOADS_SHOWN = 10
SAID = "changes-said"  # {section: (kind, text)}: what the last merge or undo did, shown once where it was asked
UNDO_PENDING = "undo-pending"  # {id, question} of the undo waiting for "Confirm"
SAVED = "form-saved"  # {section: {id, title, warnings}}: the change the last form in that section wrote


def who() -> None:
    """Under whose name a change made here is recorded."""
    actor = current_actor()
    how = "your sign-in" if actor.signed_in else "no sign-in: `SGE_USER`, else the operating-system user"
    st.caption(f"Changes made here are recorded under the name {md_text(actor.name)} ({how}).")


def say(section: str, kind: str, text: str) -> None:
    """Keep what a merge or undo did (`kind`: success or error) to show once in `section`."""
    st.session_state.setdefault(SAID, {})[section] = (kind, text)


def said(section: str) -> None:
    """What the last merge or undo asked in `section` did (or why it was refused), shown once, as text."""
    kind, text = st.session_state.get(SAID, {}).pop(section, (None, ""))
    if kind:
        getattr(st, kind)(md_text(text))


def attempt(write: Callable[[], Saved]) -> Saved | None:
    """What a form's `write` saved; None when it was refused, with why said where the form is: the problems as the
    loader words them, the role, or both values of each field someone else changed meanwhile."""
    try:
        return write()
    except Conflict as exc:
        st.error("Someone else changed this since you opened it; nothing was saved.")
        labels = {prop: label for label, prop in EDITABLE.items()}
        for field, (seen, now) in exc.fields.items():
            name, seen, now = labels.get(field, field), _shown(seen), _shown(now)
            st.markdown(f"- **{md_text(name)}**: you saw {md_text(seen)}; it is now {md_text(now)}")
    except Invalid as exc:
        st.error("Nothing was saved:\n\n" + "\n".join(f"- {md_text(form_message(p))}" for p in exc.problems))
    except Forbidden as exc:
        refused(exc)
    except ShortBatch as exc:  # an entity it links was deleted or merged meanwhile
        st.error(md_text(f"Nothing was saved: {exc}."))
    return None


def _shown(value) -> str:
    if value in (None, "", []):
        return "(blank)"
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def keep_saved(section: str, saved: Saved) -> None:
    """Keep what a form in `section` saved (a `loaders.edit.Saved`), for `saved_line` to say with its Undo."""
    kept = {"id": saved.change_id, "title": saved.title, "warnings": [form_message(p) for p in saved.warnings]}
    st.session_state.setdefault(SAVED, {})[section] = kept


def saved_line(drv: neo4j.Driver, section: str, then: str = "") -> None:
    """What the last form in `section` saved (its warnings, then "Saved: ..." and `then`) with its Undo; once that
    is undone, what the undo did instead."""
    if section in st.session_state.get(SAID, {}):
        st.session_state.get(SAVED, {}).pop(section, None)  # its undo was asked: what that did is said instead
    said(section)
    if last := st.session_state.get(SAVED, {}).get(section):
        for warning in last["warnings"]:
            st.warning(md_text(warning))
        st.success(md_text(f"Saved: {last['title']}. {then}".strip()))
        undo_controls(drv, last["id"], section)


def _ask_undo(drv: neo4j.Driver, change_id: str, section: str) -> None:
    """The Undo button: check that the change can be undone (writing nothing), then ask to confirm, or say why not."""
    st.session_state.pop(UNDO_PENDING, None)
    try:
        done, planned = undo(drv, change_id, dry_run=True)
    except Refused as exc:
        say(section, "error", str(exc))
        return
    counts = planned.counts
    if done["kind"] == "load":
        removes = counts["entities removed"] + counts["links removed"]
        restores = counts["entities restored"] + counts["links restored"]
        files = ", ".join(done["files"] or [])
        when = local_moment(done["at"])
        question = f"Undo load of {files} ({when}): removes {removes} created, restores {restores} updated."
    else:
        question = f"Undo {done['title']} ({local_moment(done['at'])}): {words(counts)}."
    st.session_state[UNDO_PENDING] = {"id": change_id, "question": question}


def _confirm_undo(drv: neo4j.Driver, change_id: str, section: str) -> None:
    st.session_state.pop(UNDO_PENDING, None)
    try:
        done, change = undo(drv, change_id, actor=current_actor())
    except (Refused, Forbidden) as exc:
        say(section, "error", str(exc))
        return
    say(section, "success", f"Undone: {done['title']} ({words(change.counts)}).")


def undo_controls(drv: neo4j.Driver, change_id: str, section: str, button=st) -> None:
    """An Undo button (in `button`, a column), or, once pressed, the question with Confirm and Cancel."""
    if not current_actor().can("undo"):
        return
    pending = st.session_state.get(UNDO_PENDING)
    key = f"{section}-{change_id}"
    args = (drv, change_id, section)
    if not pending or pending["id"] != change_id:
        button.button("Undo", key=f"undo-{key}", on_click=_ask_undo, args=args, help="Check, then confirm.")
        return
    st.warning(md_text(pending["question"]))
    yes, no, _ = st.columns([1, 1, 4])
    yes.button("Confirm", key=f"undo-confirm-{key}", type="primary", on_click=_confirm_undo, args=args)
    no.button("Cancel", key=f"undo-cancel-{key}", on_click=st.session_state.pop, args=(UNDO_PENDING, None))


def changes_section(drv: neo4j.Driver) -> None:
    """Edits made in the app, merges and undos, newest first; an edit or merge that still stands can be undone."""
    rows = history(drv, limit=CHANGES_SHOWN, kinds=[k for k in CHANGE_KINDS if k != "load"])
    if not rows:
        return
    st.subheader("Recent changes")
    who()
    said("change")
    for row in rows:
        left, right = st.columns([5, 1], vertical_alignment="center")
        line = f"{local_moment(row['at'])} by {row['by']}: {row['title']} ({row['counts']})"
        left.markdown(md_text(line) + (" *(undone)*" if row["undone_by"] else ""))
        if row["kind"] in LISTED_UNDO and not row["undone_by"]:
            undo_controls(drv, row["id"], "change", button=right)


def loads_section(drv: neo4j.Driver, *, limit: int = LOADS_SHOWN, open_id: str | None = None) -> None:
    """The latest loads: files, who, counts and problems; a load that still stands can be undone.

    The load `open_id` (the one just made) and a load whose undo waits for "Confirm" are shown open.
    """
    st.subheader("Recent loads")
    said("load")
    loads = read(drv, "recent_loads", limit=limit)
    if not loads:
        st.caption("No loads recorded.")
        return
    opened = {(st.session_state.get(UNDO_PENDING) or {}).get("id"), open_id} - {None}
    for load in loads:
        summary = json.loads(load["summary"] or "{}")
        changed = sum(
            c.get("created", 0) + c.get("updated", 0)
            for group in ("entities", "links")
            for c in summary.get(group, {}).values()
        )
        when = f"{local_moment(load['at'])} by {load['by']}"
        title = f"{when}: {changed} created or updated, {summary.get('warnings', 0)} warnings"
        if load["undone_by"]:
            title += " (undone)"
        unfinished = load.get("state") == "writing"
        if unfinished:
            title = f"{when}: being written, or stopped half-way (the next load takes it back)"
        with st.expander(md_text(title), expanded=load["id"] in opened):
            st.markdown("Files: " + md_text(", ".join(load["files"] or [])))
            if load["problems"]:
                st.dataframe(pd.DataFrame({"problem": load["problems"]}), hide_index=True, width="stretch")
            if not load["undone_by"] and not unfinished:
                undo_controls(drv, load["id"], "load")
