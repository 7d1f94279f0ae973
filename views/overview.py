"""Overview: what is in the graph, where it came from, and what needs fixing."""

import json

import pandas as pd
import streamlit as st

from queries import read
from queries.connection import settings
from queries.duplicates import duplicate_candidates, not_duplicate_pairs, remember_not_duplicate
from views.widgets import driver, md_text, run_or_outage, sample_banner

DUPLICATES_SHOWN = 20

st.title("Stakeholder Graph Explorer")
st.caption(f"Database: {settings().describe()}")
drv = driver()


def body():
    sample_banner(drv)
    size = read(drv, "graph_size")[0]
    left, right = st.columns(2)
    left.metric("Entities", f"{size['entities']:,}")
    right.metric("Links", f"{size['links']:,}")
    if not size["entities"]:
        st.warning(
            "The graph is empty. Load files with `python -m loaders load PATH` (or `make sample` for the sample data)."
        )
        return
    kinds, types = st.columns(2)
    with kinds:
        st.subheader("Entities by kind")
        st.dataframe(pd.DataFrame(read(drv, "counts_by_kind")), hide_index=True, width="stretch")
    with types:
        st.subheader("Links by type")
        st.dataframe(pd.DataFrame(read(drv, "counts_by_type")), hide_index=True, width="stretch")

    st.subheader("Data-quality warnings")
    checks = [c for c in read(drv, "quality_checks") if c["count"]]
    if checks:
        st.dataframe(
            pd.DataFrame(
                [{"check": c["check"], "count": c["count"], "examples": "; ".join(c["examples"])} for c in checks]
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.success("No data-quality warnings.")

    duplicates_section()

    st.subheader("Recent loads")
    loads = read(drv, "recent_loads", limit=10)
    if not loads:
        st.caption("No loads recorded.")
    for load in loads:
        summary = json.loads(load["summary"] or "{}")
        changed = sum(
            c.get("created", 0) + c.get("updated", 0)
            for group in ("entities", "links")
            for c in summary.get(group, {}).values()
        )
        title = f"{load['at']} by {load['by']}: {changed} created or updated, {summary.get('warnings', 0)} warnings"
        with st.expander(title):
            st.write("Files:", ", ".join(load["files"] or []))
            if load["problems"]:
                st.dataframe(pd.DataFrame({"problem": load["problems"]}), hide_index=True, width="stretch")


@st.cache_data(ttl=300, max_entries=4, show_spinner="Looking for likely duplicates…")
def _duplicate_candidates(_drv, version: tuple) -> list[dict]:
    """Likely duplicates, remembered pairs included, kept while the graph (its loads and size) is the same."""
    return duplicate_candidates(_drv)


def _version() -> tuple:
    latest = read(drv, "recent_loads", limit=1)
    size = read(drv, "graph_size")[0]
    return settings().uri, latest[0]["id"] if latest else None, size["entities"], size["links"]


def _not_a_duplicate(row: dict) -> None:
    remember_not_duplicate(drv, row["a"], row["b"])
    st.session_state["not-duplicate-said"] = f"Remembered: {row['a_name']} and {row['b_name']} are not duplicates."


def duplicates_section() -> None:
    """Pairs that may be one organisation, with the reasons; "Not a duplicate" remembers a pair and drops it."""
    st.subheader("Likely duplicates")
    said = st.session_state.pop("not-duplicate-said", None)
    if said:
        st.success(md_text(said))
    remembered = not_duplicate_pairs(drv)
    rows = [r for r in _duplicate_candidates(drv, _version()) if frozenset((r["a"], r["b"])) not in remembered]
    if not rows:
        st.success("No likely duplicates.")
        return
    shown = rows[:DUPLICATES_SHOWN]
    st.caption(
        f"{len(rows)} pair{'s' if len(rows) != 1 else ''} that may be one organisation"
        + (f"; the strongest {len(shown)} shown" if len(shown) < len(rows) else "")
        + ". Nothing is merged: say which are not duplicates, or list them all with `python -m loaders duplicates`."
    )
    for row in shown:
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.markdown(
            f"**{md_text(row['a_name'])}** and **{md_text(row['b_name'])}** ({md_text(row['kind'])}): "
            + md_text("; ".join(row["reasons"]))
        )
        right.button(
            "Not a duplicate",
            key=f"not-duplicate-{json.dumps([row['a'], row['b']])}",
            on_click=_not_a_duplicate,
            args=(row,),
            help="Remember that these are two organisations, so the pair is not listed again.",
        )


run_or_outage(body)
