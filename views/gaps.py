"""Gaps: how the home set reaches the targets, and where engagement is missing, thin or stale."""

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from analyses.catalog import ParamError, read_context, read_history, run_on
from graph.gaps import STALE_DAYS
from graph.settings import home_filter
from queries import read, write
from render.tables import frame, to_csv, to_xlsx
from views.widgets import as_of_input, driver, run_or_outage, sample_banner

st.title("Gaps in engagement")
drv = driver()


def _url_param(key: str, default: str) -> str:
    return st.query_params.get(key, default)


def _set_picker(label: str, key: str, default: str, saved: dict[str, str]) -> str:
    """A saved set or a filter line; the choice is kept in the URL."""
    options = ["(filter)", *saved]
    current = _url_param(key, default)
    chosen_set = current[4:] if current.startswith("set:") and current[4:] in saved else "(filter)"
    picked = st.selectbox(f"{label}: saved set", options, index=options.index(chosen_set), key=f"{key}-saved")
    if picked != "(filter)":
        st.caption(f"`set:{picked}` = {saved[picked]}")
        value = f"set:{picked}"
    else:
        value = st.text_input(
            f"{label}: filter",
            value=current if not current.startswith("set:") else default,
            key=f"{key}-filter",
            help='e.g. kind:Agency country:AUS, member_of:"Pacific Islands '
            'Forum", -party_to:"Voluntary Principles", tag:pacific OR tag:asean',
        )
    st.query_params[key] = value
    return value


def _downloads(rows: list[dict], name: str) -> None:
    left, right = st.columns(2)
    left.download_button("CSV", to_csv(rows), f"{name}.csv", "text/csv", key=f"{name}-csv")
    right.download_button(
        "XLSX",
        to_xlsx(rows, name),
        f"{name}.xlsx",
        key=f"{name}-xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _table(title: str, rows: list[dict], name: str, empty: str) -> None:
    st.subheader(f"{title} ({len(rows)})")
    if not rows:
        st.caption(empty)
        return
    st.dataframe(frame(rows), hide_index=True, width="stretch")
    _downloads(rows, name)


def _save_set_form(home: str, targets: str, saved: dict[str, str]) -> None:
    with st.expander("Save or delete a set"):
        name = st.text_input("Name", key="save-name", placeholder="e.g. pacific-priority")
        which = st.radio("Save", ["targets", "home"], horizontal=True, key="save-which")
        if st.button("Save set", key="save-set", disabled=not name.strip()):
            text = targets if which == "targets" else home
            write(
                drv,
                "save_set",
                name=name.strip(),
                filter=text,
                description="",
                saved_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            )
            st.success(f"Saved {name.strip()!r} = {text}")
        if saved:
            doomed = st.selectbox("Saved set", list(saved), key="delete-name")
            if st.button("Delete set", key="delete-set"):
                write(drv, "delete_set", name=doomed)
                st.success(f"Deleted {doomed!r}")


def body():
    sample_banner(drv)
    saved = {row["name"]: row["filter"] for row in read(drv, "saved_sets")}
    left, right = st.columns(2)
    with left:
        home = _set_picker("Home", "home", home_filter(), saved)
    with right:
        targets = _set_picker("Targets", "targets", "priority:high", saved)
    with st.expander("Date, reach and staleness thresholds", expanded=False):
        as_of = as_of_input()
        hops = st.slider("Reach: most links to follow", 1, 4, int(_url_param("hops", "3")), key="gap-hops")
        st.query_params["hops"] = str(hops)
        columns = st.columns(3)
        thresholds = {
            level: columns[i].number_input(
                f"Stale after (days), {level} priority",
                1,
                3650,
                int(_url_param(f"{level}_days", str(days))),
                key=f"{level}-days",
            )
            for i, (level, days) in enumerate(STALE_DAYS.items())
        }
        for level, days in thresholds.items():
            st.query_params[f"{level}_days"] = str(days)
    _save_set_form(home, targets, saved)

    params = {"max_hops": str(hops), **{f"{k}_days": str(v) for k, v in thresholds.items()}, "all": "false"}
    ctx = read_context(drv, as_of=as_of, home=home, targets=targets, params=params)
    try:
        st.caption(
            f"{len(ctx.home)} home entities, {len(ctx.targets)} targets"
            + (f", as of {as_of:%d %b %Y}" if as_of else "")
        )
        results = {name: run_on(ctx, name) for name in ("reach", "single_threads", "stale", "coverage")}
    except ParamError as exc:
        st.error(str(exc))
        return
    if not ctx.home or not ctx.targets:
        st.warning("The home set or the target set is empty: widen the filter.")
        return
    unreached = [r for r in results["reach"] if r["status"] == "unreached"]
    single = results["single_threads"]
    stale = results["stale"]
    counts = st.columns(4)
    counts[0].metric("Targets", len(ctx.targets))
    counts[1].metric(f"Unreached within {hops} links", len(unreached))
    counts[2].metric("Single-threaded", len({r["target"] for r in single}))
    counts[3].metric("Stale or never engaged", len(stale))

    st.subheader("Coverage: home x targets")
    cells = pd.DataFrame(results["coverage"])
    if not cells.empty:
        cells["detail"] = cells["direct_links"].map(", ".join)
        chart = (
            alt.Chart(cells)
            .mark_rect(stroke="#dddddd")
            .encode(
                x=alt.X("target_name:N", title="target", sort=None),
                y=alt.Y("home_name:N", title="home", sort=None),
                color=alt.condition(
                    alt.datum.score == 0,
                    alt.value("#ffffff"),
                    alt.Color("score:Q", title="links + engagement + agreements", scale=alt.Scale(scheme="blues")),
                ),
                tooltip=["home_name", "target_name", "detail", "last_engagement", "score"],
            )
        )
        st.altair_chart(chart, width="stretch")
        empty_targets = sorted(set(cells["target_name"]) - set(cells.loc[cells["score"] > 0, "target_name"]))
        st.caption(
            "Targets with an empty column (no home entity links, engages or shares an agreement): "
            + (", ".join(empty_targets) or "none")
        )
        _downloads(results["coverage"], "coverage")

    reach_tab, stale_tab, followup_tab, overlap_tab, deconflict_tab, members_tab = st.tabs(
        ["Reach and threads", "Stale", "Agreement follow-up", "Overlap", "De-confliction", "Forum members"]
    )
    with reach_tab:
        _table("Unreached targets", unreached, "unreached", f"Every target is within {hops} links.")
        _table("Single-threaded targets", single, "single_threads", "No target hangs by a single thread.")
        _table("Reach of every target", results["reach"], "reach", "No targets.")
    with stale_tab:
        _table("Stale or never engaged", stale, "stale", "Every target was engaged within its threshold.")
    with followup_tab:
        window = st.number_input("Look ahead for ends (days)", 1, 3650, 90, key="followup-window")
        agreements = ctx.with_targets("kind:Agreement", {**params, "window_days": str(window)})
        _table(
            "Agreement follow-up",
            run_on(agreements, "followup"),
            "followup",
            "Every party was engaged since it joined, and nothing ends soon.",
        )
    with overlap_tab:
        st.caption("First set = home filter, second set = targets filter.")
        _table("Overlap of the two sets", run_on(ctx, "overlap"), "overlap", "Both sets are empty.")
    with deconflict_tab:
        window = st.number_input("Window (days)", 1, 3650, 180, key="deconflict-window")
        separately = ctx.with_targets(targets, {**params, "window_days": str(window), "min_home": "3"})
        _table(
            "Targets engaged separately by three or more home entities",
            run_on(separately, "deconfliction"),
            "deconfliction",
            "No target needs coordination.",
        )
    with members_tab:
        forums = {
            r["id"]: r["name"]
            for r in read(drv, "entity_choices", limit=5000)
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
            history = read_history(drv, ctx.with_targets(None, {"of": of}))
            _table(
                f"Members of {forums[of]}", run_on(history, "members"), "members", "Nobody is a member on this date."
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
