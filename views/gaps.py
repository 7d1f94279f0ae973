"""Gaps: how the home set reaches the targets, and where engagement is missing, thin or stale."""

import datetime as dt

import streamlit as st

from analyses.catalog import Context, ParamError
from analyses.questions import AGREEMENTS, MAX_HOPS, PRIORITY_TARGETS, QUESTIONS, Question, gap_params
from graph import risk
from graph.filters import nothing_matches
from graph.gaps import STALE_DAYS
from graph.roles import Forbidden
from graph.settings import home_filter
from graph.standing import counts, gap_tables, sentence
from queries import read
from queries.sets import delete_set, save_set
from views.auth import current_actor, refused
from views.cached import answer, gap_results, page_context, read_once, shared_answer
from views.charts import SCORE_MEANS, coverage_heatmap, mapped
from views.widgets import (
    FILTER_HELP,
    as_of_input,
    driver,
    initial,
    md_text,
    question_picker,
    rollup_toggle,
    run_or_outage,
    sample_banner,
    set_picker,
    sized_downloads,
    table,
    url_int,
)

NO_SINGLE = "No target hangs by a single thread."

st.title("Gaps in engagement")
drv = driver()


def _url_param(key: str, default: str) -> str:
    return st.query_params.get(key, default)


def _apply_question() -> None:
    """Put the chosen preset's filter and parameters into the boxes, where they stay editable."""
    question = QUESTIONS.get(st.session_state["question"])
    st.query_params["q"] = st.session_state["question"]
    if question is None:
        return
    st.session_state["targets-saved"] = "(filter)"
    st.session_state["targets-filter"] = question.targets
    for level, days in STALE_DAYS.items():
        st.session_state[f"{level}-days"] = int(question.params.get(f"{level}_days", days))
    if "peers" in question.params:
        st.session_state["peers-filter"] = question.params["peers"]


def _preset(question: Question) -> dict:
    """What a link with only ``?q=`` starts the boxes from: the preset's targets and its thresholds."""
    days = {level.replace("_", "-"): int(n) for level, n in question.params.items() if level.endswith("_days")}
    return {"targets-filter": question.targets, **days}


def _question_picker() -> Question | None:
    return question_picker(QUESTIONS, "question", _apply_question, _preset)


def _save_set_form(home: str, targets: str, saved: dict[str, str]) -> None:
    """Save or delete a named set: shown to a role that may manage sets (and `save_set`, `delete_set` check it)."""
    actor = current_actor()
    if not actor.can("manage"):
        return
    with st.expander("Save or delete a set"):
        name = st.text_input("Name", key="save-name", placeholder="e.g. pacific-priority")
        which = st.radio("Save", ["targets", "home"], horizontal=True, key="save-which")
        try:
            if st.button("Save set", key="save-set", disabled=not name.strip()):
                text = targets if which == "targets" else home
                save_set(drv, name.strip(), text, actor=actor)
                st.success(md_text(f"Saved {name.strip()!r} = {text}"))
            if saved:
                doomed = st.selectbox("Saved set", list(saved), key="delete-name")
                if st.button("Delete set", key="delete-set"):
                    delete_set(drv, doomed, actor=actor)
                    st.success(md_text(f"Deleted {doomed!r}"))
        except Forbidden as exc:
            refused(exc)


def _risk_toggle() -> bool:
    """Whether the tables list the targets with the heaviest recorded risks first, kept in the URL as ``risk=on``."""
    initial("gaps-risk", st.query_params.get("risk") == "on")
    on = st.toggle(
        "Weight by risk",
        key="gaps-risk",
        help="On: the unreached, single-threaded and stale tables list first the targets with the heaviest risks "
        "recorded about them (and, rolled up, about their agencies and units): high counts 3, medium 2, low 1. "
        "Risks come from findings sheets or are recorded on a profile.",
    )
    if on:
        st.query_params["risk"] = "on"
    else:
        st.query_params.pop("risk", None)
    return on


def _thresholds() -> tuple[dt.date | None, int, dict[str, int]]:
    with st.expander("Date, reach and staleness thresholds", expanded=False):
        as_of = as_of_input()
        initial("gap-hops", url_int("hops", MAX_HOPS, 1, 4))
        hops = st.slider("Reach: most links to follow", 1, 4, key="gap-hops")
        st.query_params["hops"] = str(hops)
        columns = st.columns(3)
        thresholds = {}
        for i, (level, days) in enumerate(STALE_DAYS.items()):
            initial(f"{level}-days", url_int(f"{level}_days", days, 1, 3650))
            thresholds[level] = int(
                columns[i].number_input(f"Stale after (days), {level} priority", 1, 3650, key=f"{level}-days")
            )
            st.query_params[f"{level}_days"] = str(thresholds[level])
    return as_of, hops, thresholds


def _answer(question: Question | None, rows: dict[str, list[dict]], ctx: Context, hops: int) -> None:
    """The preset's answer first (or where every target stands), under one sentence from the tiles' counts."""
    if question is None or question.answer == "standing":
        title = question.title if question else "Where each target stands"
        table(title, rows["standing"], "standing", "No target to look at.")
    elif question.answer == "peer_forums":
        initial("peers-filter", _url_param("peers", question.params["peers"]))
        peers = st.text_input("Peers: filter", key="peers-filter", help=FILTER_HELP)
        st.query_params["peers"] = peers
        try:
            found = answer(drv, ctx.with_targets(ctx.targets_filter, {**ctx.params, "peers": peers}), "peer_forums")
        except ParamError as exc:
            st.error(str(exc))
            return
        chosen = ctx.select(peers, "peers") if peers.strip() else set()
        st.caption(f"Looked at {len(ctx.targets)} forums and organisations, with {len(chosen)} peers.")
        table(question.title, found, "peer_forums", "In every forum where a peer sits, a home entity sits too.")
    else:
        empty = {"stale": "Every target was engaged within its threshold.", "single_threads": NO_SINGLE}
        table(question.title, rows[question.answer], question.answer, empty[question.answer], "answer")


def _coverage(rows: list[dict]) -> None:
    st.subheader("Coverage: home x targets")
    if not rows:
        st.caption("No home entity and target to compare.")
        return
    shown, drawn, homes = mapped(rows)
    st.altair_chart(coverage_heatmap(shown), width="stretch")
    if drawn < homes:
        st.caption(
            f"The map draws the {drawn} home entities with the most coverage, of {homes}, against every target "
            "(more would not be read); the files below hold every pair."
        )
    engaged = {r["target_name"] for r in rows if r["score"] > 0}
    empty_targets = sorted({r["target_name"] for r in rows} - engaged)
    st.caption(
        f"{SCORE_MEANS}. Targets with an empty column (no home entity links, engages or shares an agreement): "
        + (", ".join(empty_targets) or "none")
    )
    sized_downloads(rows, "coverage")  # 6,720 cells of 2,000 entities: an XLSX of them took 1.5 s of every run


def body():
    sample_banner(drv)
    saved = {row["name"]: row["filter"] for row in read(drv, "saved_sets")}
    question = _question_picker()
    left, right = st.columns(2)
    with left:
        home = set_picker("Home", "home", home_filter(), saved)
    with right:
        targets = set_picker("Targets", "targets", PRIORITY_TARGETS, saved)
    as_of, hops, thresholds = _thresholds()
    rolled = rollup_toggle()
    weighed = _risk_toggle()
    _save_set_form(home, targets, saved)

    params = gap_params(hops, thresholds, rolled)
    ctx = page_context(drv, as_of=as_of, home=home, targets=targets, params=params, history=True)
    try:
        results = gap_results(drv, ctx)
        covered = shared_answer(drv, ctx, "coverage")
    except ParamError as exc:
        st.error(str(exc))
        return
    for role, chosen, text in (("home", ctx.home, home), ("targets", ctx.targets, targets)):
        if not chosen:
            st.warning(nothing_matches(text, ctx.graph, role))
    if not ctx.home or not ctx.targets:
        return
    rows = gap_tables(results)
    tally = counts(rows["standing"])
    tiles = st.columns(4)
    tiles[0].metric("Targets looked at", tally["looked_at"])
    tiles[1].metric(f"Unreached within {hops} link{'s' if hops > 1 else ''}", tally["unreached"])
    tiles[2].metric("Single-threaded", tally["single_threaded"])
    tiles[3].metric("Stale or never engaged", tally["stale"] + tally["never_engaged"])
    in_home = len(ctx.targets & ctx.home)
    st.markdown(
        md_text(sentence(tally, hops))
        + (f" {in_home} of the targets are home entities and are not counted." if in_home else "")
        + (f" As of {as_of:%d %b %Y}." if as_of else "")
        + ("" if rolled else " Roll-up is off: every entity stands for itself.")
    )
    # the targets the tiles count: a home entity among the targets is not a target of its own home set
    weights = [w for w in answer(drv, ctx, "risks") if w["target"] not in ctx.home] if weighed else []
    if weighed:
        st.markdown(md_text(risk.said(weights, tally["looked_at"])))
        for name in ("unreached", "single_threads", "stale"):
            rows[name] = risk.by_risk(rows[name], weights)
    _answer(question, rows, ctx, hops)
    _coverage(covered)

    tab_names = ["Reach and threads", "Stale", "Agreement follow-up", "Overlap", "De-confliction", "Forum members"]
    opened = st.query_params.get("tab")  # a link from the Overview opens the tab it counts
    reach_tab, stale_tab, followup_tab, overlap_tab, deconflict_tab, members_tab = st.tabs(
        tab_names, default=opened if opened in tab_names else None
    )
    with reach_tab:
        table("Unreached targets", rows["unreached"], "unreached", f"Every target is within {hops} links.")
        table("Single-threaded targets", rows["single_threads"], "single_threads", NO_SINGLE)
        table("Reach of every target", results["reach"], "reach", "No targets.")
        if weighed:
            table("Risks recorded about the targets", weights, "risks", "No risk is recorded about the targets.")
    with stale_tab:
        table("Stale or never engaged", rows["stale"], "stale", "Every target was engaged within its threshold.")
    with followup_tab:
        window = st.number_input(
            "Look ahead for ends (days)", 1, 3650, int(AGREEMENTS.params["window_days"]), key="followup-window"
        )
        agreements = ctx.with_targets(AGREEMENTS.targets, {**params, "window_days": str(window)})
        parties = answer(drv, agreements, "followup")
        needing = len({r["agreement"] for r in parties})
        st.caption(
            f"Looked at the parties of {len(agreements.targets)} agreements: {needing} "
            f"{'needs' if needing == 1 else 'need'} follow-up."
        )
        table(
            "Parties to follow up",
            parties,
            "followup",
            "Every party was engaged since it joined, and nothing ends soon.",
        )
    with overlap_tab:
        st.caption("First set = home filter, second set = targets filter.")
        table("Overlap of the two sets", answer(drv, ctx, "overlap"), "overlap", "Both sets are empty.")
    with deconflict_tab:
        window = st.number_input("Window (days)", 1, 3650, 180, key="deconflict-window")
        separately = ctx.with_targets(targets, {**params, "window_days": str(window), "min_home": "3"})
        st.caption(f"Looked at {tally['looked_at']} targets and {len(ctx.home)} home entities.")
        table(
            "Targets engaged separately by three or more home entities",
            answer(drv, separately, "deconfliction"),
            "deconfliction",
            "No target needs coordination.",
        )
    with members_tab:
        forums = {
            r["id"]: r["name"]
            for r in read_once(drv, "entity_choices", limit=5000)
            if r["kind"] in ("Forum", "Agreement", "InternationalOrganisation")
        }
        if forums:
            of = st.selectbox(
                "Forum, agreement or organisation",
                list(forums),
                format_func=lambda i: forums.get(i, i),
                key="members-of",
            )
            assert of is not None  # the options are not empty and the first is chosen by default
            history = ctx.with_targets(None, {"of": of})
            table(
                f"Members of {forums[of]}",
                answer(drv, history, "members"),
                "members",
                "Nobody is a member on this date.",
            )

    st.subheader("Open an entity")
    names = {r["target"]: r["target_name"] for r in results["reach"]}
    pick, profile, network = st.columns([3, 1, 1])
    chosen = pick.selectbox("Target", list(names), format_func=lambda i: names.get(i, i), key="gap-open")
    target = {"id": chosen} if chosen is not None else {}  # no targets: open the page without one
    if profile.button("Profile", key="gap-profile"):
        st.switch_page("views/profile.py", query_params=target)
    if network.button("Network", key="gap-network"):
        st.switch_page("views/network.py", query_params={**target, "hops": "2"})


run_or_outage(body)
