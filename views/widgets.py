"""What every page shares: the driver, the outage message, safe text, entity and set pickers, the marking of
exports, tables to download."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Mapping
from typing import TypeVar

import neo4j
import streamlit as st

from analyses.questions import Question
from briefing.assemble import holds_sample
from graph.dates import EARLIEST, LATEST
from graph.settings import marking, markings, today
from queries import read
from queries.connection import ENV_KEYS, create_driver, settings
from render.tables import Stamp, export_name, readable, slug, to_csv, to_xlsx
from views.cached import content_key, read_once

T = TypeVar("T")

UNREACHABLE = (
    neo4j.exceptions.ServiceUnavailable,
    neo4j.exceptions.SessionExpired,
    neo4j.exceptions.AuthError,
    neo4j.exceptions.ConfigurationError,
    OSError,
)


def apply_secrets() -> None:
    """Let Streamlit secrets supply NEO4J_* settings the environment does not set."""
    try:
        secrets = {key: st.secrets[key] for key in ENV_KEYS if key in st.secrets}
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        secrets = {}
    for key, value in secrets.items():
        os.environ.setdefault(key, str(value))


@st.cache_resource(show_spinner=False)
def _driver(uri: str, user: str | None, database: str | None) -> neo4j.Driver:
    # Keyed on the settings so that a changed NEO4J_URI gets a new driver.
    return create_driver()


def driver() -> neo4j.Driver:
    """The app's one driver, or an outage message and a stopped page."""
    config = settings()
    drv = _driver(config.uri, config.user, config.database)
    try:
        drv.verify_connectivity()
    except UNREACHABLE as exc:
        outage(config.describe(), config.local, exc)
    return drv


def outage(where: str, local: bool, exc: Exception) -> None:
    """Say plainly that the database cannot be reached and how to fix it, then stop the page."""
    st.error(f"**Cannot reach the graph database** at `{where}` ({type(exc).__name__}).")
    if isinstance(exc, neo4j.exceptions.AuthError):
        st.markdown("The server refused the user name or password: check `NEO4J_USER` and `NEO4J_PASSWORD`.")
    elif local:
        st.markdown("Start the project's local Neo4j with `make neo4j-up` (or `make run`), then try again.")
    else:
        st.markdown(
            "Check that the server at `NEO4J_URI` is running and reachable, or unset `NEO4J_URI` to use "
            "the project's local Neo4j (`make neo4j-up`)."
        )
    st.button("Try again", key="retry-connection")
    st.stop()


def run_or_outage(fn, *args, **kwargs):
    """Call `fn`, turning a lost connection into the outage message."""
    try:
        return fn(*args, **kwargs)
    except UNREACHABLE as exc:
        config = settings()
        outage(config.describe(), config.local, exc)


FILTER_HELP = (
    'e.g. kind:Agency country:AUS, member_of:"Pacific Islands Forum", '
    '-party_to:"Voluntary Principles", tag:pacific OR tag:asean, theme:awareness; words without a key search names'
)

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")
#: Where Streamlit's Markdown would turn bare text into a link (``http://``, ``www.``, ``a@b``), whatever escapes.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z]:)(?=//)|(?<=www)(?=\\\.)|(?<=@)")


def md_text(text) -> str:
    """Data text made inert for st.markdown: markdown and HTML characters escaped, and a word joiner (U+2060,
    invisible) put after ``http:``, ``www`` and ``@``, as Streamlit links a bare address in text however escaped."""
    return _AUTOLINK.sub("\u2060", _MARKDOWN_SPECIAL.sub(r"\\\1", str(text or "")))


def md_source(source: str) -> str:
    """A source as markdown: a link only for http(s) URLs, otherwise escaped text."""
    if re.fullmatch(r"https?://[^\s<>()\[\]]+", source or ""):
        return f"[{md_text(source)}]({source})"
    return md_text(source)


def ignored_param(key: str, raw: str, expected: str) -> None:
    """Say that URL parameter `key` was ignored (its value shortened and escaped) and what it should be."""
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    st.warning(f"Ignored the URL parameter {md_text(key)}={md_text(shown)}: expected {md_text(expected)}.")


def _from_url(key: str, parse: Callable[[str], T | None], expected: str) -> T | None:
    """URL parameter `key` read by `parse` (None or ValueError: not usable); None when absent or not usable, with
    a warning naming `key` and saying what was `expected`."""
    raw = st.query_params.get(key)
    if not raw:
        return None
    try:
        value = parse(raw)
    except ValueError:
        value = None
    if value is None:
        ignored_param(key, raw, expected)
    return value


def url_int(key: str, default: int, low: int, high: int) -> int:
    """A whole number from the URL between `low` and `high`; otherwise `default`, with a warning naming `key`."""

    def parse(raw: str) -> int | None:
        value = int(raw) if len(raw) < 12 else low - 1
        return value if low <= value <= high else None

    found = _from_url(key, parse, f"a whole number from {low} to {high}")
    return default if found is None else found


def url_date(key: str) -> dt.date | None:
    """A date (YYYY-MM-DD, 1900 to 2100) from the URL; None when absent or bad, with a warning naming `key`."""

    def parse(raw: str) -> dt.date | None:
        value = dt.date.fromisoformat(raw) if len(raw) <= 10 else None
        return value if value and EARLIEST <= value <= LATEST else None

    return _from_url(key, parse, f"a date from {EARLIEST} to {LATEST} (YYYY-MM-DD)")


def as_of_input(key: str = "as_of") -> dt.date | None:
    """An optional as-of date, kept in the URL so a view can be shared."""
    initial = url_date(key)
    use = st.checkbox(
        "As of a date",
        value=initial is not None,
        key=f"{key}-on",
        help="Show only links active on that date (since ≤ date ≤ until).",
    )
    if not use:
        st.query_params.pop(key, None)
        return None
    chosen = st.date_input(
        "As-of date",
        value=initial or today(),
        min_value=EARLIEST,
        max_value=LATEST,
        key=f"{key}-date",
        format="DD/MM/YYYY",
    )
    st.query_params[key] = chosen.isoformat()
    return chosen


PICKER_LIMIT = 5000  # entities listed in a picker; any other is reached by its id (a link) or by search


def entity_picker(
    drv: neo4j.Driver, label: str, key: str, default_id: str | None = None, *, start_empty: bool = False
) -> str | None:
    """Pick an entity by typing its name or alias; the id is kept in the URL as ``?id=``.

    With `start_empty`, no id in the URL and no `default_id`, the box starts empty (a search box) instead of on
    the first entity.

    The list holds the first `PICKER_LIMIT` entities by name; an id from the URL is looked up directly, so a link to
    any entity opens it, and a link to an id the graph does not hold opens nothing else in its place (the id is
    returned for the page to say so).
    """
    choices = read_once(drv, "entity_choices", limit=PICKER_LIMIT)
    if not choices:
        return None
    ids = [c["id"] for c in choices]
    names = {c["id"]: f"{c['name']} ({c['kind']})" for c in choices}
    wanted = st.query_params.get("id") or default_id
    missing = False
    if wanted and wanted not in names:
        found = read(drv, "entities_by_id", ids=[wanted])
        if found:
            kinds = found[0]["kinds"] or ["?"]
            ids.insert(0, wanted)
            names[wanted] = f"{found[0]['props'].get('name') or wanted} ({kinds[0]})"
        else:
            missing = True
    picked = st.selectbox(
        label,
        ids,
        index=None if missing or (start_empty and not wanted) else (ids.index(wanted) if wanted in ids else 0),
        format_func=lambda i: names.get(i, i),
        key=key,
        placeholder="Type a name to find an entity" if start_empty else "Choose an entity",
        help="Type to search names; aliases and ids are matched by the search box.",
    )
    if picked is None:
        return wanted if missing else None
    st.query_params["id"] = picked
    return picked


MARKING_KEY = "export-marking"
SAMPLE_KEY = "export-sample"  # whether the graph holds sample data, read once a run


def marking_selector() -> str:
    """The marking every export of this session carries, chosen in the sidebar from `graph.settings.markings`
    (``SGE_MARKING`` first); app.py shows it on every page."""
    st.session_state.pop(SAMPLE_KEY, None)  # read again on this run: a load may have changed it
    options = list(markings())
    if st.session_state.get(MARKING_KEY) not in options:
        st.session_state[MARKING_KEY] = options[0]
    return st.sidebar.selectbox(
        "Marking of exports",
        options,
        key=MARKING_KEY,
        help="Printed on every download: packs, pictures, tables and the network files (set SGE_MARKINGS to "
        "change the list, SGE_MARKING the default).",
    )


def chosen_marking() -> str:
    """The marking chosen in the sidebar, or ``SGE_MARKING`` before one is."""
    return st.session_state.get(MARKING_KEY) or marking()


def sample_data(drv: neo4j.Driver | None = None) -> bool:
    """Whether the graph holds sample data (read once a run, on the first ask)."""
    if SAMPLE_KEY not in st.session_state:
        st.session_state[SAMPLE_KEY] = holds_sample(drv or driver())
    return bool(st.session_state[SAMPLE_KEY])


def _view_date() -> dt.date:
    """The page's as-of date (``?as_of=``), else today."""
    try:
        return dt.date.fromisoformat(st.query_params.get("as_of", ""))
    except ValueError:
        return today()


def _choice() -> str:
    """What the page was asked about, for a file name: the ready question, the target set or the entity."""
    return next((st.query_params[k] for k in ("q", "targets", "id") if st.query_params.get(k)), "")


SETS = {"home": "home set", "targets": "targets"}  # URL keys of the sets a page's answers are about


def export_stamp(question: str, as_of: dt.date | None = None) -> Stamp:
    """What an export made now says about itself: `question` and the sets the page asked it of (``?home=``,
    ``?targets=``), the as-of date, the chosen marking and whether the graph holds sample data."""
    asked = [f"{label}: {st.query_params[key]}" for key, label in SETS.items() if st.query_params.get(key)]
    worded = f"{question} ({'; '.join(asked)})" if asked else question
    return Stamp(worded, as_of or _view_date(), chosen_marking(), sample_data())


def file_name(what: str, ext: str, as_of: dt.date | None = None) -> str:
    """A download's name: `what`, the page's question or filter (unless `what` already says it), the date."""
    choice = _choice()
    return export_name(what, "" if slug(choice) in slug(what) else choice, as_of or _view_date(), ext)


def sample_banner(drv: neo4j.Driver) -> None:
    """Mark the sample data clearly wherever it is shown."""
    if sample_data(drv):
        st.info(
            "**Sample data**: a demonstration dataset compiled from public sources (see data/sample/README.md). "
            "Priorities in it are illustrative, not an official view.",
            icon="ℹ️",
        )


def initial(key: str, value: object) -> None:
    """A widget starts from the URL (or a preset) once; after that its own state is the truth."""
    if key not in st.session_state:
        st.session_state[key] = value


def question_picker(
    questions: Mapping[str, Question], key: str, on_change: Callable[[], None], preset: Callable[[Question], dict]
) -> Question | None:
    """A ready question or none (the URL's ``?q=``); opened from a link with only ``?q=``, the widgets start from
    `preset` (widget key -> value); `on_change` fills them in when the choice changes."""
    keys = ["", *questions]
    current = st.query_params.get("q", "")
    initial(key, current if current in keys else "")
    chosen = st.selectbox(
        "Question",
        keys,
        format_func=lambda k: questions[k].title if k else "Your own question: the filters below",
        key=key,
        on_change=on_change,
        help="A ready question fills in the filters it uses; change them to ask your own.",
    )
    question = questions.get(chosen or "")
    if question is not None and "targets" not in st.query_params:
        for widget, value in preset(question).items():
            initial(widget, value)
    return question


def set_picker(label: str, key: str, default: str, saved: dict[str, str]) -> str:
    """A saved set or a filter line; the choice is kept in the URL under `key`."""
    options = ["(filter)", *saved]
    current = st.query_params.get(key, default)
    chosen_set = current[4:] if current.startswith("set:") and current[4:] in saved else "(filter)"
    initial(f"{key}-saved", chosen_set)
    if st.session_state[f"{key}-saved"] not in options:
        st.session_state[f"{key}-saved"] = "(filter)"
    picked = st.selectbox(f"{label}: saved set", options, key=f"{key}-saved")
    if picked != "(filter)":
        st.caption(f"set:{md_text(picked)} = {md_text(saved[picked])}")
        value = f"set:{picked}"
    else:
        initial(f"{key}-filter", current if not current.startswith("set:") else default)
        value = st.text_input(f"{label}: filter", key=f"{key}-filter", help=FILTER_HELP)
    st.query_params[key] = value
    return value


def rollup_toggle() -> bool:
    """The roll-up switch of the gap analyses, kept in the URL as ``rollup=on|off``."""
    initial("rollup", st.query_params.get("rollup", "on") != "off")
    on = st.toggle(
        "Roll up agencies and units",
        key="rollup",
        help="On: a country counts what its government agencies and their units do, an organisation what its "
        "units do, and each fact says through whom. Off: every entity stands for itself.",
    )
    st.query_params["rollup"] = "on" if on else "off"
    return on


def _question(name: str) -> str:
    return name.replace("_", " ").replace("-", " ").capitalize()


def downloads(rows: list[dict], name: str, key: str | None = None, question: str | None = None) -> None:
    """CSV and XLSX buttons for `rows` (every column; formula-like cells neutralised), each headed by the
    `question` they answer (default: `name` in words), the as-of date, the marking and the sample notice."""
    stamp = export_stamp(question or _question(name))
    _download_pair(*_files(content_key(rows, name, stamp), rows, name, stamp), name, key)


# The same rows make the same files: kept, keyed on their content, as a page's nine small tables cost 0.3 s of XLSX
# on every rerun (and Streamlit's own hashing of the rows 1.8 s at 10,000 entities).
@st.cache_data(show_spinner=False, max_entries=128, ttl=3600)
def _files(key: str, _rows: list[dict], _name: str, _stamp: Stamp) -> tuple[str, bytes]:
    return to_csv(_rows, _stamp), to_xlsx(_rows, _name, _stamp)


def lazy_downloads(
    rows: Callable[[], list[dict]], name: str, key: str | None = None, question: str | None = None
) -> None:
    """`downloads` of the rows `rows()` returns, read only when a button is pressed (a large export)."""
    stamp = export_stamp(question or _question(name))
    _download_pair(lambda: to_csv(rows(), stamp), lambda: to_xlsx(rows(), name, stamp), name, key)


# Above this many rows the files are made when a button is pressed: an XLSX of 10k rows takes 2-3 s, on every run.
EAGER_ROWS = 2_000


def sized_downloads(rows: list[dict], name: str, key: str | None = None, question: str | None = None) -> None:
    """`downloads` of `rows`, made now when they are few (ready at once) and when pressed when they are many."""
    if len(rows) <= EAGER_ROWS:
        downloads(rows, name, key, question)
    else:
        lazy_downloads(lambda: rows, name, key, question)


def _download_pair(csv, xlsx, name: str, key: str | None) -> None:
    """The two buttons; their data is the file, or a function Streamlit calls for it when a button is pressed."""
    left, right = st.columns(2)
    key = key or name
    left.download_button("CSV", csv, file_name(name, "csv"), "text/csv", key=f"{key}-csv")
    right.download_button(
        "XLSX",
        xlsx,
        file_name(name, "xlsx"),
        key=f"{key}-xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def table(
    title: str, rows: list[dict], name: str, empty: str, key: str | None = None, hide: tuple[str, ...] = ()
) -> None:
    """A subheader with the row count, the rows for people (`render.tables.readable`, without the columns in
    `hide`, which say again what other columns say) and their downloads (every column)."""
    st.subheader(f"{title} ({len(rows)})")
    if not rows:
        st.caption(empty)
        return
    shown = [{k: v for k, v in r.items() if k not in hide} for r in rows] if hide else rows
    st.dataframe(readable(shown), hide_index=True, width="stretch")
    sized_downloads(rows, name, key, question=title)


def status_line() -> None:
    """Which database the app reads, at the foot of the sidebar on every page (no password: `settings().describe`)."""
    st.sidebar.caption(md_text(f"Database: {settings().describe()}"))
