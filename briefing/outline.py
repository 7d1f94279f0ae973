"""The reading order every pack writer follows: blocks of headings, paragraphs, facts, tables, figures, notes."""

from __future__ import annotations

from briefing.model import Brief, Statement, cite
from graph.vocabulary import kind_name


def cited(statement: Statement) -> tuple[str, str, str]:
    """A statement as (text, marker, closing punctuation): the marker goes before the final full stop."""
    text = statement.text
    end = text[-1] if text and text[-1] in ".;:" else ""
    return (text[:-1] if end else text), cite(statement.notes), end


def meta_line(brief: Brief) -> str:
    home = f" Home set: {brief.home_filter}." if brief.home_filter else ""
    return f"As of {brief.as_of}. Generated {brief.generated_at}.{home}"


def outline(brief: Brief) -> list[tuple]:
    """The pack as a flat list of blocks in reading order, the same for every format.

    Blocks: ``("heading", level, text)``, ``("paragraph", [Statement])``,
    ``("facts", [Statement])``, ``("missing", text)``, ``("table", Table)``,
    ``("figure", Figure)``, ``("notes", [Note])``.
    """
    blocks: list[tuple] = [("paragraph", [Statement(meta_line(brief), ())])]
    blocks += _profile_blocks(brief, 1)
    for part in brief.parts:
        blocks.append(("heading", 1, f"{part.title} ({kind_name(part.kind)})"))
        blocks += _profile_blocks(part, 2)
    blocks += [("heading", 1, "Source notes"), ("notes", brief.notes)]
    return blocks


def _profile_blocks(brief: Brief, level: int) -> list[tuple]:
    blocks: list[tuple] = [
        ("heading", level, "Summary"),
        ("paragraph", brief.summary),
        ("heading", level, "Key facts"),
        ("facts", brief.facts),
        *(("missing", m) for m in brief.missing),
    ]
    for section in brief.sections:
        blocks.append(("heading", level, section.title))
        plain = [s for s in section.statements if not s.label]
        labelled = [s for s in section.statements if s.label]
        if plain:
            blocks.append(("paragraph", plain))
        if labelled:
            blocks.append(("facts", labelled))
        blocks += [("figure", f) for f in section.figures]
        blocks += [("table", t) for t in section.tables if t.rows]
        blocks += [("missing", m) for m in section.missing]
        blocks += [("missing", t.empty) for t in section.tables if not t.rows and t.empty not in section.missing]
    return blocks
