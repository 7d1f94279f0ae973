"""The Network page's left column: search, focus, hops, roll-up, filters, dates and display, each mirrored in the URL.

The page's state lives in its URL query (`STATE`), so the address bar is a shareable view.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse
from collections.abc import Sequence

import neo4j
import streamlit as st

from graph.network_view import CONFIDENCE_LEVELS
from graph.settings import today
from graph.vocabulary import KINDS, REL_TYPES
from queries.network import search
from views.widgets import url_date, url_int

SMALL_GRAPH = 150  # drawn whole when no entity is chosen
MEASURES = {
    "(none)": None,
    "Degree": "degree",
    "Betweenness": "betweenness",
    "PageRank": "pagerank",
    "Closeness": "closeness",
}
WHOLE = "(whole graph)"
#: URL keys of a view's state, and the widgets that read them (cleared when a saved view is opened).
STATE = (
    "id",
    "hops",
    "rollup",
    "kinds",
    "types",
    "regions",
    "tags",
    "conf",
    "as_of",
    "compare",
    "colour",
    "size",
    "labels",
    "expand",
    "add",
    "hide",
)
WIDGETS = (
    "focus",
    "hops",
    "rollup",
    "kinds",
    "types",
    "regions",
    "tags",
    "confidence",
    "as_of-on",
    "as_of-date",
    "as_of-slider",
    "compare-on",
    "compare-date",
    "colour",
    "size",
    "edge-labels",
    "hidden",
    "search",
)


def listed(key: str, options) -> list:
    """A comma-separated URL value as a list of known options; every option when absent."""
    raw = st.query_params.get(key)
    return list(options) if raw is None else [v for v in raw.split(",") if v in options]


def keep_listed(key: str, chosen: list, options) -> None:
    if set(chosen) == set(options):
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = ",".join(chosen)


#: Session keys of the drawing: positions by entity id (canvas pixels), the selection, the last event handled,
#: a counter that fits the view when it changes, and the selection whose links are highlighted.
XY, SELECTED, ACK, FIT, AMONG = "net-xy", "net-selected", "net-ack", "net-fit", "net-among"


def positions_state() -> dict[str, Sequence[float]]:
    """The session's positions by entity id: one dict, changed in place, kept across reruns, dates and filters."""
    return st.session_state.setdefault(XY, {})


def restore_layout(layout: str | None) -> None:
    """Put a saved arrangement (JSON ``{id: [x, y]}``) in place of the session's positions, and fit it."""
    try:
        saved = json.loads(layout) if layout else {}
    except ValueError:
        saved = {}
    placed = {
        str(k): [float(v[0]), float(v[1])]
        for k, v in (saved.items() if isinstance(saved, dict) else [])
        if isinstance(v, list) and len(v) == 2 and all(isinstance(c, int | float) for c in v)
    }
    if placed:
        xy = positions_state()
        xy.clear()
        xy.update(placed)
    st.session_state[FIT] = st.session_state.get(FIT, 0) + 1
    st.session_state[SELECTED] = []


def open_view(state: str, layout: str | None = None) -> None:
    """Replace the page state by a saved view's URL state (and its arrangement) and start again."""
    for key in WIDGETS:
        st.session_state.pop(key, None)
    restore_layout(layout)
    st.query_params.from_dict(dict(urllib.parse.parse_qsl(state)))
    st.rerun()


def focus_on(entity_id: str) -> None:
    st.session_state["focus"] = entity_id
    st.query_params["id"] = entity_id


def _focus_on_search(drv: neo4j.Driver) -> None:
    hits = search(drv, st.session_state["search"], limit=1)
    if hits:
        focus_on(hits[0]["id"])


def sync(source: str, target: str) -> None:
    st.session_state[target] = st.session_state[source]


def as_of_controls(first: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The as-of date (a date box and a time slider kept in step) and an optional comparison date."""
    now = today()
    chosen = url_date("as_of")
    use = st.checkbox(
        "As of a date",
        value=chosen is not None,
        key="as_of-on",
        help="Show only links active on that date (since ≤ date ≤ until).",
    )
    as_of = compare = None
    if use:
        low, high = min(first, chosen or now), max(now, chosen or now)
        as_of = st.date_input(
            "As-of date",
            value=chosen or now,
            min_value=low,
            max_value=high,
            key="as_of-date",
            format="DD/MM/YYYY",
            on_change=sync,
            args=("as_of-date", "as_of-slider"),
        )
        st.slider(
            "Time slider",
            min_value=low,
            max_value=high,
            value=as_of,
            key="as_of-slider",
            format="MMM YYYY",
            on_change=sync,
            args=("as_of-slider", "as_of-date"),
        )
        st.query_params["as_of"] = as_of.isoformat()
        other = url_date("compare")
        if st.checkbox(
            "Compare with another date",
            value=other is not None,
            key="compare-on",
            help="Mark the links gained and lost between the two dates.",
        ):
            compare = st.date_input(
                "Compare date",
                value=other or max(low, as_of - dt.timedelta(days=5 * 365)),
                min_value=low,
                max_value=high,
                key="compare-date",
                format="DD/MM/YYYY",
            )
            st.query_params["compare"] = compare.isoformat()
        else:
            st.query_params.pop("compare", None)
    else:
        st.query_params.pop("as_of", None)
        st.query_params.pop("compare", None)
    return as_of, compare


def view_controls(drv: neo4j.Driver, facets: dict, *, size: dict, choices: list[dict]) -> dict:
    """The left column: search, focus, hops, roll-up, filters, dates and display; mirrors every choice in the URL.

    `size` is the ``graph_size`` row and `choices` the ``entity_choices`` rows (the page reads them once per graph
    version)."""
    st.text_input(
        "Search name or alias",
        key="search",
        placeholder="e.g. AFP, Fiji, Roblox",
        on_change=_focus_on_search,
        args=(drv,),
    )
    text = st.session_state.get("search")
    if text:
        hits = search(drv, text, limit=10)
        if not hits:
            st.caption("No entity matches.")
        elif len(hits) > 1:
            names = {h["id"]: f"{h['name']} ({h['kind']})" for h in hits}
            picked = st.radio(
                "Matches", list(names), format_func=lambda i: names.get(i, i), key="search-hits", index=None
            )
            if picked and picked != st.query_params.get("id"):
                focus_on(picked)
    small = size["entities"] <= SMALL_GRAPH
    options = ([WHOLE] if small else []) + [c["id"] for c in choices]
    labels = {c["id"]: f"{c['name']} ({c['kind']})" for c in choices} | {WHOLE: WHOLE}
    wanted = WHOLE if small and "id" not in st.query_params else st.query_params.get("id", options[0])
    focus = st.selectbox(
        "Focus",
        options,
        index=options.index(wanted) if wanted in options else 0,
        format_func=lambda i: labels.get(i, i),
        key="focus",
    )
    if focus == WHOLE:
        st.query_params.pop("id", None)
    elif focus is not None:
        st.query_params["id"] = focus
    hops = st.slider("Hops", 1, 3, url_int("hops", 1, 1, 3), key="hops", disabled=focus == WHOLE)
    st.query_params["hops"] = str(hops)
    rollup = st.checkbox(
        "Roll-up",
        value=st.query_params.get("rollup") != "off",
        key="rollup",
        disabled=focus == WHOLE,
        help="A country stands for its government agencies and their units, an organisation for its units "
        "(PART_OF links active on the as-of date): their links are drawn too, and hops count from them.",
    )
    with st.expander("Filters", expanded=False):
        kinds = st.multiselect("Kinds", KINDS, default=listed("kinds", KINDS), key="kinds")
        types = st.multiselect("Relationship types", REL_TYPES, default=listed("types", REL_TYPES), key="types")
        regions = st.multiselect(
            "Regions",
            facets["regions"],
            default=listed("regions", facets["regions"]),
            key="regions",
            help="Entities without a region are hidden when you narrow this.",
        )
        tags = st.multiselect(
            "Tags (any of)",
            facets["tags"],
            default=[t for t in listed("tags", facets["tags"]) if "tags" in st.query_params],
            key="tags",
        )
        confidence = st.multiselect(
            "Link confidence", CONFIDENCE_LEVELS, default=listed("conf", CONFIDENCE_LEVELS), key="confidence"
        )
    for key, chosen, allowed in (
        ("kinds", kinds, KINDS),
        ("types", types, REL_TYPES),
        ("regions", regions, facets["regions"]),
        ("conf", confidence, CONFIDENCE_LEVELS),
    ):
        keep_listed(key, chosen, allowed)
    if tags:
        st.query_params["tags"] = ",".join(tags)
    else:
        st.query_params.pop("tags", None)
    first = dt.date.fromisoformat((facets["first"] or "1970")[:4] + "-01-01")
    as_of, compare = as_of_controls(first)
    with st.expander("Display", expanded=False):
        colour = st.radio(
            "Colour by",
            ["kind", "community"],
            horizontal=True,
            key="colour",
            index=1 if st.query_params.get("colour") == "community" else 0,
        )
        measure = st.selectbox(
            "Size by",
            list(MEASURES),
            key="size",
            index=list(MEASURES).index(st.query_params.get("size", "(none)"))
            if st.query_params.get("size") in MEASURES
            else 0,
        )
        labels_on = st.checkbox(
            "Relationship labels on links", value=st.query_params.get("labels") != "off", key="edge-labels"
        )
    for key, value, default in (
        ("colour", colour, "kind"),
        ("size", measure, "(none)"),
        ("labels", "on" if labels_on else "off", "on"),
        ("rollup", "on" if rollup else "off", "on"),
    ):
        if value == default:
            st.query_params.pop(key, None)
        else:
            st.query_params[key] = value
    return {
        "focus": focus,
        "hops": hops,
        "rollup": rollup and focus != WHOLE,
        "kinds": kinds,
        "types": types,
        "regions": regions,
        "tags": tags,
        "confidence": confidence,
        "as_of": as_of,
        "compare": compare,
        "colour": colour,
        "measure": measure,
        "labels": labels_on,
        "whole": focus == WHOLE,
    }
