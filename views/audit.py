"""Audit trail (admins): every change (load, edit, merge, undo) with who, when and what, filtered, and as CSV.

Change records are written only by the write functions, in the same transaction as the change; no page edits them.
"""

import streamlit as st

from graph.roles import Forbidden, require
from loaders.changes import CHANGE_KINDS, history
from render.tables import readable
from views.auth import current_actor, refused
from views.widgets import downloads, driver, run_or_outage

KINDS = list(CHANGE_KINDS)
LIMIT = 5000  # changes read at most; the page says when there are more


def body() -> None:
    st.title("Audit trail")
    try:
        require(current_actor(), "audit")
    except Forbidden as exc:
        refused(exc)
        return
    drv = driver()
    a, b, c = st.columns(3)
    kinds = a.multiselect("Kinds", KINDS, default=KINDS)
    who = b.text_input("Who", placeholder="part of a name or e-mail")
    entity = c.text_input("Entity id", placeholder="e.g. afp")
    rows = history(drv, entity=entity.strip() or None, limit=LIMIT, kinds=kinds or KINDS)
    if who.strip():
        rows = [r for r in rows if who.strip().lower() in str(r["by"]).lower()]
    shown = [
        {
            "when": r["at"],
            "who": r["by"],
            "kind": r["kind"],
            "what": r["title"],
            "counts": r["counts"],
            "undone_by": r["undone_by"] or "",
            "change_id": r["id"],
        }
        for r in rows
    ]
    st.caption(f"{len(shown)} changes" + (f" (the latest {LIMIT})" if len(rows) == LIMIT else ""))
    st.dataframe(readable(shown), hide_index=True, width="stretch")
    downloads(shown, "audit-trail", key="audit")


run_or_outage(body)
