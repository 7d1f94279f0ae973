"""Network: the neighbourhood of an entity, filtered by kind, type and date, drawn offline."""

import pandas as pd
import streamlit as st

from graph.layout import spring_positions
from graph.vocabulary import KINDS, REL_TYPES
from queries import read
from queries.network import MAX_NODES, ViewTooLarge, ego_ids, search, subgraph
from render.network import network_html
from views.common import as_of_input, driver, run_or_outage, sample_banner

SMALL_GRAPH = 150  # drawn whole when no entity is chosen
PHYSICS_LIMIT = 300  # above this, positions come from Python

st.title("Network")
drv = driver()


@st.cache_data(show_spinner="Laying out the network…", max_entries=32)
def _positions(nodes: tuple, links: tuple) -> dict:
    return spring_positions([{"id": n} for n in nodes], [{"source": s, "target": t} for s, t in links])


def _focus_on_search():
    hits = search(drv, st.session_state["search"], limit=1)
    if hits:
        st.session_state["focus"] = hits[0]["id"]
        st.query_params["id"] = hits[0]["id"]


def body():
    sample_banner(drv)
    size = read(drv, "graph_size")[0]
    if not size["entities"]:
        st.warning("The graph is empty: load files first (`python -m loaders load PATH`).")
        return
    controls, view = st.columns([1, 3])
    with controls:
        st.text_input("Search name or alias", key="search", placeholder="e.g. AFP, Fiji, Roblox",
                      on_change=_focus_on_search)
        if st.session_state.get("search") and not search(drv, st.session_state["search"], limit=1):
            st.caption("No entity matches.")
        choices = read(drv, "entity_choices", limit=5000)
        whole = size["entities"] <= SMALL_GRAPH and "id" not in st.query_params
        options = ["(whole graph)", *[c["id"] for c in choices]] if size["entities"] <= SMALL_GRAPH else \
            [c["id"] for c in choices]
        labels = {c["id"]: f"{c['name']} ({c['kind']})" for c in choices} | {"(whole graph)": "(whole graph)"}
        wanted = "(whole graph)" if whole else st.query_params.get("id", options[0])
        focus = st.selectbox("Focus", options, index=options.index(wanted) if wanted in options else 0,
                             format_func=labels.get, key="focus")
        if focus == "(whole graph)":
            st.query_params.pop("id", None)
        else:
            st.query_params["id"] = focus
        hops = st.slider("Hops", 1, 3, int(st.query_params.get("hops", 1)), key="hops",
                         disabled=focus == "(whole graph)")
        st.query_params["hops"] = str(hops)
        kinds = st.multiselect("Kinds", KINDS, default=list(KINDS), key="kinds")
        types = st.multiselect("Relationship types", REL_TYPES, default=list(REL_TYPES), key="types")
        as_of = as_of_input()
    try:
        ids = ([r["id"] for r in read(drv, "all_entity_ids")] if focus == "(whole graph)"
               else ego_ids(drv, focus, hops, as_of=as_of, types=types))
        nodes, links = subgraph(drv, ids, as_of=as_of, types=types, kinds=set(kinds),
                                keep=None if focus == "(whole graph)" else focus)
    except ViewTooLarge as exc:
        view.warning(f"{exc}. Narrow it: fewer hops, fewer kinds or relationship types, or an as-of date.")
        return
    with view:
        st.caption(f"{len(nodes)} entities, {len(links)} links"
                   + (f" active on {as_of:%d %b %Y}" if as_of else "") + ". Hover for sources; click for the id.")
        positions = None
        if len(nodes) > PHYSICS_LIMIT:
            positions = _positions(tuple(n["id"] for n in nodes), tuple((x["source"], x["target"]) for x in links))
        st.iframe(network_html(nodes, links, height=650, positions=positions), height=650)
        in_view = {n["id"]: f"{n['name']} ({n['kind']})" for n in nodes}
        pick, go = st.columns([3, 1])
        chosen = pick.selectbox("Entity in this view", list(in_view), format_func=in_view.get, key="in-view")
        if go.button("Open profile", key="open-profile") and chosen:
            st.switch_page("views/profile.py", query_params={"id": chosen})
        with st.expander("Links in this view"):
            st.dataframe(pd.DataFrame(links), hide_index=True, width="stretch")
    st.caption(f"Views over {MAX_NODES:,} entities are refused; narrow them with the filters.")


run_or_outage(body)
