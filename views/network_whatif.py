"""Beside the Network page's drawing: the gap figures if the selected entity left, or if the two selected were
linked, for the home set and a target set; nothing is saved (the scratch layer: discard it, open it in Strategy,
What if, to see every target that moves, or, for a link and a role that may edit, make the link: an undoable
change like any other form's)."""

from __future__ import annotations

import neo4j
import streamlit as st

from analyses.catalog import ParamError
from analyses.questions import PRIORITY_TARGETS
from graph.settings import home_filter
from loaders.edit import add_link
from views.auth import current_actor
from views.cached import answer, page_context
from views.changes import attempt, keep_saved, saved_line
from views.widgets import FILTER_HELP, initial, md_text

ASKED = "net-whatif"  # the change asked about: {"without": id} or {"add": "a -> b"}
TARGETS = "net-whatif-targets"
TILES = ("unreached", "single_threaded", "stale")
HOPS = "3"  # as the Gaps page counts reach by default
MADE = "net-whatif-made"  # the section of the saved line (and its Undo) of a link made from here


def _change(selected: list[str]) -> tuple[dict[str, str], str] | None:
    """The change the selection offers, with its button's words: one entity leaves, or two are linked."""
    if len(selected) == 1:
        return {"without": selected[0]}, "What if it left?"
    if len(selected) == 2:
        return {"add": f"{selected[0]} -> {selected[1]}"}, "What if they were linked?"
    return None


def what_if_panel(drv: neo4j.Driver, c: dict, selected: list[str], names: dict[str, str]) -> None:
    """The button the selection offers, and once pressed the figures before and after, until discarded."""
    saved_line(drv, MADE)  # a link made from here, with its Undo
    offered = _change(selected)
    if offered is None:
        return
    change, label = offered
    if st.button(label, key="net-whatif-ask", help="The gap figures with that change; nothing is saved"):
        st.session_state[ASKED] = change
    if st.session_state.get(ASKED) != change:
        return
    initial(TARGETS, PRIORITY_TARGETS)
    targets = st.text_input("Targets", key=TARGETS, help=FILTER_HELP)
    params = {"max_hops": HOPS, "rollup": "on" if c["rollup"] else "off", **change}
    try:
        ctx = page_context(drv, as_of=c["as_of"], home=home_filter(), targets=targets, params=params)
        figures = answer(drv, ctx, "whatif")
    except ParamError as exc:
        st.error(str(exc))
        return
    said = (
        f"without {names.get(change['without'], change['without'])}"
        if "without" in change
        else "with a link " + " → ".join(names.get(i, i) for i in selected)
    )
    st.markdown(md_text(f"What if: {said}. Nothing is saved."))
    by_key = {r["key"]: r for r in figures}
    for tile, key in zip(st.columns(len(TILES)), TILES, strict=True):
        row = by_key[key]
        tile.metric(row["figure"].capitalize(), row["after"], delta=row["change"] or None, delta_color="inverse")
    left, right = st.columns(2)
    left.page_link(
        "views/strategy.py",
        label="Every target that moves",
        query_params={"ask": "whatif", "home": home_filter(), "targets": targets, "hops": HOPS, **change},
    )
    if right.button("Discard", key="net-whatif-discard"):
        st.session_state.pop(ASKED, None)
        st.rerun()
    if "add" in change and current_actor().can("edit"):
        _make_link(drv, selected)


def _make_link(drv: neo4j.Driver, ends: list[str]) -> None:
    """Make the link asked about, in the wording and with the source the user gives (checked as a loaded row)."""
    with st.form("net-whatif-make"):
        relationship = st.text_input("Relationship", value="partners with", help="As a Connections row words it")
        since = st.text_input("Since", placeholder="2026-12")
        sources = st.text_input("Sources", placeholder="a link or document reference")
        if not st.form_submit_button("Make this link"):
            return
    values = {"From": ends[0], "Relationship": relationship, "To": ends[1], "Since": since, "Sources": sources}
    saved = attempt(lambda: add_link(drv, values, current_actor()))
    if saved:
        keep_saved(MADE, saved)
        st.session_state.pop(ASKED, None)
        st.rerun()
