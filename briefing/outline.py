"""The reading order every pack writer follows: blocks of headings, paragraphs, facts, tables, figures, notes."""

from __future__ import annotations

from briefing.model import Brief, Statement, cite
from graph.dates import local_date
from graph.vocabulary import kind_name


def cited(statement: Statement) -> tuple[str, str, str]:
    """A statement as (text, marker, closing punctuation): the marker goes before the final full stop."""
    text = statement.text
    end = text[-1] if text and text[-1] in ".;:" else ""
    return (text[:-1] if end else text), cite(statement.notes), end


def meta_line(brief: Brief) -> str:
    home = f" Home set: {brief.home_filter}." if brief.home_filter else ""
    return f"As of {local_date(brief.as_of)}. Generated {brief.generated_at}.{home}"


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


TITLES = {"full": "Briefing pack", "one-page": "Brief"}


def title(brief: Brief, template: str = "full") -> str:
    """The document's title line: ``Briefing pack: Fiji`` or ``Brief: Fiji`` (the one-page brief)."""
    return f"{TITLES[template]}: {brief.title}"


def one_page_outline(brief: Brief, *, annex: bool = True) -> list[tuple]:
    """The one-page brief as blocks, then (with `annex`) a page break and the whole pack.

    Extra blocks: ``("lines", [Statement])`` (one line each, a label first when it has one), ``("numbered",
    [Statement])`` (the next steps) and ``("page break",)``.
    """
    page = brief.one_page
    if page is None:
        raise ValueError(f"the pack of {brief.title} has no one-page brief (a member's part of a set pack)")
    cited_notes = set(page.cited())
    blocks: list[tuple] = [
        ("paragraph", [Statement(meta_line(brief), ())]),
        ("paragraph", [page.purpose]),
        ("heading", 2, "Who they are"),
        ("paragraph", page.who),
        ("heading", 2, "Our relationship"),
        ("lines", page.relationship),
        ("heading", 2, "Open gaps"),
        ("lines", page.gaps),
        ("heading", 2, "Suggested next steps"),
        ("numbered", page.steps),
        ("heading", 2, "Sources"),
        ("notes", [n for n in brief.notes if n.number in cited_notes]),
    ]
    blocks = [b for b in blocks if not (b[0] == "lines" and not b[1])]
    if annex:
        blocks += [("page break",), ("heading", 1, f"Annex: full briefing pack on {brief.title}"), *outline(brief)]
    return blocks


def blocks_of(brief: Brief, template: str = "full") -> list[tuple]:
    """The blocks of `template`: ``full`` (the pack) or ``one-page`` (the brief, the pack as its annex)."""
    if template == "full":
        return outline(brief)
    if template == "one-page":
        return one_page_outline(brief)
    raise ValueError(f"unknown template {template!r}; use one of {', '.join(TITLES)}")


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
