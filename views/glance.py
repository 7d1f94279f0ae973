"""The Overview's answers at a glance: the team's gaps on the priority targets today, follow-ups due and
agreements needing follow-up, each linked to the page that explains it.

The numbers are the Gaps page's own (`views.cached.gap_results`, `graph.standing`) for the Gaps page's
defaults, so the tile here and the tile a link opens agree.
"""

from __future__ import annotations

import neo4j
import streamlit as st

from analyses.questions import AGREEMENTS, PRIORITY_TARGETS, gap_params
from graph.dates import local_date
from graph.standing import counts, gap_line, gap_tables, severity
from graph.vocabulary import kind_name
from views.cached import answer, gap_results, page_context
from views.widgets import md_text

TOP_GAPS = 3
FOLLOW_UPS_COUNTED = 1000  # an open follow-up list longer than this is counted as "1000+"
GAPS = "views/gaps.py"


def counted(follow_ups: list[dict]) -> str:
    """How many open follow-ups there are, ``1000+`` when the read stopped at `FOLLOW_UPS_COUNTED`."""
    return f"{len(follow_ups)}{'+' if len(follow_ups) == FOLLOW_UPS_COUNTED else ''}"


def due(rows: list[dict], on: str) -> list[dict]:
    """The open follow-ups whose due date (partial dates allowed) has come by `on`."""
    return [r for r in rows if r["due"] and str(r["due"]) <= on[: len(str(r["due"]))]]


def glance(drv: neo4j.Driver, home: str, on: str, follow_ups: list[dict]) -> None:
    """Tiles for the gaps, `follow_ups` (the open ones, as `follow_ups_open` reads them, up to
    `FOLLOW_UPS_COUNTED`) and agreements, the top gaps in words, and links to the pages."""
    params = gap_params()
    ctx = page_context(drv, home=home, targets=PRIORITY_TARGETS, params=params, history=True)
    st.subheader("At a glance")
    if not ctx.home or not ctx.targets:
        st.caption(md_text(f"No home entity ({home}) or no priority target ({PRIORITY_TARGETS}) in the graph yet."))
        return
    tables = gap_tables(gap_results(drv, ctx))
    tally = counts(tables["standing"])
    agreements = answer(drv, ctx.with_targets(AGREEMENTS.targets, {**params, **AGREEMENTS.params}), "followup")
    st.caption(
        f"{tally['looked_at']} high-priority targets seen from the home set ({md_text(home)}) on {local_date(on)}, "
        f"within {params['max_hops']} links, as the Gaps page counts them."
    )
    tiles = st.columns(5)
    _tile(tiles[0], "Unreached", tally["unreached"], "See them", {"tab": "Reach and threads"})
    _tile(tiles[1], "Single-threaded", tally["single_threaded"], "See them", {"tab": "Reach and threads"})
    _tile(tiles[2], "Stale or never engaged", tally["stale"] + tally["never_engaged"], "See them", {"tab": "Stale"})
    tiles[3].metric(
        "Follow-ups due", len(due(follow_ups, on)), help=f"{counted(follow_ups)} not done in all; listed below."
    )
    n_agreements = len({r["agreement"] for r in agreements})
    _tile(tiles[4], "Agreements to follow up", n_agreements, "See them", {"tab": "Agreement follow-up"})

    worst = [r for r in tables["standing"] if severity(r)][:TOP_GAPS]
    if worst:
        st.markdown(f"**Top {len(worst)} gap{'s' if len(worst) != 1 else ''}**")
        top = st.container(key="top-gaps")
        for rank, row in enumerate(worst, 1):
            left, right = top.columns([6, 1], vertical_alignment="center")
            kind = kind_name(row["target_kind"])
            left.markdown(
                f"{rank}. **{md_text(row['target_name'])}** ({md_text(kind)}): "
                + md_text(gap_line(row, int(params["max_hops"])))
            )
            right.page_link("views/profile.py", label="Profile", query_params={"id": row["target"]})
    st.page_link(GAPS, label="Where every priority target stands (Gaps)", icon=":material/crisis_alert:")


def _tile(column, label: str, value: int, link: str, query: dict[str, str]) -> None:
    column.metric(label, value)
    column.page_link(GAPS, label=link, query_params=query)
