"""The "Log an engagement" form, shared by its own page, the Profile and the Network selection (in a dialog there),
and the line that says what the last one saved, with its Undo."""

from __future__ import annotations

import neo4j
import streamlit as st

from graph.settings import today
from loaders.edit import (
    CONFIDENCE,
    ENGAGEMENT_KINDS,
    EngagementForm,
    Participant,
    log_engagement,
)
from queries import read
from views import dialogs
from views.auth import current_actor
from views.cached import read_once
from views.changes import attempt, keep_saved, saved_line
from views.widgets import PICKER_LIMIT


def _choices(drv: neo4j.Driver, wanted: list[str]) -> dict[str, str]:
    """Id -> "name (kind)" of who can take part: the picker's list, with the wanted ones even beyond its limit."""
    rows = [c for c in read_once(drv, "entity_choices", limit=PICKER_LIMIT) if c["kind"] != "Engagement"]
    names = {c["id"]: f"{c['name']} ({c['kind']})" for c in rows}
    missing = [i for i in wanted if i not in names]
    for row in read(drv, "entities_by_id", ids=missing) if missing else []:
        if "Engagement" not in row["kinds"]:
            names[row["id"]] = f"{row['props'].get('name') or row['id']} ({', '.join(row['kinds'])})"
    return names


def engagement_form(drv: neo4j.Driver, section: str, wanted: list[str]) -> bool:
    """The form, with `wanted` (entity ids) already among the participants; True once it saved an engagement.

    What it saved is kept for `logged` in the same `section`; why nothing was saved is said in the form.
    """
    actor = current_actor()
    names = _choices(drv, wanted)
    # A new form after each save (the next engagement starts blank); after a refusal, what was typed stays.
    fresh = st.session_state.setdefault(f"log-form-{section}", 0)
    with st.form(f"log-engagement-{section}-{fresh}", clear_on_submit=False):
        left, right = st.columns(2)
        title = left.text_input("Title", placeholder="Cyber safety talks, Suva")
        day = right.text_input("Date", value=today().isoformat(), help="A partial date is fine: 2026-11, 2026.")
        picked = st.multiselect(
            "With",
            list(names),
            default=[i for i in wanted if i in names],
            format_func=lambda i: names.get(i, i),
            placeholder="Type a name",
        )
        others = st.text_input(
            "Also with",
            placeholder="Samoa Police Service; ACCCE",
            help="Anyone the list above does not offer, by name, alias or id, separated by semicolons.",
        )
        roles = st.text_input(
            "Roles",
            placeholder="host, participant",
            help="One role per participant, in the order above, the list first (optional).",
        )
        a, b, c = st.columns(3)
        kind = a.selectbox("Kind", ENGAGEMENT_KINDS)
        where = b.text_input("Where", placeholder="Suva")
        country = c.text_input("Country", placeholder="Fiji")
        notes = st.text_area("Notes", placeholder="What was said or agreed.")
        themes = st.text_input(
            "Themes",
            placeholder="awareness; reporting",
            help="The lines of effort it served, separated by semicolons (Strategy, Lines of effort).",
        )
        sources = st.text_area("Sources", placeholder="One link per line.")
        d, e, f = st.columns(3)
        follow_up = d.text_input("Follow-up due", placeholder="2027-01-15")
        owner = e.text_input("Follow-up owner")
        confidence = f.selectbox("Confidence", ["", *CONFIDENCE])
        if not st.form_submit_button("Log engagement", type="primary"):
            return False
    given = [r.strip() for r in roles.split(",")]
    form = EngagementForm(
        date=day,
        title=title,
        participants=[
            Participant(i, (given[n] if n < len(given) else "") or "participant")
            for n, i in enumerate([*picked, *(o.strip() for o in others.split(";") if o.strip())])
        ],
        kind=kind,
        where=where,
        country=country,
        notes=notes,
        sources=[s.strip() for s in sources.splitlines() if s.strip()],
        follow_up_due=follow_up,
        follow_up_owner=owner,
        confidence=confidence,
        themes=[t.strip() for t in themes.split(";") if t.strip()],
    )
    saved = attempt(lambda: log_engagement(drv, form, actor))
    if not saved:
        return False
    keep_saved(section, saved)
    st.session_state[f"log-form-{section}"] = fresh + 1
    return True


@st.dialog("Log an engagement", width="large", on_dismiss=dialogs.close)
def log_dialog(drv: neo4j.Driver, section: str, wanted: list[str]) -> None:
    """The form in a dialog; it closes once the engagement is saved, and `logged(section)` says so on the page."""
    if engagement_form(drv, section, wanted):
        dialogs.done()


def logged(drv: neo4j.Driver, section: str) -> None:
    """What the last form in `section` saved (with its warnings) and its Undo; once undone, what the undo did."""
    saved_line(drv, section, "It counts in every analysis now.")
