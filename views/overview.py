"""Overview: what is in the graph, where it came from, and what needs fixing."""

import json

import pandas as pd
import streamlit as st

from queries import read
from queries.connection import settings
from views.widgets import driver, run_or_outage, sample_banner

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


run_or_outage(body)
