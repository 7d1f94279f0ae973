"""Network: search, ego network, filters, time travel and comparison, measures, paths, saved views, exports."""

import datetime as dt
import json
import urllib.parse
from itertools import pairwise

import pandas as pd
import streamlit as st

import queries.network as network_queries
from analyses.catalog import Context, ParamError, run_on
from graph.communities import louvain
from graph.layout import arrange, pixel_positions
from graph.network_view import (
    Side,
    change_counts,
    filter_view,
    link_key,
    links_among,
    measure_table,
    merge_dates,
    showcase,
    with_links,
)
from graph.roles import Forbidden
from graph.settings import home_filter, today
from graph.vocabulary import reading
from queries import read
from queries.graphs import graph_version
from queries.network import (
    ViewTooLarge,
    arrangement,
    delete_view,
    ego_ids,
    export_rows,
    rollup_side,
    save_arrangement,
    save_view,
    saved_views,
    search,
    subgraph,
)
from render import exports
from render.network import LABELLED_UP_TO, canvas_args, labels_drawn
from render.tables import frame, readable
from views import dialogs, widgets
from views.auth import current_actor, refused
from views.cached import content_key, graph_on
from views.log_form import log_dialog, logged
from views.network_canvas import network_canvas, pending_events
from views.network_controls import (
    ACK,
    AMONG,
    FIT,
    MEASURES,
    SELECTED,
    STATE,
    focus_on,
    open_view,
    positions_state,
    restore_layout,
    view_controls,
)
from views.network_whatif import what_if_panel
from views.widgets import driver, export_stamp, file_name, md_text, run_or_outage, sample_banner, sized_downloads

HEIGHT = 650  # pixels of canvas
RERUN = "net-rerun"  # set by a callback of the drawing's panel when the whole page must run, not the panel alone
FOCUS_TO = "net-focus-to"  # an entity to focus on, chosen in the drawing's menu: set before the Focus list is drawn
SEARCHED = "net-searched"  # what was typed in the drawing's search box
SHOWCASE = "net-showcase"  # fade all but the selection and its neighbours
#: What can be done with one entity, in the panel beside the drawing and in the drawing's right-click menu.
ACTIONS = {
    "profile": "Open profile",
    "expand": "Expand",
    "hide": "Hide",
    "focus": "Focus",
    "log": "Log an engagement",
}
LOG = "network-log"  # the Log an engagement dialog
FOUND_OUTSIDE = 8  # search matches outside the view offered to add
SHARED = "xy"  # URL key of a shared arrangement (`queries.network.save_arrangement`)
OPENED_XY = "opened-xy"  # the shared arrangement this session has put in place already
LINKS_SHOWN = "net-links-shown"  # the session asked for the Links table of a large view


st.title("Network")
drv = driver()


def _graph(as_of: str | None, stamp: tuple):
    """The whole network on the date, read once per change and shared by every measure and session (frozen)."""
    return graph_on(drv, as_of)


@st.cache_data(show_spinner="Computing network measures…", max_entries=64, ttl=3600)
def _rows(name: str, as_of: str | None, stamp: tuple, home: str | None = None, **params) -> list[dict]:
    """Rows of the named analysis, as `python -m queries run NAME` prints them, on the cached graph."""
    on = as_of or today().isoformat()
    saved = {row["name"]: row["filter"] for row in read(drv, "saved_sets")} if home else {}
    context = Context(_graph(as_of, stamp), on, home, params={k: str(v) for k, v in params.items()}, saved_sets=saved)
    return run_on(context, name)


@st.cache_data(show_spinner=False, max_entries=16, ttl=3600)
def _communities(as_of: str | None, stamp: tuple) -> dict[str, int]:
    return louvain(_graph(as_of, stamp))


def _id_list(key: str) -> list[str]:
    return [v for v in st.query_params.get(key, "").split(",") if v]


def _ids(c: dict, on: dt.date | None, stamp: tuple) -> tuple[set[str], Side, dict[str, str]]:
    """Entities within reach on date `on` (the hops from the focus and its roll-up side, the expanded neighbours, or
    everything), that side (read by its own small query: why not the ego reads or `_graph`, see `rollup_side`), and
    the entity each expanded neighbour came from (drawn next to it)."""
    return _reach(
        _kept_under(stamp),
        c["focus"],
        c["hops"],
        tuple(c["types"]),
        on,
        c["rollup"],
        c["whole"],
        _id_list("add"),
        _id_list("expand"),
    )


def _kept_under(stamp: tuple) -> tuple:
    """What a view's reads are kept under: the graph version, and the cap on entities, so that a view refused under
    one cap is read again under another."""
    return stamp, network_queries.MAX_NODES


# Kept per graph version and shared by the sessions (`_kept_under`): a view opened again, from a link or a saved
# view, or by a colleague, is not read again (a 2,000-entity view's reads took 0.5 s of every first open).
@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def _reach(
    stamp: tuple,
    focus: str,
    hops: int,
    types: tuple[str, ...],
    on: dt.date | None,
    rollup: bool,
    whole: bool,
    added: list[str],
    expanded: list[str],
) -> tuple[set[str], Side, dict[str, str]]:
    side = rollup_side(drv, focus, as_of=on) if rollup else Side(focus, {}, {}, [])
    if whole:
        return {r["id"] for r in read(drv, "all_entity_ids")}, side, {}
    ids = set(ego_ids(drv, focus, hops, as_of=on, types=list(types), side=side.chains))
    origins: dict[str, str] = {}
    ids |= set(added)  # added from the drawing's search, placed next to what they link to
    for extra in expanded:
        near = set(ego_ids(drv, extra, 1, as_of=on, types=list(types)))
        origins |= dict.fromkeys(near - ids - set(origins), extra)
        ids |= near
    return ids, side, origins


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def _subgraph(
    stamp: tuple, ids: tuple[str, ...], on: dt.date | None, types: tuple[str, ...], kinds: tuple[str, ...], keep
) -> tuple[list[dict], list[dict]]:
    return subgraph(drv, list(ids), as_of=on, types=list(types), kinds=set(kinds), keep=keep)


def _view(c: dict, ids: set[str], on: dt.date | None, stamp: tuple) -> tuple[list[dict], list[dict]]:
    """Nodes and links among `ids` on date `on`, after the kind, region, tag, confidence and hide filters."""
    keep = None if c["whole"] else c["focus"]
    nodes, links = _subgraph(
        _kept_under(stamp), tuple(sorted(ids)), on, tuple(c["types"]), tuple(sorted(c["kinds"])), keep
    )
    return filter_view(
        nodes,
        links,
        regions=c["regions"] if set(c["regions"]) != set(c["all_regions"]) else None,
        tags=c["tags"],
        confidence=c["confidence"] if len(c["confidence"]) < 4 else None,
        hide=set(_id_list("hide")),
        keep=keep,
    )


def _toggle(key: str, entity_id: str, on: bool) -> None:
    ids = [i for i in _id_list(key) if i != entity_id] + ([entity_id] if on else [])
    if ids:
        st.query_params[key] = ",".join(ids)
    else:
        st.query_params.pop(key, None)


def _select(ids: list[str]) -> None:
    """Make `ids` the selection (the list beside the drawing follows when it is next drawn)."""
    st.session_state[SELECTED] = ids
    st.session_state.pop(AMONG, None)


def _picked() -> None:
    """The list beside the drawing was changed by hand: the drawing's selection follows."""
    chosen = st.session_state.get("in-view")
    st.session_state[SELECTED] = [chosen] if chosen else []
    st.session_state.pop(AMONG, None)


def _focus(entity_id: str) -> None:
    """Focus on `entity_id` (a callback: the focus list is set before it is drawn), then run the whole page."""
    focus_on(entity_id)
    _select([entity_id])
    st.session_state[RERUN] = True


def _act(action: str, entity_id: str, c: dict) -> None:
    """Do `action` (a key of `ACTIONS`) with one entity in view, chosen in the panel or the drawing's menu."""
    if action == "profile":
        st.switch_page("views/profile.py", query_params={"id": entity_id})
    elif action == "expand":
        _toggle("expand", entity_id, True)
        _select([entity_id])
        st.rerun()
    elif action == "hide" and entity_id != c["focus"]:
        _toggle("hide", entity_id, True)
        _select([])
        st.rerun()
    elif action == "focus" and entity_id != c["focus"]:
        st.session_state[FOCUS_TO] = entity_id  # the Focus list takes it when the whole page runs
        st.rerun()
    elif action == "log" and current_actor().can("log"):
        _select([entity_id])
        st.session_state[dialogs.OPEN] = (LOG, entity_id)  # as its button in the panel would (dialogs.opens)
        st.session_state[dialogs.KEPT] = {}


def _undo_growth(entity_id: str) -> None:
    """Take back what grew the view around `entity_id`: its expansion (Collapse) or its being added from the search
    (Take out): the view is as it was before, and nothing goes into the hidden list."""
    grew = [key for key in ("expand", "add") if entity_id in _id_list(key)]
    if not grew:
        return
    row = st.columns(len(grew))
    labels = {
        "expand": ("Collapse", "Take its neighbours out again (those the view holds for no other reason)"),
        "add": ("Take out", "Take it out of the view again (it was added from the search)"),
    }
    for column, key in zip(row, grew, strict=True):
        label, why = labels[key]
        if column.button(label, key=f"undo-{key}", help=why):
            _toggle(key, entity_id, False)
            _select([] if key == "add" else [entity_id])
            st.rerun()


def _menu(c: dict, in_view: dict[str, dict]) -> list[dict]:
    """The drawing's right-click menu: the panel's actions, each with the entities it does not apply to."""
    fixed = [c["focus"]] if c["focus"] in in_view else []
    engagements = [i for i, n in in_view.items() if n.get("kind") == "Engagement"]
    not_for = {"hide": fixed, "focus": fixed, "log": engagements}
    shown = [a for a in ACTIONS if a != "log" or current_actor().can("log")]
    return [{"action": a, "label": ACTIONS[a], "except": not_for.get(a, [])} for a in shown]


def _handle_events(in_view: dict[str, dict], c: dict) -> None:
    """Act on what the drawing sent since the last run: a click selects, a drag stores where the entity was left,
    a double click expands (a new view: the whole page runs again), a menu choice does what it says, and a search
    is kept for the panel to look up."""
    events = pending_events(st.session_state.get(ACK, 0))
    if not events:
        return
    xy, expand = positions_state(), []
    for event in events:
        st.session_state[ACK] = int(event["seq"])
        if event.get("type") == "select":
            _select([str(i) for i in event.get("ids") or [] if i in in_view])
        elif event.get("type") == "move":
            xy.update({str(k): [float(v[0]), float(v[1])] for k, v in (event.get("positions") or {}).items()})
            _rearranged()
        elif event.get("type") == "expand" and event.get("id") in in_view:
            expand.append(str(event["id"]))
            _select([str(event["id"])])
        elif event.get("type") == "search":
            st.session_state[SEARCHED] = str(event.get("text") or "")[:200]
        elif event.get("type") == "action" and event.get("id") in in_view and event.get("action") in ACTIONS:
            _act(str(event["action"]), str(event["id"]), c)
    if expand:
        for entity_id in expand:
            _toggle("expand", entity_id, True)
        st.rerun()


def _facts(node: dict, links: list[dict]) -> None:
    """One entity beside the drawing: its name, kind and key facts, every datum shown as text."""
    own = [x for x in links if node["id"] in (x["source"], x["target"])]
    neighbours = {x["source"] if x["target"] == node["id"] else x["target"] for x in own}
    st.markdown(f"**{md_text(node.get('name') or node['id'])}**")
    st.caption(" · ".join(md_text(v) for v in (node.get("kind"), node.get("country"), node.get("region")) if v))
    facts = [f"{len(neighbours)} linked in view ({len(own)} links)"]
    facts += [f"priority {md_text(node['priority'])}"] if node.get("priority") else []
    facts += [f"dated {md_text(node['date'])}"] if node.get("date") else []
    facts += [f"{len(node['sources'])} source(s)"] if node.get("sources") else []
    facts += ["tags: " + ", ".join(md_text(t) for t in node["tags"])] if node.get("tags") else []
    st.markdown("\n".join(f"- {fact}" for fact in facts))
    if node.get("description"):
        st.text(str(node["description"])[:600])


def _rearranged() -> None:
    """The drawing no longer looks as the link's arrangement says: the address stops claiming it."""
    st.query_params.pop(SHARED, None)


def _found(in_view: dict[str, dict]) -> list[dict]:
    """Entities matching the drawing's search text by name, alias or id (in view or not), best first."""
    text = st.session_state.get(SEARCHED) or ""
    return search(drv, text, limit=FOUND_OUTSIDE + len(in_view)) if text.strip() else []


def _add(entity_ids: list[str]) -> None:
    for entity_id in entity_ids:
        _toggle("add", entity_id, True)
    _select(entity_ids[-1:])
    st.rerun()


def _found_outside(found: list[dict], in_view: dict[str, dict]) -> None:
    """The search's matches outside the view, each with a button that adds it (next to what it links to)."""
    outside = [h for h in found if h["id"] not in in_view][:FOUND_OUTSIDE]
    text = st.session_state.get(SEARCHED)
    if not text:
        return
    if not outside:
        st.caption(md_text(f"Every match for “{text}” is in the view." if found else f"Nothing matches “{text}”."))
        return
    st.markdown(md_text(f"Not in this view, matching “{text}”:"))
    for hit in outside:
        name, add = st.columns([3, 1], vertical_alignment="center")
        name.markdown(md_text(f"{hit['name']} ({hit['kind']})"))
        if add.button("Add", key=f"add-{hit['id']}", help="Draw it in this view, next to what it links to"):
            _add([hit["id"]])
    if len(outside) > 1 and st.button(f"Add all {len(outside)}", key="add-all"):
        _add([h["id"] for h in outside])


def _side_panel(nodes: list[dict], links: list[dict], selected: list[str], c: dict, found: list[dict]) -> None:
    """Beside the drawing: the selected entity (or entities) and what to do with it; the list follows the click."""
    in_view = {n["id"]: n for n in nodes}
    names = {i: f"{n['name']} ({n['kind']})" for i, n in in_view.items()}
    st.session_state["in-view"] = selected[-1] if selected else None  # the list follows the drawing's selection
    st.selectbox(
        "Entity in this view",
        list(in_view),
        format_func=lambda i: names.get(i, i),
        key="in-view",
        on_change=_picked,
        placeholder="Click one in the drawing",
        help="Follows the drawing: click an entity to select it, shift-click to add one, Esc to clear.",
    )
    _found_outside(found, in_view)
    st.toggle(
        "Showcase",
        key=SHOWCASE,
        help="Fade everything but the selection and the entities linked to it",
        disabled=not selected,
    )
    if not selected:
        st.caption("Click an entity to see it here; double-click expands it, shift-click selects several.")
    elif len(selected) == 1:
        chosen = selected[0]
        _facts(in_view[chosen], links)
        top, bottom = st.columns(2), st.columns(2)
        if top[0].button(ACTIONS["profile"], key="open-profile"):
            _act("profile", chosen, c)
        if top[1].button(ACTIONS["expand"], key="expand", help="Add its neighbours to the view"):
            _act("expand", chosen, c)
        if bottom[0].button(ACTIONS["hide"], key="hide", disabled=chosen == c["focus"]):
            _act("hide", chosen, c)
        bottom[1].button(
            ACTIONS["focus"], key="focus-on", disabled=chosen == c["focus"], on_click=_focus, args=(chosen,)
        )
        _undo_growth(chosen)
    else:
        st.markdown(f"**{len(selected)} selected**")
        st.markdown("\n".join(f"- {md_text(names[i])}" for i in selected))
        top = st.columns(2)
        if top[0].button("Hide", key="hide", help="The focus stays"):
            for entity_id in selected:
                if entity_id != c["focus"]:
                    _toggle("hide", entity_id, True)
            _select([])
            st.rerun()
        if top[1].button("Expand", key="expand", help="Add their neighbours to the view"):
            for entity_id in selected:
                _toggle("expand", entity_id, True)
            st.rerun()
        if st.button("Show links among these", key="among", help="Highlight them and the links between them"):
            st.session_state[AMONG] = sorted(selected)
        if st.session_state.get(AMONG):
            on = c["as_of"].isoformat() if c["as_of"] else None
            among = links_among(graph_on(drv, on), st.session_state[AMONG], links)
            rows = [
                {
                    "From": in_view[x["source"]]["name"],
                    "Link": reading(x["type"]),
                    "To": in_view[x["target"]]["name"],
                    "In the drawing": "yes" if x["shown"] else "no: the link filters hide it",
                }
                for x in among
                if x["source"] in in_view and x["target"] in in_view
            ]
            _table(rows, "No links among them on this date.")
    what_if_panel(drv, c, selected, {i: n["name"] for i, n in in_view.items()})
    if selected and current_actor().can("log") and dialogs.opens(ACTIONS["log"], LOG, about=",".join(selected)):
        log_dialog(drv, LOG, [i for i in selected if in_view[i]["kind"] != "Engagement"])
    logged(drv, LOG)
    st.divider()
    if st.button("Re-layout", key="relayout", help="Lay the whole view out afresh (dragged positions are lost)"):
        ids = list(in_view)
        positions_state().update(pixel_positions(ids, [(x["source"], x["target"]) for x in links]))
        _rearranged()
        st.session_state[FIT] = st.session_state.get(FIT, 0) + 1


@st.fragment
def _drawing(nodes: list[dict], links: list[dict], c: dict, sizes: dict | None, path: list[str] | None) -> None:
    """The drawing and its side panel, run alone on a click, a drag or a button of the panel (a fragment)."""
    if st.session_state.pop(RERUN, False):  # a callback of the panel changed the view: run the whole page
        st.rerun()
    in_view = {n["id"]: n for n in nodes}
    _handle_events(in_view, c)
    found = _found(in_view)
    canvas, side = st.columns([3, 1])
    with side:  # first, so that what its buttons change is drawn in this same run
        _side_panel(nodes, links, [i for i in st.session_state.get(SELECTED, []) if i in in_view], c, found)
    selected = [i for i in st.session_state.get(SELECTED, []) if i in in_view]
    among = [i for i in st.session_state.get(AMONG) or [] if i in in_view]
    highlight = None
    if len(among) > 1:
        highlight = (among, [(x["source"], x["target"]) for x in links if {x["source"], x["target"]} <= set(among)])
    elif selected and st.session_state.get(SHOWCASE):
        highlight = showcase(selected, [(x["source"], x["target"]) for x in links])
    elif path:
        highlight = (path, list(pairwise(path)))
    xy = positions_state()
    with canvas:
        network_canvas(
            canvas_args(
                nodes,
                links,
                {i: xy[i] for i in in_view if i in xy},
                colour_by=c["colour"],
                size_by=sizes,
                edge_labels=c["labels"],
                highlight=highlight,
                selected=selected,
                height=HEIGHT,
                ack=st.session_state.get(ACK, 0),
                fit=st.session_state.get(FIT, 0),
                menu=_menu(c, in_view),
                found=[h["id"] for h in found if h["id"] in in_view],
            )
        )


def _hidden() -> None:
    hidden = _id_list("hide")
    if hidden:
        keep = st.multiselect("Hidden entities (remove to show again)", hidden, default=hidden, key="hidden")
        if set(keep) != set(hidden):
            st.query_params["hide"] = ",".join(keep) if keep else ""
            if not keep:
                st.query_params.pop("hide", None)
            st.rerun()


def _table(rows: list[dict], empty: str) -> None:
    if rows:
        st.dataframe(frame(rows), hide_index=True, width="stretch")
    else:
        st.caption(empty)


def _paths(c: dict, as_of: str | None, stamp: tuple) -> list[dict]:
    """The shortest paths between the entities the Paths tab has chosen (none until a "To" is chosen)."""
    start, end = st.session_state.get("path-from") or c["focus"], st.session_state.get("path-to")
    return _rows("paths", as_of, stamp, **{"from": start, "to": end}) if end and start else []


def _chosen_path(found: list[dict]) -> list[str] | None:
    """The ids along the path chosen to highlight on the drawing (the first one until another is chosen)."""
    chosen = st.session_state.get("path-show", 0)
    return found[chosen]["ids"] if found and isinstance(chosen, int) and 0 <= chosen < len(found) else None


def _paths_tab(c: dict, as_of: str | None, stamp: tuple) -> None:
    choices = _read("entity_choices", stamp, limit=5000)
    labels = {r["id"]: f"{r['name']} ({r['kind']})" for r in choices}
    ids = list(labels)
    left, right = st.columns(2)
    left.selectbox(
        "From",
        ids,
        index=ids.index(c["focus"]) if c["focus"] in ids else 0,
        format_func=lambda i: labels.get(i, i),
        key="path-from",
        on_change=_rerun_page,
    )
    end = right.selectbox(
        "To",
        ids,
        index=None,
        format_func=lambda i: labels.get(i, i),
        key="path-to",
        placeholder="Choose an entity",
        on_change=_rerun_page,
    )
    if end:
        found = _paths(c, as_of, stamp)
        st.caption(f"{len(found)} shortest path(s)" + (f" of {found[0]['hops']} links" if found else ""))
        if found:
            options = [*range(len(found)), -1]
            if st.session_state.get("path-show") not in options:
                st.session_state["path-show"] = 0
            st.radio(
                "Highlight on the drawing",
                options,
                format_func=lambda i: "none" if i < 0 else f"path {i + 1}",
                key="path-show",
                on_change=_rerun_page,
                horizontal=True,
                help="The path's entities are added to the drawing if they are not in it; the rest fades.",
            )
        for row in found:
            st.markdown(f"**{row['path']}.** " + " → ".join(md_text(name) for name in row["entities"]))
            st.dataframe(frame(row["links"]), hide_index=True, width="stretch")
    st.divider()
    home = st.text_input(
        "Home set (filter)", value=home_filter(), key="intro-home", help="Who 'we' are, e.g. kind:Agency country:AUS"
    )
    target = None if c["whole"] else c["focus"]
    try:
        if target:
            st.markdown(
                f"**Who can introduce us to {labels.get(target, target)}**: best paths first, preferring "
                "few, recent and high-confidence links."
            )
            intro = _rows("introductions", as_of, stamp, home=home, to=target)
            _table(
                [
                    {k: r[k] for k in ("rank", "score", "hops", "from", "introducer")}
                    | {"path": " → ".join(r["entities"])}
                    for r in intro
                ],
                "No path from the home set through partners.",
            )
        st.markdown("**Suggested partners**: entities our partners work with and we do not.")
        _table(_rows("suggestions", as_of, stamp, home=home, limit=20), "No suggestions for this home set.")
    except ParamError as exc:
        st.warning(str(exc))


def _layout(ids: list[str]) -> str:
    """The arrangement of `ids` now, as saved views and shared links keep it (JSON ``{id: [x, y]}``)."""
    return json.dumps({i: xy[i] for i in ids if i in (xy := positions_state())}, separators=(",", ":"))


def _share_link(ids: list[str]) -> None:
    """The view's address, and a button that makes it carry the arrangement too (a short key kept in the graph)."""
    actor = current_actor()
    if actor.can("export") and st.button(
        "Put the arrangement in the link",
        key="share-xy",
        help="Keeps where every entity is drawn under a short key, so the link opens with the same positions",
    ):
        at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        key = save_arrangement(drv, _layout(ids), at=at, actor=actor)
        st.session_state[OPENED_XY] = key  # in place already: opening it again would only clear the selection
        st.query_params[SHARED] = key
    shared = {SHARED: st.query_params[SHARED]} if SHARED in st.query_params else {}
    query = {k: v for k, v in st.query_params.to_dict().items() if k in STATE} | shared
    st.code(f"network?{urllib.parse.urlencode(query)}", language=None)
    st.caption(
        "With the arrangement: opens with every entity where it is now (drag one and the link drops it until you "
        "press again)."
        if shared
        else "Without the arrangement: entities are laid out afresh for whoever opens it."
    )


def _save_and_share(c: dict, ids: list[str]) -> None:
    state = urllib.parse.urlencode({k: v for k, v in st.query_params.to_dict().items() if k in STATE})
    st.markdown(
        "**Share**: this page's address holds the whole view, and the arrangement when you put it in; or save the "
        "view by name (`network?view=NAME` opens it with every entity where you left it)."
    )
    _share_link(ids)
    actor = current_actor()
    manage = actor.can("manage")  # saving and deleting views is an admin's; save_view and delete_view check it too
    name = st.text_input("Name", key="view-name", placeholder="e.g. pacific-policing-2022") if manage else ""
    if manage and st.button("Save view", key="save-view", disabled=not name.strip()):
        filters = ", ".join(
            f"{k}={v}" for k, v in st.query_params.to_dict().items() if k in STATE and k not in ("id", "as_of")
        )
        saved = _refusing(
            save_view,
            drv,
            name.strip(),
            state,
            focus=None if c["whole"] else c["focus"],
            as_of=c["as_of"].isoformat() if c["as_of"] else None,
            filters=filters,
            saved_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            layout=_layout(ids),
            actor=actor,
        )
        if saved:
            st.success(f"Saved. Open it with `network?view={urllib.parse.quote(name.strip())}`.")
    views = saved_views(drv)
    if views:
        names = [v["name"] for v in views]
        picked = st.selectbox("Saved views", names, key="saved-view")
        info = next(v for v in views if v["name"] == picked)
        st.caption(
            f"focus {info['focus'] or 'whole graph'} · as of {info['as_of'] or 'any date'} · "
            f"{info['filters'] or 'no filters'} · saved {info['saved_at']}"
        )
        open_it, drop = st.columns(2)
        if open_it.button("Open view", key="open-view"):
            open_view(info["state"], info.get("layout"))
        if (
            manage
            and drop.button("Delete view", key="delete-view")
            and _refusing(delete_view, drv, picked, actor=actor)
        ):
            st.rerun()


def _refusing(write, *args, **kwargs) -> bool:
    """Call a write function; a `Forbidden` is said on the page as text.  Whether it was done."""
    try:
        write(*args, **kwargs)
    except Forbidden as exc:
        refused(exc)
        return False
    return True


def _exports(nodes: list[dict], links: list[dict], shown_links: list[dict], xy: dict, c: dict, sizes) -> None:
    """Download buttons; each file is made only when its button is pressed, with the positions then (`xy` is the
    session's own dict, which a drag changes in place)."""
    ids = [n["id"] for n in nodes]

    def placed() -> dict:
        return {i: tuple(xy[i]) for i in ids if i in xy}

    keys = {link_key(x) for x in shown_links}

    def rows() -> tuple[list[dict], list[dict]]:
        entities, all_links = export_rows(drv, ids, as_of=c["as_of"], types=c["types"])
        return entities, [x for x in all_links if link_key(x) in keys]

    options = {"colour_by": c["colour"], "size_by": sizes}
    focus = next((n.get("name") for n in nodes if n["id"] == c["focus"]), None) if not c["whole"] else None
    stamp = export_stamp(f"Network around {focus}" if focus else "Network view", c["as_of"])

    def name(what: str, ext: str) -> str:
        return file_name(what, ext, c["as_of"])

    st.caption(
        "Everything in the drawing now (the as-of date, filters and hidden entities applied), marked "
        f"{md_text(stamp.marking)}. The XLSX and the CSV pair load back with `python -m loaders load`."
    )
    cols = st.columns(4)
    cols[0].download_button(
        "HTML (offline)",
        lambda: exports.to_html(nodes, links, placed(), stamp, **options),
        name("network", "html"),
        "text/html",
        key="export-html",
    )
    cols[1].download_button(
        "PNG",
        lambda: exports.to_png(nodes, shown_links, placed(), stamp=stamp, **options),
        name("network", "png"),
        "image/png",
        key="export-png",
    )
    cols[2].download_button(
        "Elements CSV",
        lambda: exports.csv_pair(*rows(), stamp)[0],
        name("elements", "csv"),
        "text/csv",
        key="export-elements",
    )
    cols[3].download_button(
        "Connections CSV",
        lambda: exports.csv_pair(*rows(), stamp)[1],
        name("connections", "csv"),
        "text/csv",
        key="export-connections",
    )
    cols = st.columns(4)
    cols[0].download_button(
        "XLSX (Kumu)",
        lambda: exports.to_xlsx(*rows(), stamp),
        name("network", "xlsx"),
        key="export-xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    cols[1].download_button(
        "GraphML",
        lambda: exports.to_graphml(*rows(), placed(), stamp),
        name("network", "graphml"),
        "application/graphml+xml",
        key="export-graphml",
    )
    community = {n["id"]: n.get("community") for n in nodes}

    def gexf() -> bytes:
        entities, chosen = rows()
        return exports.to_gexf(
            [e | {"community": community.get(e["id"])} for e in entities],
            chosen,
            placed(),
            colour_by=c["colour"],
            stamp=stamp,
        )

    cols[2].download_button("GEXF (Gephi)", gexf, name("network", "gexf"), "application/gexf+xml", key="export-gexf")


def _links_for_people(links: list[dict], nodes: list[dict], columns: list[str]) -> pd.DataFrame:
    """The Links tab's table: names for ids, the link's wording for its type, blank for nothing (the downloads
    keep ids and types, to load back)."""
    names = {n["id"]: n.get("name") or n["id"] for n in nodes}
    rows = [
        {"source": x["source"], "source_name": names.get(x["source"], x["source"]), "link": reading(x["type"])}
        | {"target": x["target"], "target_name": names.get(x["target"], x["target"])}
        | {c: x.get(c) for c in columns if c not in ("source", "type", "target")}
        for x in links
    ]
    return readable(rows) if rows else pd.DataFrame(columns=["Source", "Link", "Target"])


# The same links make the same table: kept, keyed on their content (the view's 9,000 links took 0.1-0.25 s a run).
@st.cache_data(show_spinner=False, max_entries=16, ttl=3600)
def _links_table(key: str, _links: list[dict], _nodes: list[dict], _columns: list[str]) -> pd.DataFrame:
    return _links_for_people(_links, _nodes, _columns)


TABS = ("Links", "Measures", "Communities", "Brokers", "Paths and introductions", "Save and share", "Export")


def _rerun_page() -> None:
    """A widget of a fragment changed what the drawing shows (a path): run the whole page, not the fragment alone."""
    st.session_state[RERUN] = True


@st.fragment
def _tabs(
    nodes: list[dict], links: list[dict], shown_links: list[dict], c: dict, iso: str | None, stamp: tuple, sizes
) -> None:
    """The tabs under the drawing, only the open one made (a fragment: choosing a tab runs the tabs alone)."""
    if st.session_state.pop(RERUN, False):
        st.rerun()
    tabs = st.tabs([*TABS, *(["Changes"] if c["compare"] else [])], key="net-tab", on_change="rerun")
    if tabs[0].open:
        with tabs[0]:
            columns = ["source", "type", "target", "since", "until", "confidence", "role", "kind", "sources", "notes"]
            # Above `widgets.EAGER_ROWS` links, as their files, the table is made when asked: a table costs the
            # browser 0.3 s of a large view's first drawing (page and drawing share one thread; 10,000 links).
            if len(shown_links) <= widgets.EAGER_ROWS or st.session_state.get(LINKS_SHOWN):
                table = _links_table(content_key(shown_links, nodes, columns), shown_links, nodes, columns)
                st.dataframe(table, hide_index=True, width="stretch")
            else:
                st.caption(
                    f"{len(shown_links):,} links: the table is made when asked, so that a large view draws sooner "
                    "(it stays shown for this session). The files below hold every link."
                )
                st.button(
                    f"Show the {len(shown_links):,} links as a table",
                    key="net-links-show",
                    on_click=st.session_state.__setitem__,
                    args=(LINKS_SHOWN, True),
                )
            sized_downloads(
                [{c: link.get(c) for c in columns} for link in shown_links], "network-links", key="net-links"
            )
    if tabs[1].open:
        with tabs[1]:
            in_view = {n["id"] for n in nodes}
            st.caption("Measured on the whole network on the as-of date; listed for the entities in this view.")
            others = {name: _rows(name, iso, stamp, top=0) for name in ("betweenness", "pagerank", "closeness")}
            _table(measure_table(in_view, _rows("degree", iso, stamp, top=0), others), "No entities.")
    if tabs[2].open:
        with tabs[2]:
            st.caption(
                "Louvain communities of the whole network (seeded, so they stay put); colour the drawing by "
                "them under Display."
            )
            _table(_rows("communities", iso, stamp), "No communities of two or more.")
    if tabs[3].open:
        with tabs[3]:
            st.caption(
                "Cut points and bridges: removing one splits the network. Connectors: entities linked into "
                "several other communities."
            )
            _table(_rows("brokers", iso, stamp, top=0), "No brokers.")
    if tabs[4].open:
        with tabs[4]:
            _paths_tab(c, iso, stamp)
    if tabs[5].open:
        with tabs[5]:
            _save_and_share(c, [n["id"] for n in nodes])
    if tabs[6].open:
        with tabs[6]:
            _exports(nodes, links, shown_links, positions_state(), c, sizes)
    if c["compare"] and tabs[7].open:
        with tabs[7]:
            _table(
                [
                    {k: x.get(k) for k in ("change", "source", "type", "target", "since", "until")}
                    for x in links
                    if x.get("change")
                ],
                "No link was gained or lost between the two dates.",
            )


@st.cache_data(show_spinner=False, max_entries=32, ttl=3600)
def _read(name: str, stamp: tuple, **params) -> list[dict]:
    """A read about the whole graph (its size, facets, the entities to choose from), once per graph version."""
    return read(drv, name, **params)


def body():
    st.session_state.pop(RERUN, None)  # the whole page runs now
    if chosen := st.session_state.pop(FOCUS_TO, None):  # Focus from the drawing's menu, before the list is drawn
        focus_on(chosen)
        _select([chosen])
    sample_banner(drv)
    stamp = graph_version(drv)  # new data (a load, a merge, an undo): new facets, choices and measures
    size = _read("graph_size", stamp)[0]
    if not size["entities"]:
        st.warning("The graph is empty: load files first (`python -m loaders load PATH`).")
        return
    wanted = st.query_params.get("view")
    if wanted and st.session_state.get("opened-view") != wanted:
        st.session_state["opened-view"] = wanted
        found = next((v for v in saved_views(drv) if v["name"] == wanted), None)
        if found:
            open_view(found["state"], found.get("layout"))
        st.warning(md_text(f"No saved view named {wanted!r}."))  # from the URL
    shared = st.query_params.get(SHARED)
    if shared and st.session_state.get(OPENED_XY) != shared:  # a shared link's arrangement, put in place once
        st.session_state[OPENED_XY] = shared
        layout = arrangement(drv, shared)
        if layout:
            restore_layout(layout)
        else:
            st.warning("This link's arrangement is not kept here: the view is laid out afresh.")
    facets = _read("view_facets", stamp)[0]
    facets["regions"], facets["tags"] = sorted(facets["regions"]), sorted(facets["tags"])
    controls, view = st.columns([1, 3])
    with controls:
        choices = _read("entity_choices", stamp, limit=5000)
        c = view_controls(drv, facets, size=size, choices=choices) | {"all_regions": facets["regions"]}
        _hidden()
    if st.session_state.get("net-focus") != c["focus"]:  # a new focus: fit its view in the drawing
        st.session_state["net-focus"] = c["focus"]
        st.session_state[FIT] = st.session_state.get(FIT, 0) + 1
    as_of, compare = c["as_of"], c["compare"]
    iso = as_of.isoformat() if as_of else None
    path = _chosen_path(_paths(c, iso, stamp))
    try:
        ids, side, origins = _ids(c, as_of, stamp)
        ids |= _ids(c, compare, stamp)[0] if compare else set()
        ids |= set(path or [])  # a highlighted path is drawn whole
        if side.chains:
            controls.caption(side.note(md_text))
        nodes, links = _view(c, ids, as_of, stamp)
        shown_links = links
        if compare:  # the same entities on both dates, so a link counts as gained or lost only when it changed
            other_nodes, other_links = _view(c, ids, compare, stamp)
            nodes, links = merge_dates(nodes, links, other_nodes, other_links, other_is_earlier=compare < as_of)
        links = with_links(links, side.links, {n["id"] for n in nodes})  # each unit's tie up, drawn whatever the types
    except ViewTooLarge as exc:
        view.warning(f"{exc}. Narrow it: fewer hops, fewer kinds or relationship types, or an as-of date.")
        return
    sizes = None
    measure = MEASURES[c["measure"]]
    if measure:
        sizes = {r["id"]: r[measure] for r in _rows(measure, iso, stamp, top=0)}
    if c["colour"] == "community":
        found_communities = _communities(iso, stamp)
        nodes = [n | {"community": found_communities.get(n["id"])} for n in nodes]
    drawn = [n["id"] for n in nodes]
    xy = positions_state()  # where each entity was left: kept across reruns, dates, filters and expands
    xy.update(arrange(drawn, [(x["source"], x["target"]) for x in links], xy, origins=origins))
    with view:
        changed = change_counts(links)
        st.caption(
            f"{len(nodes)} entities, {len(shown_links)} links"
            + (f" active on {as_of:%d %b %Y}" if as_of else "")
            + (f"; against {compare:%d %b %Y}: {changed['gained']} gained, {changed['lost']} lost" if compare else "")
            + ". Hover for sources; click an entity to see it beside the drawing, drag it to move it."
            + (
                f" Links are drawn without their wording in views of over {LABELLED_UP_TO:,} links (hover one for it)."
                if c["labels"] and not labels_drawn(True, len(links))
                else ""
            )
        )
        _drawing(nodes, links, c, sizes, path)
        _tabs(nodes, links, shown_links, c, iso, stamp, sizes)
    st.caption(f"Views over {network_queries.MAX_NODES:,} entities are refused; narrow them with the filters.")


run_or_outage(body)
