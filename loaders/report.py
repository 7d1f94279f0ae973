"""What a load report says, once: counts per kind and link type, the problems grouped by cause (causes first),
the outcome, and one line per kind of fix the loader made on its own.

The terminal (`format_report`) and the Load page show the same groups and the same sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from loaders import fixes
from loaders.model import LoadReport, Problem

STATUSES = ("created", "updated", "unchanged")
CLI_REMEDY = "Fix them, or use --allow-errors to load the valid rows."


def count_rows(report: LoadReport) -> list[dict]:
    """Created, updated and unchanged per kind (``what`` = entities), per link type (links), and of findings."""
    findings = {"Finding": report.findings} if report.findings else {}
    return [
        {"what": what, "kind or type": name, **{s: counter.get(s, 0) for s in STATUSES}}
        for what, counts in (("entities", report.entities), ("links", report.links), ("findings", findings))
        for name, counter in sorted(counts.items())
    ]


def ordered(report: LoadReport) -> list[Problem]:
    """Every error and warning: errors first, causes before their knock-on errors, then in the order of the tables
    (elements before connections, as they are checked), by row and column."""
    tables: dict[str, int] = {}
    for p in [*report.errors, *report.problems]:  # the order the files' errors were found in, then the rest
        tables.setdefault(p.file, len(tables))
    return sorted(
        report.problems, key=lambda p: (p.level != "error", p.knock_on, tables[p.file], p.row or 0, p.column or "")
    )


@dataclass
class Group:
    """Problems with one cause: the same level and message, on one or more rows."""

    level: str
    message: str
    knock_on: bool
    places: list[tuple[str, int | None, str | None]] = field(default_factory=list)  # file, row, column

    @property
    def count(self) -> int:
        return len(self.places)

    def where(self) -> str:
        """``Elements.csv rows 4-6, 9, column 'Type'; Other.csv row 2``: every row, runs written as ranges."""
        parts = []
        for file in dict.fromkeys(f for f, _, _ in self.places):
            rows = sorted({r for f, r, _ in self.places if f == file and r is not None})
            columns = list(dict.fromkeys(c for f, _, c in self.places if f == file and c))
            text = file + (f" row{'s' if len(rows) > 1 else ''} {_runs(rows)}" if rows else "")
            if columns:
                text += f", column{'s' if len(columns) > 1 else ''} " + ", ".join(repr(c) for c in columns)
            parts.append(text)
        return "; ".join(parts)

    def __str__(self) -> str:
        """One problem as `Problem` prints it; several as ``ERROR ×3: message`` then where."""
        if self.count == 1:
            file, row, column = self.places[0]
            return str(Problem(self.level, file, row, column, self.message))
        return f"{self.level.upper()} ×{self.count}: {self.message}\n    {self.where()}"


def _runs(rows: list[int]) -> str:
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


def grouped(report: LoadReport, *, fixes_too: bool = True) -> list[Group]:
    """The problems grouped by cause (level and message), in `ordered` order of their first row: errors first,
    every root cause (a rejected element row) before the knock-on errors it causes ("because row 7 of
    Elements.csv was rejected"), then warnings; `fixes_too` False leaves out the fixes (`loaders.fixes`)."""
    groups: dict[tuple[str, str], Group] = {}
    for p in ordered(report):
        if p.code in fixes.KINDS and not fixes_too:
            continue
        group = groups.setdefault((p.level, p.message), Group(p.level, p.message, p.knock_on))
        group.places.append((p.file, p.row, p.column))
    return list(groups.values())


def problem_rows(report: LoadReport) -> list[dict]:
    """Every problem (in `ordered` order) with file, row and column."""
    return [
        {"level": p.level, "file": p.file, "row": p.row, "column": p.column or "", "message": p.message}
        for p in ordered(report)
    ]


def fix_lines(report: LoadReport) -> list[str]:
    """One line per kind of fix made on the way, with its count: ``cells trimmed (3)`` (`loaders.fixes.summary`)."""
    return fixes.summary(report.problems)


def undo_hint(report: LoadReport, where: str = "python -m loaders undo") -> str:
    """How to take a written load back (empty when nothing was written): every change can be undone."""
    if report.dry_run or not report.written or not report.load_id:
        return ""
    return f"Load {report.load_id}: to take it back, {where} {report.load_id}."


def outcome(report: LoadReport, allow_errors: bool, remedy: str = CLI_REMEDY) -> tuple[str, str]:
    """``(level, sentence)``: what would happen (a dry run) or what happened; level is error, warning, info or success.

    `remedy` says how to go on when errors stop the load.
    """
    changed = report.changed()
    rejected = f" {report.rejected_rows} row(s) rejected." if report.rejected_rows else ""
    if report.errors and not allow_errors and not report.written:
        if report.dry_run:
            return "error", f"{len(report.errors)} error(s): nothing can be loaded as it is. {remedy}"
        return "error", f"Not loaded: {len(report.errors)} error(s); nothing was written. {remedy}"
    if report.dry_run:
        if changed:
            would = f" {report.rejected_rows} row(s) with errors would be rejected." if report.rejected_rows else ""
            return "info", f"Checked: {changed} {_what(report)} would be created or updated.{would}"
        if report.entities or report.links or report.findings:
            return "info", "Checked: nothing would change; everything is already in the graph."
        return "warning", "Nothing to load in these files."
    if changed:
        return "success", f"Loaded: {changed} {_what(report)} created or updated.{rejected}"
    if report.entities or report.links or report.findings:
        return "success", f"Loaded: nothing changed; everything was already in the graph.{rejected}"
    return "warning", "Nothing to load in these files."


def _what(report: LoadReport) -> str:
    """What a load's count counts: ``entities and links``, or ``entities, links and findings`` when it has findings."""
    return "entities, links and findings" if report.findings else "entities and links"


def _table(title: str, rows: list[dict]) -> list[str]:
    if not rows:
        return []
    width = max(len(r["kind or type"]) for r in rows) + 2
    lines = [f"{title:<{width}}" + "".join(f"{s:>11}" for s in STATUSES)]
    lines += [f"{r['kind or type']:<{width}}" + "".join(f"{r[s]:>11}" for s in STATUSES) for r in rows]
    return lines


PRINTED_CAUSES = 500  # causes a terminal gets; a crafted file can have hundreds of thousands


def format_report(report: LoadReport, allow_errors: bool = False) -> str:
    """Counts per kind and relationship type, the outcome, every error and warning, then the fixes by kind."""
    counts = count_rows(report)
    lines = [f"Files: {', '.join(report.files)}"]
    lines += _table("Entities", [r for r in counts if r["what"] == "entities"])
    lines += _table("Links", [r for r in counts if r["what"] == "links"])
    lines += _table("Findings", [r for r in counts if r["what"] == "findings"])
    lines.append(outcome(report, allow_errors)[1])
    if report.note:
        lines.append(report.note)
    if report.problems:
        lines.append(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s), by cause, causes first:")
        groups = grouped(report)
        lines += [f"  {group}" for group in groups[:PRINTED_CAUSES]]
        if len(groups) > PRINTED_CAUSES:
            lines.append(f"  …and {len(groups) - PRINTED_CAUSES:,} more causes (the Load page lists every problem)")
    if summary := fix_lines(report):
        lines.append("Fixed on the way (each one is a warning above):")
        lines += [f"  {line}" for line in summary]
    return "\n".join(lines)
