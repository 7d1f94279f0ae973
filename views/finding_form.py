"""On the Profile page: record a risk or opportunity about the entity (a finding: `loaders.findings`), for those
whose role can edit; what it saved is said with its Undo."""

from __future__ import annotations

import neo4j
import streamlit as st

from loaders.edit import record_finding
from loaders.findings import KINDS
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
