"""Load: upload files, preview them, map their columns and wording, validate them (a dry run), then commit.

The page only lays out widgets (the steps in `views.load_steps`): reading, validating and writing are
``loaders``' work (`load_paths`), exactly as ``python -m loaders load`` does it; the column mappings and
wording chosen here travel with the load and are remembered in the graph when it is written.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import neo4j
import pandas as pd
import streamlit as st

from graph.roles import Forbidden
from graph.settings import SettingError
from graph.vocabulary import load_vocabulary
from loaders.mapping import mappings_json, unknown_wordings
from loaders.model import LoadReport, Table, headers_key
from loaders.pipeline import load_paths
from loaders.read import SUFFIXES, ReadError, read_tables
from loaders.report import STATUSES, count_rows, fix_lines, outcome, undo_hint
from loaders.team import SavedMapping, saved_mappings, team_vocabulary, team_wordings
from loaders.write import LoadInterrupted
from queries.connection import settings
from views.auth import current_actor
from views.changes import loads_section
from views.load_steps import column_step, show_problems, templates, wording_step
from views.widgets import UNREACHABLE, driver, md_text, outage, run_or_outage

log = logging.getLogger(__name__)
PREVIEW_ROWS = 5
RECENT_LOADS = 5

st.title("Load files")
st.caption(
    "Upload CSV, XLSX or JSON files (Kumu exports work as they are). They are checked first; "
    "nothing is written until you press **Load into the graph**."
)
actor = current_actor()
if not actor.can("load"):  # the page is hidden from such a role; opened anyway, it says why and stops
    st.error(md_text(f"Only an editor or admin can load files; you ({actor.name}) cannot."))
    st.stop()
drv = driver()
templates()


class LoadFailed(Exception):
    """A plain, user-facing reason why files could not be read or loaded."""


def _guarded(fn, *args, **kwargs):
    """Call a loader; every failure becomes a plain message (an outage stops the page), never a stack trace."""
    try:
        return fn(*args, **kwargs)
    except Forbidden as exc:
        raise LoadFailed(str(exc)) from None
    except ReadError as exc:
        raise LoadFailed(f"Cannot read the files: {exc}") from None
    except LoadInterrupted as exc:
        raise LoadFailed(f"The load did not finish: {exc}.") from None
    except SettingError as exc:
        raise LoadFailed(f"Cannot check the files: {exc}") from None
    except UNREACHABLE as exc:
        config = settings()
        outage(config.describe(), config.local, exc)
    except neo4j.exceptions.Neo4jError as exc:
        raise LoadFailed(f"The database refused the load; nothing was written: {exc.message}") from None
    except neo4j.exceptions.DriverError as exc:
        raise LoadFailed(f"Lost the database during the load; nothing was written ({type(exc).__name__}).") from None
    except Exception as exc:  # an upload can be any bytes at all: report it, keep the trace in the server log
        log.exception("load failed")
        raise LoadFailed(f"The files could not be processed ({type(exc).__name__}); nothing was written.") from None


def save_uploads(uploaded, folder: Path) -> list[str]:
    """Write uploaded files into `folder` under their own names (no folder part); return their paths."""
    paths = []
    for item in uploaded:
        name = Path(item.name.replace("\\", "/")).name or "upload"
        target = folder / name
        if target.exists():
            st.warning(f"Two uploads are named {md_text(name)}; only the first is used.")
            continue
        target.write_bytes(item.getvalue())
        paths.append(str(target))
    return paths


def preview(tables: list[Table], stored: dict[str, SavedMapping]) -> None:
    """The first rows of every table found in the files, and what each holds (as its saved mapping says)."""
    if not tables:
        st.caption("No table with headers in these files.")
    for table in tables:
        saved = stored.get(headers_key(table.headers))
        if saved:
            role = saved.mapping.role or "not loaded, as its saved column mapping says"
        else:
            role = table.role or "not recognised (map its columns below)"
        st.markdown(f"**{md_text(table.source)}**: {role}, {len(table.rows)} rows")
        if table.rows:
            rows = [
                {"row": number, **{h: "" if cells.get(h) is None else str(cells.get(h)) for h in table.headers}}
                for number, cells in table.rows[:PREVIEW_ROWS]
            ]
            st.dataframe(pd.DataFrame(rows, columns=["row", *table.headers]), hide_index=True, width="stretch")


def show_report(report: LoadReport, key: str) -> None:
    """The counts, the problems grouped by cause (causes first, in full), then one line per kind of fix."""
    st.caption("Files: " + ", ".join(md_text(Path(f).name) for f in report.files))
    counts = pd.DataFrame(count_rows(report), columns=["what", "kind or type", *STATUSES])
    if len(counts):
        st.dataframe(counts, hide_index=True, width="stretch", key=f"{key}-counts")
    if report.problems:
        show_problems(report, key)
    if lines := fix_lines(report):
        st.markdown(
            "**Fixed on the way** (each fix is a warning in the table above, with its row and column)\n\n"
            + "\n".join(f"- {md_text(line)}" for line in lines)
        )


PAGE_REMEDY = "Fix the files and upload them again, or tick **Load valid rows only**."
SHOW = {"error": st.error, "warning": st.warning, "info": st.info, "success": st.success}


def summary(report: LoadReport, allow_errors: bool) -> None:
    """One line that says what would happen (dry run) or what happened, as the terminal says it."""
    level, sentence = outcome(report, allow_errors, PAGE_REMEDY)
    SHOW[level](sentence)
    if report.same_as:  # answered from the record of the load it repeats (loaders.unchanged)
        st.caption(md_text(report.note))
    hint = undo_hint(
        report, "use its Undo button under Recent loads below (and on the Overview), or python -m loaders undo"
    )
    if hint:
        st.caption(hint)


def review(paths: list[str], signature: tuple) -> None:
    """Everything after the upload: preview, dry run and report, the commit button, the final report.

    `signature` identifies the upload and the options, so a dry run is not repeated on every rerun
    and a finished load stays on screen (with its rejects download) until new files come.
    """
    month_first = st.checkbox(
        "Dates are month first (03/04/2021 is 4 March)",
        key="load-month-first",
        help="Day first by default, as Australian users write dates.",
    )
    done = st.session_state.get("load-done")
    if done and done["signature"] == (signature, month_first):
        st.subheader("Load report")
        summary(done["report"], done["allow_errors"])
        show_report(done["report"], "final")
        for i, (name, data) in enumerate(done["rejects"]):
            st.download_button(
                f"Download the rejected rows: {name}",
                data,
                file_name=name,
                mime="text/csv",
                key=f"load-rejects-{i}",
                on_click="ignore",
                help="The rows that were not loaded, with the file's own columns and a last column saying why; "
                "fix them and load this file again (the Problem column is not loaded).",
            )
        if st.button("Load other files", key="load-again"):
            st.session_state.pop("load-done", None)
            st.session_state["load-uploader"] = st.session_state.get("load-uploader", 0) + 1
            st.rerun()
        loads_section(drv, limit=RECENT_LOADS, open_id=done["report"].load_id)
        return

    stored = _guarded(saved_mappings, drv)
    tables = [table for path in paths for table in _guarded(read_tables, Path(path), [])]
    with st.expander("Preview", expanded=True):
        preview(tables, stored)
    mappings = column_step(tables, stored)
    by_headers = {key: saved.mapping for key, saved in stored.items()} | {m.key: m for m in mappings}
    vocab = team_vocabulary(load_vocabulary(), _guarded(team_wordings, drv))
    wordings = wording_step(unknown_wordings(tables, vocab, by_headers), vocab)
    change_kinds = st.checkbox(
        "Rows may change an entity's kind",
        key="load-change-kinds",
        help="Off: a row whose ID is an entity of another kind in the graph is an error (an ID clash would turn "
        "that entity and its links into something else). On: its kind changes, and the report says so. A "
        "country's ID never becomes another kind.",
    )
    options = {"month_first": month_first, "mappings": mappings, "wordings": wordings, "change_kinds": change_kinds}
    allow_errors = bool(st.session_state.get("load-valid-only"))
    key = (signature, month_first, allow_errors, mappings_json(mappings), tuple(wordings), change_kinds)
    checked = st.session_state.get("load-checked")
    if not checked or checked["key"] != key:
        with st.spinner("Checking the files…"):
            report = _guarded(load_paths, drv, paths, dry_run=True, allow_errors=allow_errors, **options)
        st.session_state["load-checked"] = checked = {"key": key, "report": report}
    report = checked["report"]
    st.subheader("Check (nothing written yet)")
    summary(report, allow_errors)
    show_report(report, "check")
    if report.errors:
        allow_errors = st.checkbox(
            "Load valid rows only",
            key="load-valid-only",
            help="Load the rows without errors; the others go to a rejects file to download.",
        )
    blocked = bool(report.errors) and not allow_errors
    if st.button("Load into the graph", type="primary", disabled=blocked, key="load-commit"):
        with st.spinner("Loading…"):
            rejects = Path(paths[0]).parent / "rejects" / "rejects.csv"
            rejects.parent.mkdir(exist_ok=True)
            final = _guarded(
                load_paths, drv, paths, allow_errors=allow_errors, rejects=str(rejects), actor=actor, **options
            )
            st.session_state["load-done"] = {
                "signature": (signature, month_first),
                "report": final,
                "allow_errors": allow_errors,
                "rejects": [(Path(f).name, Path(f).read_bytes()) for f in final.rejects_files],
            }
        st.session_state.pop("load-checked", None)
        st.rerun()


def body() -> None:
    uploaded = st.file_uploader(
        "Files",
        type=sorted(s.lstrip(".") for s in SUFFIXES),
        accept_multiple_files=True,
        key=f"load-files-{st.session_state.get('load-uploader', 0)}",
        help="Elements and Connections tables, one workbook with a sheet per kind, or a Kumu JSON export.",
    )
    if not uploaded:
        st.session_state.pop("load-done", None)
        loads_section(drv, limit=RECENT_LOADS)
        return
    signature = tuple((item.file_id, item.name, item.size) for item in uploaded)
    with tempfile.TemporaryDirectory(prefix="sge-upload-") as folder:
        try:
            paths = save_uploads(uploaded, Path(folder))
            review(paths, signature)
        except LoadFailed as exc:
            st.error(str(exc))


run_or_outage(body)
