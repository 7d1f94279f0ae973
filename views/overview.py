"""Overview: what is in the graph, where it came from, and what needs fixing; merge likely duplicates and undo
merges and loads.

Who makes a change here is `views.auth.current_actor`: a role that cannot merge sees no Merge or "Not a duplicate"
button, and the write functions refuse it anyway.
"""

import json

import pandas as pd
import streamlit as st

from graph.dates import period_end
from graph.roles import Forbidden
from graph.settings import home_filter, today
from graph.vocabulary import kind_name, reading
from loaders.changes import Refused
from loaders.edit import Conflict, Invalid, follow_up_done
from loaders.merge import merge
from queries import read
from queries.connection import settings
from queries.duplicates import duplicate_candidates, not_duplicate_pairs, remember_not_duplicate
from queries.graphs import graph_version
from views.auth import current_actor
from views.cached import read_once
from views.changes import changes_section, loads_section, said, say, who
from views.glance import FOLLOW_UPS_COUNTED, counted, glance
from views.widgets import driver, md_text, run_or_outage, sample_banner

DUPLICATES_SHOWN = 20
FOLLOW_UPS_SHOWN = 20
MERGE_PENDING = "merge-pending"  # the likely-duplicate pair waiting for "Confirm merge"

st.title("Stakeholder Graph Explorer")
st.markdown("Who we work with, and where engagement with the partners that matter is missing, thin or stale.")
drv = driver()


def body():
    sample_banner(drv)
    size = read(drv, "graph_size")[0]
    if not size["entities"]:
        st.warning(
            "The graph is empty. Load files with `python -m loaders load PATH` (or `make sample` for the sample data)."
        )
        changes_section(drv)  # what emptied it, and how to take it back
        loads_section(drv)
        return
    follow_ups = read(drv, "follow_ups_open", limit=FOLLOW_UPS_COUNTED)  # once, for the tile and the list
    glance(drv, home_filter(), today().isoformat(), follow_ups)
    follow_ups_section(follow_ups)
    changes_section(drv)
    st.subheader("To do: data quality")
    quality_section()
    duplicates_section()
    counts_section(size)
    loads_section(drv)


def quality_section() -> None:
    """The data-quality checks that find something, each a line with a few examples in words."""
    checks = [c for c in read_once(drv, "quality_checks") if c["count"]]  # whole-graph scans: once per version
    if not checks:
        st.success("No data-quality warnings.")
        return
    for check in checks:
        examples = "; ".join(_example(e) for e in check["examples"])
        st.markdown(f"- **{check['count']:,}** {md_text(check['check'])}: " + md_text(examples))


def _example(example) -> str:
    """An example of a check: a name, or a link as [from, type, to] read in words."""
    if isinstance(example, list):
        source, rel_type, target = example
        return f"{source} {reading(rel_type)} {target}"
    return str(example)


def _sentence_case(words: str) -> str:
    return words[:1].upper() + words[1:]


def counts_section(size: dict) -> None:
    """What is in the graph: entities by kind and links by relationship, in words."""
    st.subheader(f"In the graph: {size['entities']:,} entities, {size['links']:,} links")
    kinds, types = st.columns(2)
    by_kind = [
        {"Kind": _sentence_case(kind_name(r["kind"], r["entities"])), "Entities": r["entities"]}
        for r in read_once(drv, "counts_by_kind")
    ]
    by_type = [
        {"Relationship": _sentence_case(reading(r["type"])), "Links": r["links"]}
        for r in read_once(drv, "counts_by_type")
    ]
    kinds.dataframe(pd.DataFrame(by_kind), hide_index=True, width="stretch")
    types.dataframe(pd.DataFrame(by_type), hide_index=True, width="stretch")


def follow_ups_section(rows: list[dict]) -> None:
    """Engagements whose follow-up is not marked done (`rows`), the earliest due first (overdue ones said so); the
    first `FOLLOW_UPS_SHOWN` are listed."""
    if not rows:
        return
    st.subheader(f"Follow-ups not done ({counted(rows)})")
    on = today()
    for row in rows[:FOLLOW_UPS_SHOWN]:
        overdue = period_end(row["due"]) < on
        line = f"{row['title']} ({row['date'] or 'no date'}) with {', '.join(row['with']) or 'nobody recorded'}"
        line += f": due {row['due']}" + (f", {row['owner']}" if row["owner"] else "")
        left, right = st.columns([6, 1])
        left.markdown(("**Overdue**: " if overdue else "") + md_text(line))
        if current_actor().can("log"):
            right.button("Mark done", key=f"follow-up-{row['id']}", on_click=_mark_done, args=(row["id"],))
    said("follow-up")


def _mark_done(engagement_id: str) -> None:
    """Mark a follow-up done today: an edit with who and when, undoable from the history."""
    found = read(drv, "entities_by_id", ids=[engagement_id])
    try:
        saved = follow_up_done(
            drv, engagement_id, today().isoformat(), found[0]["props"] if found else {}, current_actor()
        )
    except (Forbidden, Invalid, Conflict) as exc:
        say("follow-up", "error", str(exc))
    else:
        say("follow-up", "success", f"Done: {saved.title}.")


@st.cache_data(ttl=300, max_entries=4, show_spinner="Looking for likely duplicates…")
def _duplicate_candidates(_drv, version: tuple) -> list[dict]:
    """Likely duplicates, remembered pairs included, kept while the graph (its loads and size) is the same."""
    return duplicate_candidates(_drv)


def _version() -> tuple:
    return settings().uri, *graph_version(drv)


def _not_a_duplicate(row: dict) -> None:
    try:
        remember_not_duplicate(drv, row["a"], row["b"], actor=current_actor())
    except Forbidden as exc:
        say("duplicate", "error", str(exc))
        return
    st.session_state["not-duplicate-said"] = f"Remembered: {row['a_name']} and {row['b_name']} are not duplicates."


def _pair_key(row: dict) -> str:
    return json.dumps([row["a"], row["b"]])


def _ask_merge(row: dict) -> None:
    st.session_state[MERGE_PENDING] = {k: row[k] for k in ("a", "b", "a_name", "b_name")}


def _confirm_merge(keep: str, duplicate: str) -> None:
    st.session_state.pop(MERGE_PENDING, None)
    try:
        plan, change = merge(drv, keep, duplicate, actor=current_actor())
    except (Refused, Forbidden) as exc:
        say("duplicate", "error", str(exc))
        return
    say(
        "duplicate",
        "success",
        f"Merged {plan.duplicate['props'].get('name', '')} into {plan.keep['props'].get('name', '')} "
        f"(change {change.id[:8]}); undo with the Undo button in Recent changes.",
    )


def _merge_controls(row: dict) -> None:
    """Which of the pair to keep (the one with more links unless swapped), what the merge does, Confirm / Cancel."""
    key = _pair_key(row)
    found = {r["id"]: r for r in read(drv, "entity_degrees", ids=[row["a"], row["b"]])}
    if len(found) < 2:
        st.session_state.pop(MERGE_PENDING, None)
        st.error("One of the two is no longer in the graph.")
        return
    pair = sorted((row["a"], row["b"]), key=lambda i: -found[i]["links"])  # more links first; ties keep the order

    def named(entity_id: str) -> str:
        entity = found[entity_id]
        links = f"{entity['links']} link{'s' if entity['links'] != 1 else ''}"
        where = f", loaded from {entity['loaded_from']}" if entity["loaded_from"] else ""
        return md_text(f"{entity['name']} ({links}{where})")

    keep = st.radio("Keep", pair, format_func=named, key=f"merge-keep-{key}", horizontal=True)
    keep = keep if keep in found else pair[0]
    duplicate = next(i for i in pair if i != keep)
    kept, gone = found[keep]["name"], found[duplicate]["name"]
    st.warning(
        md_text(
            f"Merge {gone} into {kept}: every link of {gone} moves to {kept}, its names become aliases, its "
            f"values fill only what {kept} lacks (a different value is kept as a conflict), and {gone} is deleted. "
            "The merge can be undone."
        )
    )
    yes, no, _ = st.columns([1, 1, 4])
    yes.button(
        "Confirm merge", key=f"merge-confirm-{key}", type="primary", on_click=_confirm_merge, args=(keep, duplicate)
    )
    no.button("Cancel", key=f"merge-cancel-{key}", on_click=st.session_state.pop, args=(MERGE_PENDING, None))


def duplicates_section() -> None:
    """Pairs that may be one organisation, with the reasons; "Not a duplicate" remembers a pair and drops it, "Merge"
    merges it after a confirmation."""
    st.subheader("Likely duplicates")
    remembered_now = st.session_state.pop("not-duplicate-said", None)
    if remembered_now:
        st.success(md_text(remembered_now))
    said("duplicate")
    remembered = not_duplicate_pairs(drv)
    rows = [r for r in _duplicate_candidates(drv, _version()) if frozenset((r["a"], r["b"])) not in remembered]
    if not rows:
        st.success("No likely duplicates.")
        return
    shown = rows[:DUPLICATES_SHOWN]
    st.caption(
        f"{len(rows)} pair{'s' if len(rows) != 1 else ''} that may be one organisation"
        + (f"; the strongest {len(shown)} shown" if len(shown) < len(rows) else "")
        + ". Nothing is merged unless you say so: merge a pair, say which are not duplicates, or list them all "
        "with `python -m loaders duplicates`."
    )
    pending = st.session_state.get(MERGE_PENDING)
    may_merge = current_actor().can("merge")
    for row in shown:
        left, merging, right = st.columns([6, 1.2, 1.8], vertical_alignment="center")
        left.markdown(
            f"**{md_text(row['a_name'])}** and **{md_text(row['b_name'])}** ({md_text(row['kind'])}): "
            + md_text("; ".join(row["reasons"]))
        )
        if not may_merge:
            continue
        merging.button(
            "Merge",
            key=f"merge-{_pair_key(row)}",
            on_click=_ask_merge,
            args=(row,),
            help="Merge the two into one entity: choose which to keep, then confirm.",
        )
        right.button(
            "Not a duplicate",
            key=f"not-duplicate-{_pair_key(row)}",
            on_click=_not_a_duplicate,
            args=(row,),
            help="Remember that these are two organisations, so the pair is not listed again.",
        )
        if pending and (pending["a"], pending["b"]) == (row["a"], row["b"]):
            with st.container(border=True):
                who()
                _merge_controls(row)


run_or_outage(body)
