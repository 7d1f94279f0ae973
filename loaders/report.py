"""A load report as plain text for the terminal."""

from __future__ import annotations

from loaders.model import LoadReport

STATUSES = ("created", "updated", "unchanged")


def _table(title: str, counts: dict) -> list[str]:
    if not counts:
        return []
    width = max(len(name) for name in counts) + 2
    lines = [f"{title:<{width}}" + "".join(f"{s:>11}" for s in STATUSES)]
    for name, counter in sorted(counts.items()):
        lines.append(f"{name:<{width}}" + "".join(f"{counter.get(s, 0):>11}" for s in STATUSES))
    return lines


def format_report(report: LoadReport) -> str:
    """Counts per kind and relationship type, then every error and warning."""
    verb = "would be" if report.dry_run else "were"
    lines = [f"Files: {', '.join(report.files)}"]
    lines += _table("Entities", report.entities) + _table("Links", report.links)
    if report.errors and not report.written and not report.entities:
        lines.append(
            f"NOT LOADED: {len(report.errors)} error(s); nothing was written. "
            "Fix them, or use --allow-errors to load the valid rows."
        )
    elif report.entities or report.links:
        changed = report.changed()
        lines.append(
            "Nothing changed: every entity and link is already in the graph."
            if not changed
            else f"{changed} entities and links {verb} created or updated."
        )
    if report.rejected_rows:
        lines.append(f"Rejected rows: {report.rejected_rows}")
    if report.note:
        lines.append(report.note)
    if report.problems:
        lines.append(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s):")
        lines += [f"  {p}" for p in sorted(report.problems, key=lambda p: (p.level != "error", p.file, p.row or 0))]
    return "\n".join(lines)
