"""Audit trail (admins): every change (load, edit, merge, undo) with who, when and what, filtered, and as CSV.

Change records are written only by the write functions, in the same transaction as the change; no page edits them.
"""

import streamlit as st

from graph.dates import local_moment
from graph.roles import Forbidden, require
from loaders.changes import CHANGE_KINDS, history
from render.tables import readable
from views.auth import current_actor, refused
from views.widgets import driver, lazy_downloads, run_or_outage

KINDS = list(CHANGE_KINDS)
PAGE = 200  # changes a page shows
EXPORT_LIMIT = 100_000  # changes a download holds at most (read only when it is asked for)


def body() -> None:
    st.title("Audit trail")
    try:
        require(current_actor(), "audit")
    except Forbidden as exc:
        refused(exc)
        return
    drv = driver()
    a, b, c, d = st.columns([3, 2, 2, 1])
    kinds = a.multiselect("Kinds", KINDS, default=KINDS)
    who = b.text_input("Who", placeholder="part of a name or e-mail")
    entity = c.text_input("Entity id", placeholder="e.g. afp")

    def matching(limit: int, skip: int = 0) -> list[dict]:
        return history(drv, entity.strip() or None, limit, kinds or KINDS, by=who.strip() or None, skip=skip)

    number = int(d.number_input("Page", min_value=1, value=1, step=1, help=f"{PAGE} changes a page, newest first"))
    rows = matching(PAGE + 1, (number - 1) * PAGE)  # one more: is there a next page?
    more = len(rows) > PAGE
    first = (number - 1) * PAGE
    st.caption(
        f"Changes {first + 1} to {first + len(rows[:PAGE])}" + (", older ones on the next page" if more else "")
        if rows
        else "No changes match."
    )
    st.dataframe(readable(_shown(rows[:PAGE])), hide_index=True, width="stretch")
    st.caption(f"The downloads hold every change that matches (up to {EXPORT_LIMIT:,}), not only this page.")
    lazy_downloads(lambda: _shown(matching(EXPORT_LIMIT)), "audit-trail", key="audit")


def _shown(rows: list[dict]) -> list[dict]:
    return [
        {
            "when": local_moment(r["at"]),
            "who": r["by"],
            "kind": r["kind"],
            "what": r["title"],
            "counts": r["counts"],
            "undone_by": r["undone_by"] or "",
            "change_id": r["id"],
        }
        for r in rows
    ]


run_or_outage(body)
