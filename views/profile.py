"""Profile: one entity, its properties and its links grouped by type, with dates and sources."""

import pandas as pd
import streamlit as st

from queries import read
from views.common import as_of_input, driver, entity_picker, md_source, md_text, run_or_outage, sample_banner

st.title("Profile")
drv = driver()
SHOWN = ("aliases", "country", "region", "priority", "tags", "date", "kind", "description")


def body():
    sample_banner(drv)
    entity_id = entity_picker(drv, "Entity", key="profile-entity")
    if entity_id is None:
        st.warning("The graph is empty: load files first (`python -m loaders load PATH`).")
        return
    rows = read(drv, "entity_profile", id=entity_id)
    if not rows:
        st.warning(f"No entity with id {entity_id!r}.")
        return
    entity = rows[0]
    props = entity["props"]
    st.header(md_text(props.get("name", entity_id)))
    st.caption(f"{entity['kind']} · id `{md_text(entity_id)}`")
    if st.button("Show its network", key="to-network"):
        st.switch_page("views/network.py", query_params={"id": entity_id, "hops": "1"})
    facts = {key: props[key] for key in SHOWN if props.get(key)}
    for key, value in facts.items():
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        st.markdown(f"**{key.title()}**: {md_text(shown)}")
    if props.get("sources"):
        st.markdown("**Sources**: " + " · ".join(md_source(s) for s in props["sources"]))
    st.caption(f"Loaded from {props.get('loaded_from', '?')} on {props.get('loaded_at', '?')}")

    as_of = as_of_input()
    links = read(drv, "entity_links", id=entity_id, as_of=as_of.isoformat() if as_of else None)
    st.subheader(f"Relationships ({len(links)})")
    if not links:
        st.caption("No relationships recorded.")
    frame = pd.DataFrame(links)
    for rel_type, group in frame.groupby("type", sort=True) if links else []:
        st.markdown(f"**{rel_type.replace('_', ' ').lower()}** ({len(group)})")
        table = group.assign(
            sources=group["sources"].map(" | ".join),
            status=group["active"].map({True: "active", False: "not active"}),
        )[["direction", "other_name", "other_kind", "since", "until", "status", "role", "kind", "confidence",
           "notes", "sources", "loaded_from"]].dropna(axis=1, how="all")
        st.dataframe(table, hide_index=True, width="stretch")


run_or_outage(body)
