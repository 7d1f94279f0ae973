"""Strategy: where to invest next, what if something changed, whose loss would hurt, who brokers between groups,
where to put effort (the priority grid), who works on which line of effort with each target."""

import datetime as dt
import time

import streamlit as st

from analyses.catalog import Context, ParamError
from analyses.questions import STRATEGY, Question
from analyses.strategy import changed
from graph.brokerage import GROUPINGS, ROLES
from graph.dates import local_date
from graph.effort import matrix, said, theme_key, theme_names
from graph.filters import nothing_matches
from graph.investments import GUARANTEE
from graph.priority_grid import MEASURES
from graph.settings import home_filter
from graph.whatif import described
from queries import read
from views import charts
from views.cached import answer, page_context
from views.widgets import (
    as_of_input,
    driver,
    initial,
    md_text,
    question_picker,
    rollup_toggle,
    run_or_outage,
    sample_banner,
    set_picker,
    table,
    url_date,
    url_int,
)

ASK = {
    "investments": "Where to invest next",
    "whatif": "What if",
    "key_players": "Key players",
    "brokerage": "Brokers between groups",
    "priority_grid": "Priority grid",
    "lines_of_effort": "Lines of effort",
}
DEFAULT_HOPS = 2  # a partner of a partner: what "within reach" means for an investment
NUMBERS = {"k", "top"}  # preset parameters that fill number boxes
CLEARED = {"investments": ("partners", "exclude"), "whatif": ("without", "add", "remove")}  # a preset starts afresh
ROLE_MEANS = (
    "In a two-step flow A → B → C with no direct A → C link, B is a **coordinator** when all three are in one "
    "group, a **gatekeeper** when only A is outside B's group, a **representative** when only C is, a "
    "**consultant** when A and C share a group that is not B's, and a **liaison** when all three differ "
    "(Gould and Fernandez). **Effective size**: how many of its contacts are not linked to one another; "
    "**constraint**: how much its links lead back to the same few others (low for a broker; Burt)."
)

st.title("Strategy")
drv = driver()


def _preset(question: Question) -> dict[str, object]:
    """Widget state that a preset sets: its targets, which analysis answers, reach and its parameters."""
    state: dict[str, object] = {
        "targets-filter": question.targets,
        "strategy-ask": question.answer,
        "strategy-hops": int(question.params.get("max_hops", DEFAULT_HOPS)),
    }
    state.update({f"{question.answer}-{param}": "" for param in CLEARED.get(question.answer, ())})
    for param, value in question.params.items():
        if param != "max_hops":
            state[f"{question.answer}-{param}"] = int(value) if param in NUMBERS else value
    return state


def _apply_question() -> None:
    """Put the chosen preset into the boxes, where it stays editable."""
    key = st.session_state["strategy-question"]
    st.query_params["q"] = key
    question = STRATEGY.get(key)
    if question is None:
        return
    st.session_state["targets-saved"] = "(filter)"
    st.session_state.update(_preset(question))


def _text(label: str, key: str, url: str, help_text: str, placeholder: str = "") -> str:
    """A text box that starts from the URL and keeps its value there (blank: removed)."""
    initial(key, st.query_params.get(url, ""))
    value = st.text_input(label, key=key, help=help_text, placeholder=placeholder)
    if value.strip():
        st.query_params[url] = value
    else:
        st.query_params.pop(url, None)
    return value


def _run(ctx: Context, name: str, params: dict[str, str]) -> tuple[list[dict], float]:
    """Rows of analysis `name` with more parameters, and the seconds it took."""
    start = time.perf_counter()
    rows = answer(drv, ctx.with_targets(ctx.targets_filter, {**ctx.params, **params}), name)
    return rows, time.perf_counter() - start


def _links(count: int) -> str:
    return f"{count} link{'s' if count != 1 else ''}"


def _investments(ctx: Context, hops: int) -> None:
    left, middle, right = st.columns([1, 2, 2])
    initial("investments-k", 3)
    k = int(left.number_input("Links to propose", 1, 10, key="investments-k"))
    with middle:
        partners = _text(
            "Only partners that match", "investments-partners", "partners", "a filter line, e.g. -kind:Forum"
        )
    with right:
        exclude = _text(
            "Never propose", "investments-exclude", "exclude", "names or ids, separated by ;", "e.g. Interpol; UNICEF"
        )
    reach, _ = _run(ctx, "reach", {})
    gaps = [r for r in reach if r["status"] == "unreached" and not r["in_home"]]
    rows, took = _run(ctx, "investments", {"k": str(k), "partners": partners, "exclude": exclude})
    looked_at = sum(not r["in_home"] for r in reach)
    if not gaps:
        st.success(f"Every one of the {looked_at} targets is within {_links(hops)} already: no new link is needed.")
        return
    reached, still = (rows[-1]["total"], rows[-1]["left"]) if rows else (0, [])
    st.markdown(
        md_text(
            f"{len(gaps)} of {looked_at} targets are not reached within {_links(hops)}. "
            + (
                f"{_links(len(rows)).capitalize()} would bring {reached} of them within reach"
                + (f"; still unreached: {', '.join(still)}." if still else ".")
                if rows
                else "No new link from a home entity brings any of them within reach (see the partner filters)."
            )
        )
    )
    if rows and len(rows) < k:
        st.caption(f"Fewer than {k} links: no further link reaches a target still unreached.")
    for r in rows:
        st.markdown(
            f"{r['rank']}\\. **{md_text(r['home_name'])} {md_text(r['relationship'])} {md_text(r['partner_name'])}**"
            f" — {md_text(r['reason'])}. Running total: {r['total']}."
        )
    st.caption(f"The links are {GUARANTEE}. Answered in {took:.2f} s.")
    if rows:
        st.button("What if we made these links?", key="try-investments", on_click=_try, args=(rows,))
    table("Proposed links", rows, "investments", "No link would help.")


def _try(rows: list[dict]) -> None:
    """Open the proposed links in What if (nothing is saved)."""
    st.session_state["whatif-add"] = "; ".join(f"{r['home']} -> {r['partner']}" for r in rows)
    st.session_state["whatif-without"] = st.session_state["whatif-remove"] = ""
    st.session_state["strategy-ask"] = "whatif"


def _whatif(ctx: Context, hops: int) -> None:
    left, middle, right = st.columns(3)
    with left:
        without = _text("Without (an entity leaves)", "whatif-without", "without", "names or ids, separated by ;")
    with middle:
        add = _text("Add links", "whatif-add", "add", "A -> B, or A -[member of]-> B; several separated by ;")
    with right:
        remove = _text("Remove links", "whatif-remove", "remove", "A -> B (every link between them); ;-separated")
    if not (without.strip() or add.strip() or remove.strip()):
        st.caption("Name an entity that leaves, or links to add or remove: the gap figures before and after show here.")
        return
    params = {"without": without, "add": add, "remove": remove}
    try:
        change, _ = changed(ctx.with_targets(ctx.targets_filter, {**ctx.params, **params}))
        figures, took = _run(ctx, "whatif", params)
        moved, _ = _run(ctx, "whatif", {**params, "show": "targets"})
    except ParamError as exc:
        st.error(str(exc))
        return
    st.markdown(md_text(f"What if: {'; '.join(described(change, ctx.graph))}. Nothing is saved."))
    by_key = {r["key"]: r for r in figures}
    tiles = st.columns(3)
    for tile, key in zip(tiles, ("unreached", "single_threaded", "stale"), strict=True):
        row = by_key[key]
        tile.metric(row["figure"].capitalize(), row["after"], delta=row["change"] or None, delta_color="inverse")
    said = []
    for r in figures:
        if not (r["newly"] or r["no_longer"]):
            continue
        parts = [f"now {', '.join(r['newly'])}"] if r["newly"] else []
        parts += [f"no longer {', '.join(r['no_longer'])}"] if r["no_longer"] else []
        said.append(f"- {md_text(r['figure'].capitalize())}: {r['before']} → {r['after']}: {md_text('; '.join(parts))}")
    st.markdown("\n".join(said) or "No gap figure moves.")
    st.caption(f"Before and after as the Gaps page counts them, within {_links(hops)}. Answered in {took:.2f} s.")
    table("Gap figures before and after", figures, "whatif", "No figures.")
    table("Targets that move, and why", moved, "whatif-targets", "No target's standing changes.")


def _key_players(ctx: Context, hops: int) -> None:
    initial("key_players-k", 10)
    k = int(st.number_input("Entities to list", 1, 50, key="key_players-k"))
    rows, took = _run(ctx, "key_players", {"k": str(k)})
    for r in rows[:3]:
        st.markdown(f"{r['rank']}\\. **{md_text(r['entity_name'])}** ({md_text(r['side'])}): {md_text(r['reason'])}.")
    st.caption(
        f"Losing an entity takes it and its links out, as a departure or a program ending would; a target is cut off "
        f"when no longer within {_links(hops)}. Answered in {took:.2f} s."
    )
    table("Key players", rows, "key_players", "No single loss cuts off or single-threads a target.")


def _brokerage(ctx: Context) -> None:
    left, right = st.columns(2)
    initial("brokerage-by", "kind")
    by = left.selectbox("Groups by", GROUPINGS, key="brokerage-by")
    initial("brokerage-top", 20)
    top = int(right.number_input("Entities to list", 1, 500, key="brokerage-top"))
    rows, took = _run(ctx, "brokerage", {"by": by, "top": str(top)})
    for r in rows[:3]:
        roles = ", ".join(f"{r[role]} {role}" for role in ROLES if r[role])
        st.markdown(
            f"{r['rank']}\\. **{md_text(r['entity_name'])}** ({md_text(r['group'])}): {md_text(roles)}; "
            f"{md_text(r['reason'])}."
        )
    st.caption(f"{ROLE_MEANS} Answered in {took:.2f} s.")
    table("Brokers", rows, "brokerage", "No entity brokers between groups.")


def _lines_of_effort(ctx: Context) -> None:
    names = theme_names(ctx.graph)
    if not names:
        st.info(
            "No engagement or program carries a theme yet. Add a Themes column (awareness, reporting, legislation...) "
            "to the engagement and program rows of a sheet and load it, or set Themes on an entity's profile."
        )
        return
    key = "lines_of_effort-themes"  # a preset puts its themes there as text, "awareness; reporting"
    asked = st.session_state.get(key, st.query_params.get("themes"))
    offered = sorted(names.values(), key=str.casefold)
    if asked is None or isinstance(asked, str):
        wanted = dict.fromkeys(theme_key(t) for t in (asked or "").split(";") if t.strip())  # in the order asked
        st.session_state[key] = [names[k] for k in wanted if k in names] or offered
    chosen = st.multiselect("Themes", offered, key=key)
    st.query_params["themes"] = ";".join(chosen)
    if not chosen:  # no theme is not every theme
        st.caption("Choose one theme or more.")
        return
    rows, took = _run(ctx, "lines_of_effort", {"themes": "; ".join(chosen)})
    st.markdown(md_text(said(rows)))
    st.caption(
        "A home entity works with a target on a theme when both took part in a dated engagement carrying the theme, "
        "or when it leads, funds, partners with or runs a program carrying the theme that is linked to the target "
        f"(operates in it, partners with it...). Answered in {took:.2f} s."
    )
    if rows:
        st.dataframe(matrix(rows), hide_index=True, width="stretch")  # themes as written: no header rewording
    table("Targets by line of effort", rows, "lines_of_effort", "No target and theme to compare.")


def _axis(label: str, key: str, default: str) -> str:
    """An axis selector that starts from the URL and keeps its choice there."""
    chosen = st.query_params.get(key, default)
    initial(f"priority_grid-{key}", chosen if chosen in MEASURES else default)
    value: str = st.selectbox(label, list(MEASURES), format_func=MEASURES.__getitem__, key=f"priority_grid-{key}")
    st.query_params[key] = value
    return value


def _split_said(measure: str, cut: float) -> str:
    if measure == "priority":
        return "medium or high priority"
    return f"{'under' if measure == 'recency' else 'over'} {cut:g} ({MEASURES[measure]}, the middle of its range)"


def _priority_grid(ctx: Context) -> None:
    left, middle, right = st.columns(3)
    with left:
        x = _axis("Importance (across)", "x", "priority")
    with middle:
        y = _axis("Our engagement (up)", "y", "home_links")
    with right:
        initial("priority_grid-compare", url_date("compare"))
        earlier = st.date_input("Compare with an earlier date", key="priority_grid-compare", format="YYYY-MM-DD")
        if isinstance(earlier, dt.date):
            st.query_params["compare"] = earlier.isoformat()
        else:
            st.query_params.pop("compare", None)
    params = {"x": x, "y": y, "compare": earlier.isoformat() if isinstance(earlier, dt.date) else ""}
    rows, took = _run(ctx, "priority_grid", params)
    if not rows:
        st.caption("No targets outside the home set.")
        return
    event = st.altair_chart(
        charts.priority_grid(rows, MEASURES[x].capitalize(), MEASURES[y].capitalize()),
        on_select="rerun",
        key="priority_grid-chart",
        width="stretch",
    )
    chosen = charts.picked(event)
    if chosen:
        st.switch_page("views/profile.py", query_params={"id": chosen})
    x_cut, y_cut = rows[0]["x_split"], rows[0]["y_split"]
    st.caption(
        f"High importance: {_split_said(x, x_cut)}; high engagement: "
        f"{_split_said(y, y_cut)}. A target never engaged counts as least recent. Click a point to open its "
        f"profile. Answered in {took:.2f} s."
    )
    counts = {q: sum(r["quadrant"] == q for r in rows) for q in ("Build", "Maintain", "Review", "Watch")}
    advice = {r["quadrant"]: r["advice"] for r in rows}
    st.markdown("\n".join(f"- **{q}** ({n}): {md_text(advice[q])}" for q, n in counts.items() if n))
    if params["compare"]:
        moved = [r for r in rows if r.get("moved")]
        st.markdown(
            md_text(
                f"Since {local_date(earlier)}: "
                + (
                    "; ".join(f"{r['target_name']} {r['before_quadrant']} → {r['quadrant']}" for r in moved)
                    or "no target moved quadrant"
                )
                + "."
            )
        )
    # x and y repeat the measures they are (each has its own column), priority its level in words
    again = ("x", "y", "x_axis", "y_axis", "x_split", "y_split", "priority")
    table("Targets on the grid", rows, "priority_grid", "No targets.", hide=again)


def body():
    sample_banner(drv)
    saved = {row["name"]: row["filter"] for row in read(drv, "saved_sets")}
    question_picker(STRATEGY, "strategy-question", _apply_question, _preset)
    left, right = st.columns(2)
    with left:
        home = set_picker("Home", "home", home_filter(), saved)
    with right:
        targets = set_picker("Targets", "targets", "kind:Country region:Pacific", saved)
    with st.expander("Date and reach", expanded=False):
        as_of = as_of_input()
        initial("strategy-hops", url_int("hops", DEFAULT_HOPS, 1, 4))
        hops = st.slider("Reach: most links from the home set", 1, 4, key="strategy-hops")
        st.query_params["hops"] = str(hops)
    rolled = rollup_toggle()
    ask_url = st.query_params.get("ask", "investments")
    initial("strategy-ask", ask_url if ask_url in ASK else "investments")
    ask = st.radio("Ask", list(ASK), format_func=ASK.__getitem__, horizontal=True, key="strategy-ask")
    st.query_params["ask"] = ask

    params = {"max_hops": str(hops), "rollup": "on" if rolled else "off"}
    ctx = page_context(drv, as_of=as_of, home=home, targets=targets, params=params, history=ask == "priority_grid")
    st.subheader(ASK[ask])
    try:
        if ask != "brokerage":  # brokerage is of the whole network; the others ask how the home set reaches targets
            chosen = {"home": ctx.home, "targets": ctx.targets}
            for role, text in (("home", home), ("targets", targets)):
                if not chosen[role]:
                    st.warning(nothing_matches(text, ctx.graph, role))
            if not ctx.home or not ctx.targets:
                return
        if ask == "investments":
            _investments(ctx, hops)
        elif ask == "whatif":
            _whatif(ctx, hops)
        elif ask == "priority_grid":
            _priority_grid(ctx)
        elif ask == "lines_of_effort":
            _lines_of_effort(ctx)
        elif ask == "key_players":
            _key_players(ctx, hops)
        else:
            _brokerage(ctx)
    except ParamError as exc:
        st.error(str(exc))


run_or_outage(body)
