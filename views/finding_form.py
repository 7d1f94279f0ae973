"""On the Profile page: record a risk or opportunity about the entity (a finding: `loaders.findings`), or close one,
for those whose role can edit; what it saved is said with its Undo."""

from __future__ import annotations

import neo4j
import streamlit as st

from graph.settings import today
from loaders.edit import close_finding, facts, record_finding
from loaders.findings import KINDS
from queries import read
from views.auth import current_actor
from views.changes import attempt, keep_saved, saved_line

SECTION = "profile-finding"
LEVELS = ["", "high", "medium", "low"]


def finding_form(drv: neo4j.Driver, entity_id: str) -> None:
    """The "Record a risk or opportunity" form (editors only), and what the last one saved."""
    saved_line(drv, SECTION)
    if not current_actor().can("edit"):
        return
    with st.expander("Record a risk or opportunity"), st.form("record-finding", clear_on_submit=True):
        left, middle, right = st.columns(3)
        values = {
            "Kind": left.selectbox("Kind", KINDS, format_func=str.capitalize),
            "Theme": middle.text_input(
                "Theme", help="A line of effort (awareness, reporting, legislation...): one finding per kind and theme."
            ),
            "Level": right.selectbox("Level", LEVELS, format_func=lambda v: v.capitalize() or "Not rated"),
            "Finding": st.text_area("Finding", help="What the team found, in a sentence or two."),
            "Assessed on": st.text_input("Assessed on", help="A date: 2024, 2024-03 or 12/03/2024."),
            "Sources of the finding": st.text_area(
                "Sources of the finding", help="One per line: a report, a URL."
            ).splitlines(),
        }
        if st.form_submit_button("Record"):
            saved = attempt(lambda: record_finding(drv, entity_id, values, current_actor()))
            if saved:
                keep_saved(SECTION, saved)
                st.rerun()
    _close_form(drv, entity_id)


def _label(finding: dict) -> str:
    theme = f" on {finding['theme']}" if finding.get("theme") else ""
    return f"{finding['kind'].capitalize()}{theme}: {finding['text'][:80]}"


def _close_form(drv: neo4j.Driver, entity_id: str) -> None:
    """Close one of the entity's open findings on a date: kept with its history, no longer counted from then on."""
    open_ones = {f["id"]: f for f in read(drv, "findings_about", ids=[entity_id]) if not f.get("closed")}
    if not open_ones:
        return
    with st.expander("Close a risk or opportunity"), st.form("close-finding"):
        chosen = st.selectbox("Finding", list(open_ones), format_func=lambda i: _label(open_ones[i]))
        on = st.date_input("Closed on", value=today(), format="YYYY-MM-DD")
        if st.form_submit_button("Close") and chosen:
            # as it is when the form is sent (a form's rerun reads the graph again): a change written meanwhile
            # by someone else is still refused by the write itself
            base = facts(read(drv, "findings_by_id", ids=[chosen])[0]["props"])
            saved = attempt(lambda: close_finding(drv, chosen, on.isoformat(), base, current_actor()))
            if saved:
                keep_saved(SECTION, saved)
                st.rerun()
