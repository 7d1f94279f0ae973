"""What every page shares: the driver, the outage message, safe text and entity pickers."""

from __future__ import annotations

import datetime as dt
import os
import re

import neo4j
import streamlit as st

from graph.settings import today
from queries import read
from queries.connection import ENV_KEYS, create_driver, settings

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


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_text(text) -> str:
    """Data text made inert for st.markdown: markdown and HTML characters escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text or ""))


def md_source(source: str) -> str:
    """A source as markdown: a link only for http(s) URLs, otherwise escaped text."""
    if re.fullmatch(r"https?://[^\s<>()\[\]]+", source or ""):
        return f"[{md_text(source)}]({source})"
    return md_text(source)


def as_of_input(key: str = "as_of") -> dt.date | None:
    """An optional as-of date, kept in the URL so a view can be shared."""
    initial = st.query_params.get(key)
    use = st.checkbox(
        "As of a date",
        value=bool(initial),
        key=f"{key}-on",
        help="Show only links active on that date (since ≤ date ≤ until).",
    )
    if not use:
        st.query_params.pop(key, None)
        return None
    try:
        default = dt.date.fromisoformat(initial) if initial else today()
    except ValueError:
        default = today()
    chosen = st.date_input("As-of date", value=default, key=f"{key}-date", format="DD/MM/YYYY")
    st.query_params[key] = chosen.isoformat()
    return chosen


def entity_picker(drv: neo4j.Driver, label: str, key: str, default_id: str | None = None) -> str | None:
    """Pick an entity by typing its name or alias; the id is kept in the URL as ``?id=``."""
    choices = read(drv, "entity_choices", limit=5000)
    if not choices:
        return None
    ids = [c["id"] for c in choices]
    names = {c["id"]: f"{c['name']} ({c['kind']})" for c in choices}
    wanted = st.query_params.get("id") or default_id
    index = ids.index(wanted) if wanted in ids else 0
    picked = st.selectbox(
        label,
        ids,
        index=index,
        format_func=lambda i: names.get(i, i),
        key=key,
        help="Type to search names; aliases and ids are matched by the search box.",
    )
    if picked is not None:
        st.query_params["id"] = picked
    return picked


def sample_banner(drv: neo4j.Driver) -> None:
    """Mark the sample data clearly wherever it is shown."""
    rows = read(drv, "sample_count")
    if rows and rows[0]["sample"]:
        st.info(
            "**Sample data**: a demonstration dataset compiled from public sources (see data/sample/README.md). "
            "Priorities in it are illustrative, not an official view.",
            icon="ℹ️",
        )
