"""Overview: what is in the graph, where it came from, and what needs fixing; merge likely duplicates and undo
merges and loads.

Who makes a change here: there is no sign-in yet, so it is recorded as ``SGE_USER``, else the operating-system user
that runs the app (`graph.settings.user`).
"""

import json

import pandas as pd
import streamlit as st

from graph.settings import user
from loaders.changes import Refused, history, words
from loaders.merge import merge
from loaders.undo import undo
from queries import read
from queries.connection import settings
from queries.duplicates import duplicate_candidates, not_duplicate_pairs, remember_not_duplicate
from queries.graphs import graph_version
from views.widgets import driver, md_text, run_or_outage, sample_banner

DUPLICATES_SHOWN = 20
CHANGES_SHOWN = 10
LOADS_SHOWN = 10
SAID = "overview-said"  # {section: (kind, text)}: what the last merge or undo did, shown once where it was asked
UNDO_PENDING = "undo-pending"  # {id, question} of the undo waiting for "Confirm"
MERGE_PENDING = "merge-pending"  # the likely-duplicate pair waiting for "Confirm merge"

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
        changes_section()  # what emptied it, and how to take it back
        loads_section()
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
    changes_section()
    loads_section()


def _who() -> None:
    st.caption(
        f"Changes made here are recorded under the name {md_text(user())}: there is no sign-in yet, so the app "
        "uses `SGE_USER`, else the operating-system user that runs it."
    )


def _say(section: str, kind: str, text: str) -> None:
    st.session_state.setdefault(SAID, {})[section] = (kind, text)


def _said(section: str) -> None:
    """What the last merge or undo asked in `section` did (or why it was refused), shown once, as text."""
    kind, text = st.session_state.get(SAID, {}).pop(section, (None, ""))
    if kind:
        getattr(st, kind)(md_text(text))


def _ask_undo(change_id: str, section: str) -> None:
    """The Undo button: check that the change can be undone (writing nothing), then ask to confirm, or say why not."""
    st.session_state.pop(UNDO_PENDING, None)
    try:
        done, planned = undo(drv, change_id, dry_run=True)
    except Refused as exc:
        _say(section, "error", str(exc))
        return
    counts = planned.counts
    if done["kind"] == "load":
        removes = counts["entities removed"] + counts["links removed"]
        restores = counts["entities restored"] + counts["links restored"]
        files = ", ".join(done["files"] or [])
        question = f"Undo load of {files} ({done['at']}): removes {removes} created, restores {restores} updated."
    else:
        question = f"Undo {done['title']} ({done['at']}): {words(counts)}."
    st.session_state[UNDO_PENDING] = {"id": change_id, "question": question}


def _confirm_undo(change_id: str, section: str) -> None:
    st.session_state.pop(UNDO_PENDING, None)
    try:
        done, change = undo(drv, change_id, by=user())
    except Refused as exc:
        _say(section, "error", str(exc))
        return
    _say(section, "success", f"Undone: {done['title']} ({words(change.counts)}).")


def _undo_controls(change_id: str, section: str, button=st) -> None:
    """An Undo button (in `button`, a column), or, once pressed, the question with Confirm and Cancel."""
    pending = st.session_state.get(UNDO_PENDING)
    key = f"{section}-{change_id}"
    if not pending or pending["id"] != change_id:
        button.button(
            "Undo", key=f"undo-{key}", on_click=_ask_undo, args=(change_id, section), help="Check, then confirm."
        )
        return
    st.warning(md_text(pending["question"]))
    yes, no, _ = st.columns([1, 1, 4])
    yes.button("Confirm", key=f"undo-confirm-{key}", type="primary", on_click=_confirm_undo, args=(change_id, section))
    no.button("Cancel", key=f"undo-cancel-{key}", on_click=st.session_state.pop, args=(UNDO_PENDING, None))


def changes_section() -> None:
    """Merges and undos, newest first; a merge that still stands can be undone."""
    rows = history(drv, limit=CHANGES_SHOWN, kinds=["merge", "undo"])
    if not rows:
        return
    st.subheader("Recent changes")
    _who()
    _said("change")
    for row in rows:
        left, right = st.columns([5, 1], vertical_alignment="center")
        line = f"{row['at']} by {row['by']}: {row['title']} ({row['counts']})"
        left.markdown(md_text(line) + (" *(undone)*" if row["undone_by"] else ""))
        if row["kind"] == "merge" and not row["undone_by"]:
            _undo_controls(row["id"], "change", button=right)


def loads_section() -> None:
    """The latest loads: files, who, counts and problems; a load that still stands can be undone."""
    st.subheader("Recent loads")
    _said("load")
    loads = read(drv, "recent_loads", limit=LOADS_SHOWN)
    if not loads:
        st.caption("No loads recorded.")
        return
    pending = (st.session_state.get(UNDO_PENDING) or {}).get("id")
    for load in loads:
        summary = json.loads(load["summary"] or "{}")
        changed = sum(
            c.get("created", 0) + c.get("updated", 0)
            for group in ("entities", "links")
            for c in summary.get(group, {}).values()
        )
        title = f"{load['at']} by {load['by']}: {changed} created or updated, {summary.get('warnings', 0)} warnings"
        if load["undone_by"]:
            title += " (undone)"
        with st.expander(md_text(title), expanded=pending == load["id"]):
            st.markdown("Files: " + md_text(", ".join(load["files"] or [])))
            if load["problems"]:
                st.dataframe(pd.DataFrame({"problem": load["problems"]}), hide_index=True, width="stretch")
            if not load["undone_by"]:
                _undo_controls(load["id"], "load")


@st.cache_data(ttl=300, max_entries=4, show_spinner="Looking for likely duplicates…")
def _duplicate_candidates(_drv, version: tuple) -> list[dict]:
    """Likely duplicates, remembered pairs included, kept while the graph (its loads and size) is the same."""
    return duplicate_candidates(_drv)


def _version() -> tuple:
    return settings().uri, *graph_version(drv)


def _not_a_duplicate(row: dict) -> None:
    remember_not_duplicate(drv, row["a"], row["b"])
    st.session_state["not-duplicate-said"] = f"Remembered: {row['a_name']} and {row['b_name']} are not duplicates."


def _pair_key(row: dict) -> str:
    return json.dumps([row["a"], row["b"]])


def _ask_merge(row: dict) -> None:
    st.session_state[MERGE_PENDING] = {k: row[k] for k in ("a", "b", "a_name", "b_name")}


def _confirm_merge(keep: str, duplicate: str) -> None:
    st.session_state.pop(MERGE_PENDING, None)
    try:
        plan, change = merge(drv, keep, duplicate, by=user())
    except Refused as exc:
        _say("duplicate", "error", str(exc))
        return
    _say(
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
    said = st.session_state.pop("not-duplicate-said", None)
    if said:
        st.success(md_text(said))
    _said("duplicate")
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
    for row in shown:
        left, merging, right = st.columns([6, 1.2, 1.8], vertical_alignment="center")
        left.markdown(
            f"**{md_text(row['a_name'])}** and **{md_text(row['b_name'])}** ({md_text(row['kind'])}): "
            + md_text("; ".join(row["reasons"]))
        )
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
                _who()
                _merge_controls(row)


run_or_outage(body)
