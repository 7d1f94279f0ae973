"""Log an engagement: who met whom, when, where, what was agreed, and the follow-up; undoable like any change."""

import datetime as dt

import streamlit as st

from graph.roles import Forbidden
from loaders.edit import (
    CONFIDENCE,
    ENGAGEMENT_KINDS,
    EngagementForm,
    Invalid,
    Participant,
    form_message,
    log_engagement,
)
from queries import read
from views.auth import current_actor, refused
from views.changes import SAID, said, undo_controls
from views.widgets import PICKER_LIMIT, driver, md_text

st.title("Log an engagement")
drv = driver()
actor = current_actor()
LAST = "log-last"  # the change the last form wrote: {id, title}

if not actor.can("log"):
    refused(Forbidden(f"Only an editor or admin can log engagements; you ({actor.name}) are a {actor.role}."))
    st.stop()

choices = [c for c in read(drv, "entity_choices", limit=PICKER_LIMIT) if c["kind"] != "Engagement"]
names = {c["id"]: f"{c['name']} ({c['kind']})" for c in choices}
wanted = [i for i in st.query_params.get_all("with") if i in names]

with st.form("log-engagement", clear_on_submit=False):
    left, right = st.columns(2)
    title = left.text_input("Title", placeholder="Cyber safety talks, Suva")
    day = right.text_input("Date", value=dt.date.today().isoformat(), help="A partial date is fine: 2026-11, 2026.")
    picked = st.multiselect(
        "With", list(names), default=wanted, format_func=lambda i: names.get(i, i), placeholder="Type a name"
    )
    roles = st.text_input(
        "Roles", placeholder="host, participant", help="One role per participant, in the order above (optional)."
    )
    a, b, c = st.columns(3)
    kind = a.selectbox("Kind", ENGAGEMENT_KINDS)
    where = b.text_input("Where", placeholder="Suva")
    country = c.text_input("Country", placeholder="Fiji")
    notes = st.text_area("Notes", placeholder="What was said or agreed.")
    sources = st.text_area("Sources", placeholder="One link per line.")
    d, e, f = st.columns(3)
    follow_up = d.text_input("Follow-up due", placeholder="2027-01-15")
    owner = e.text_input("Follow-up owner")
    confidence = f.selectbox("Confidence", ["", *CONFIDENCE])
    submitted = st.form_submit_button("Log engagement", type="primary")

if submitted:
    given = [r.strip() for r in roles.split(",")]
    form = EngagementForm(
        date=day,
        title=title,
        participants=[
            Participant(i, (given[n] if n < len(given) else "") or "participant") for n, i in enumerate(picked)
        ],
        kind=kind,
        where=where,
        country=country,
        notes=notes,
        sources=[s.strip() for s in sources.splitlines() if s.strip()],
        follow_up_due=follow_up,
        follow_up_owner=owner,
        confidence=confidence,
    )
    try:
        saved = log_engagement(drv, form, actor)
    except Invalid as exc:
        st.error("Nothing was saved:\n\n" + "\n".join(f"- {md_text(form_message(p))}" for p in exc.problems))
    except Forbidden as exc:
        refused(exc)
    else:
        st.session_state[LAST] = {"id": saved.change_id, "title": saved.title}
        for problem in saved.warnings:
            st.warning(md_text(form_message(problem)))

if not submitted and "log" in st.session_state.get(SAID, {}):
    st.session_state.pop(LAST, None)  # its undo was asked: what that did is said instead
said("log")
if last := st.session_state.get(LAST):
    st.success(md_text(f"Saved: {last['title']}. It counts in every analysis now."))
    undo_controls(drv, last["id"], "log")
