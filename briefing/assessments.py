"""The pack's risks and opportunities: the team's findings about the entity and, rolled up, about its units."""

from __future__ import annotations

from collections import Counter

from briefing.model import Notes, ProfileData, Section, Statement, Table
from briefing.words import plural, subject_name
from graph.risk import open_on

LEVEL_ORDER = {"high": 0, "medium": 1, "low": 2}
KIND_WORDS = {"risk": ("risk", "risks"), "opportunity": ("opportunity", "opportunities")}


def _kind_counted(rows: list[dict], kind: str) -> str:
    """``2 risks (1 high)``: how many findings of `kind`, and how many of them are high."""
    found = [r for r in rows if r["kind"] == kind]
    high = sum(r.get("level") == "high" for r in found)
    word, many = KIND_WORDS[kind]
    return plural(len(found), word, many) + (f" ({high} high)" if high else "")


def assessments(data: ProfileData, notes: Notes) -> Section:
    """The risks and opportunities recorded about the entity (and its units, when rolled up), each citing its row."""
    section = Section("assessments", "Risks and opportunities")
    standing = [r for r in data.assessments if open_on(r, data.on)]
    rows = sorted(
        standing,
        key=lambda r: (r["kind"] != "risk", LEVEL_ORDER.get(r.get("level") or "", 3), r.get("theme") or "", r["id"]),
    )
    others = len(data.assessments) - len(standing)
    verb = "is" if others == 1 else "are"
    aside = [f"{plural(others, 'finding')} closed before {data.day} (or assessed later) {verb} not shown."] * bool(
        others
    )
    if not rows:
        on = f" on {data.day}" if others else ""
        section.missing += [f"No risks or opportunities are recorded for {subject_name(data)}{on}.", *aside]
        return section
    table = Table(section.title, ("Kind", "Theme", "Level", "Finding", "About", "Date"))
    for row in rows:
        about = (
            row["about_name"] if row["about"] == data.entity["id"] else data.via.get(row["about"], row["about_name"])
        )
        cells = (row["kind"].capitalize(), row.get("theme"), row.get("level"), row["text"], about, row.get("date"))
        table.add(cells, [notes.fact(row)])
    kinds = Counter(r["kind"] for r in rows)
    said = " and ".join(_kind_counted(rows, kind) for kind in KIND_WORDS if kinds[kind])
    by_units = sum(r["about"] != data.entity["id"] for r in rows)
    through = f" ({by_units} of them about its units)" if by_units else ""
    verb = "is" if len(rows) == 1 else "are"
    cited = tuple(sorted({n for row_notes in table.notes for n in row_notes}))
    section.statements.append(
        Statement(f"{said[0].upper()}{said[1:]} {verb} recorded for {subject_name(data)}{through}.", cited)
    )
    section.missing += aside
    section.tables.append(table)
    return section
