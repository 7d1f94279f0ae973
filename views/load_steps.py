"""The Load page's steps between upload and check: templates, column mapping, unknown wording, grouped problems.

Widgets only: what a header or a wording can be, and why a table needs mapping, are `loaders.mapping`'s; what
the graph remembers is `loaders.team`'s, and it is remembered by the load itself (`loaders.pipeline`).
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from graph.vocabulary import Vocabulary, fold
from loaders.mapping import (
    ROLE_LABELS,
    ROLES,
    assess,
    fields,
    headers_id,
    label,
    mappings_json,
    recognised,
    target_label,
    wording_targets,
)
from loaders.model import FREE, IGNORE, ColumnMapping, LoadReport, Table, Wording, headers_key
from loaders.report import Group, grouped, problem_rows
from loaders.team import SavedMapping
from loaders.templates import template_rows
from render.tables import to_csv, to_xlsx
from views.widgets import md_text

TEMPLATES = (("elements", "Elements"), ("connections", "Connections"), ("findings", "Findings"))
SHOWN_WARNINGS = 30  # warning groups listed in full; every problem is in the table below them
SHOWN_ERRORS = 100  # error groups listed in full (a crafted file can cause thousands)
SHOWN_ROWS = 5_000  # rows of the problem table sent to the browser; the CSV download holds them all


def templates() -> None:
    """Download buttons for an Elements, a Connections and a Findings template, CSV and XLSX."""
    st.markdown("**Start from a template**: the headers the loader reads as they are, and one example row.")
    buttons = st.columns(6)
    for i, (role, name) in enumerate(TEMPLATES):
        rows = template_rows(role)
        with buttons[2 * i]:
            st.download_button(
                f"{name} template (CSV)",
                to_csv(rows),
                file_name=f"{role}-template.csv",
                mime="text/csv",
                key=f"template-{role}-csv",
                on_click="ignore",
            )
        with buttons[2 * i + 1]:
            st.download_button(
                f"{name} template (XLSX)",
                to_xlsx(rows, sheet=name),
                file_name=f"{role}-template.xlsx",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                key=f"template-{role}-xlsx",
                on_click="ignore",
            )


def _header_choices(table: Table, role: str, start: ColumnMapping, ident: str) -> dict[str, str]:
    """One selectbox per header, prefilled from `start` (or what the loader recognises for another role)."""
    base = start if role == start.role else recognised(table, role)
    options = fields(role)
    chosen = {}
    grid = st.columns(4)
    for i, header in enumerate(table.headers):
        initial = base.field(header) or FREE
        with grid[i % 4]:
            chosen[header] = st.selectbox(
                md_text(header),
                options,
                index=options.index(initial if initial in options else FREE),
                format_func=label,
                key=f"map-{ident}-{role}-{i}",
            )
    return chosen


def column_step(tables: list[Table], stored: dict[str, SavedMapping]) -> list[ColumnMapping]:
    """Each header set's headers with a selectbox each; returns the mappings to load with (and remember).

    Open when a table is not recognised, lacks a required column or has unknown headers and no mapping is saved
    for its headers; a saved mapping is said and prefilled.  Tables with the same headers share one mapping.
    """
    groups: dict[str, list[Table]] = {}
    for table in tables:
        groups.setdefault(headers_key(table.headers), []).append(table)
    needs = {key: assess(same[0]) for key, same in groups.items()}
    chosen = []
    with st.expander("Columns: how each header is read", expanded=any(needs[k] and k not in stored for k in groups)):
        st.caption(
            "Choose what each header means; the files are checked again with your choice. A mapping is "
            "remembered for these headers when you load, and used the next time they come."
        )
        for key, same in groups.items():
            table, saved = same[0], stored.get(key)
            start = saved.mapping if saved else recognised(table)
            ident = headers_id(table.headers)
            st.markdown("**" + ", ".join(md_text(t.source) for t in same) + "**")
            if saved:
                st.caption(f"Using the mapping saved on {saved.day} by {md_text(saved.by or 'someone')}.")
            elif needs[key]:
                st.caption("The loader needs your help: " + md_text("; ".join(needs[key])) + ".")
            role = st.selectbox(
                "The table holds",
                ROLES,
                index=ROLES.index(start.role),
                format_func=lambda r: ROLE_LABELS[r],
                key=f"map-role-{ident}",
            )
            columns = _header_choices(table, role, start, ident) if role else {h: IGNORE for h in table.headers}
            mapping = ColumnMapping(role, columns)
            if short := assess(table, mapping):
                st.warning(md_text("; ".join(short)))
            if saved or mapping != recognised(table) or (needs[key] and role):  # not an untouched "not loaded"
                chosen.append(mapping)
        if chosen:
            st.download_button(
                "Download this column mapping (JSON, for python -m loaders load --mapping)",
                mappings_json(chosen),
                file_name="column-mapping.json",
                mime="application/json",
                key="map-download",
                on_click="ignore",
            )
    return chosen


def wording_step(unknown: list[dict], vocab: Vocabulary) -> list[Wording]:
    """A selectbox per kind or relationship wording the vocabulary does not know; returns the ones mapped."""
    if not unknown:
        return []
    chosen: list[Wording] = []
    with st.container(border=True):
        st.markdown(
            "**Wording the vocabulary does not know.** Choose what each one means: the files are checked again, "
            "and your choice joins the team vocabulary when you load, for every later load."
        )
        grid = st.columns(2)
        for i, item in enumerate(unknown):
            what, text, rows = item["what"], item["text"], item["rows"]
            leave = "leave it: the rows are not loaded" if what == "kind" else "leave it: kept as RELATED_TO"
            ident = hashlib.sha1(fold(text).encode("utf-8")).hexdigest()[:12]
            targets: list[str] = ["", *wording_targets(what, vocab)]
            names = {t: target_label(t, vocab) for t in targets if t} | {"": leave}
            with grid[i % 2]:
                target = st.selectbox(
                    f"{what.capitalize()} “{md_text(text)}” ({rows} row{'s' if rows != 1 else ''})",
                    targets,
                    format_func=names.__getitem__,
                    key=f"word-{what}-{ident}",
                )
            if target:
                chosen.append(Wording(what, text, target.lstrip("~"), target.startswith("~")))
    return chosen


def _group(group: Group) -> None:
    """One cause: a badge with the level and the count of rows, the message in full, then every row."""
    colour = "red" if group.level == "error" else "orange"
    rows = f"{group.count} row{'s' if group.count != 1 else ''}"
    lead = "↳ " if group.knock_on else ""
    badge = f":{colour}-badge[{group.level.capitalize()}, {rows}]"
    st.markdown(f"{lead}{badge} {md_text(group.message)}  \n{md_text(group.where())}")


def show_problems(report: LoadReport, key: str) -> None:
    """Errors, then warnings, grouped by cause with the causes first and full messages; then every row's problem
    in a table (downloadable).  The fixes are summed up after it, in `views.load.show_report`."""
    groups = grouped(report, fixes_too=False)
    errors = [g for g in groups if g.level == "error"]
    warnings = [g for g in groups if g.level == "warning"]
    st.markdown(
        f"**{len(report.errors)} error(s), {len(report.warnings)} warning(s)** "
        "(rows are spreadsheet rows: the header is row 1)"
    )
    if errors:
        st.markdown("**Errors by cause**: each rejected row first, then the rows it stops (↳)")
        for group in errors[:SHOWN_ERRORS]:
            _group(group)
        if len(errors) > SHOWN_ERRORS:
            st.caption(f"…and {len(errors) - SHOWN_ERRORS} more causes, in the table below.")
    if warnings:
        st.markdown("**Warnings by cause**")
        for group in warnings[:SHOWN_WARNINGS]:
            _group(group)
        if len(warnings) > SHOWN_WARNINGS:
            st.caption(f"…and {len(warnings) - SHOWN_WARNINGS} more, in the table below.")
    problems = problem_rows(report)
    with st.expander("Every problem, one row each"):
        if len(problems) > SHOWN_ROWS:
            st.caption(f"The first {SHOWN_ROWS:,} of {len(problems):,}; the download holds every one.")
        st.dataframe(
            pd.DataFrame(problems[:SHOWN_ROWS]).astype({"row": "Int64"}),
            hide_index=True,
            width="stretch",
            key=f"{key}-problems",
            column_config={
                "level": st.column_config.TextColumn(width="small"),
                "row": st.column_config.NumberColumn(width="small"),
                "message": st.column_config.TextColumn(width="large"),
            },
        )
        st.download_button(
            "Download the problems (CSV)",
            to_csv(problems),
            file_name="load-problems.csv",
            mime="text/csv",
            key=f"{key}-problems-csv",
            on_click="ignore",
        )
