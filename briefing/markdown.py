"""A briefing pack as Markdown: the marking (and on sample data the sample notice) first and last, data text escaped,
only http(s) sources linked."""

from __future__ import annotations

import base64
import re

from briefing.model import MISSING_SOURCE, Brief, Note, Statement, Table, cite, flag
from briefing.outline import blocks_of, cited, title
from graph.settings import SAMPLE_NOTICE

_INLINE = re.compile(r"([\\`*_{}\[\]<>|~$!&])")
_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")
_URL = re.compile(r"https?://[^\s<>()\[\]\"'`\\]+")


def escape(text) -> str:
    """Data text made inert: one line, Markdown and HTML characters escaped, no list or heading at its start."""
    text = " ".join(str(text or "").split())
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m[1] + "\\" + m[2], text)


def source(text: str) -> str:
    """A source: a link when it is an http(s) URL and nothing else, otherwise escaped text."""
    return f"<{text}>" if _URL.fullmatch(text or "") else escape(text)


def flagged(text: str) -> str:
    """The mirror or aggregator flag of a source, or nothing."""
    return f" {escape(flag(text).strip())}" if flag(text) else ""


def note_text(note: Note) -> str:
    if note.derived:
        return escape(note.derived)
    head = "; ".join(source(s) + flagged(s) for s in note.sources) if note.sources else escape(MISSING_SOURCE)
    return f"{head}{escape(note.provenance)}"


def statement(item: Statement) -> str:
    text, marker, end = cited(item)
    return escape(text) + (f" {marker}" if marker else "") + escape(end)


def table(item: Table) -> list[str]:
    header = [*item.columns, "Sources"]
    lines = ["| " + " | ".join(escape(c) for c in header) + " |", "|" + "---|" * len(header)]
    for cells, notes in zip(item.rows, item.notes, strict=True):
        lines.append("| " + " | ".join([*(escape(c) for c in cells), cite(notes)]) + " |")
    return lines


def to_markdown(
    brief: Brief, *, image_prefix: str | None = None, template: str = "full"
) -> tuple[str, dict[str, bytes]]:
    """The pack (`template` ``full``) or the one-page brief with the pack as annex (``one-page``) as Markdown
    text, and the pictures it links to.

    With `image_prefix`, pictures are returned as ``PREFIX-N.png`` files for the
    caller to write beside the text; without, they are embedded as data URIs.
    """
    marking = f"**{escape(brief.marking)}**"
    notice = [f"**{escape(SAMPLE_NOTICE)}**", ""] if brief.sample else []
    lines = [marking, "", *notice, f"# {escape(title(brief, template))}", ""]
    images: dict[str, bytes] = {}
    for block in blocks_of(brief, template):
        kind = block[0]
        if kind == "heading":
            lines += [f"{'#' * (block[1] + 1)} {escape(block[2])}", ""]
        elif kind == "paragraph":
            lines += [" ".join(statement(s) for s in block[1]), ""]
        elif kind == "facts":
            lines += [f"- **{escape(s.label)}**: {statement(s)}" for s in block[1]] + [""]
        elif kind == "lines":
            lines += [(f"**{escape(s.label)}**: " if s.label else "") + statement(s) + "  " for s in block[1]] + [""]
        elif kind == "numbered":
            lines += [f"{i}. {statement(s)}" for i, s in enumerate(block[1], 1)] + [""]
        elif kind == "page break":
            lines += ["---", ""]
        elif kind == "missing":
            lines += [f"_{escape(block[1])}_", ""]
        elif kind == "table":
            lines += [*table(block[1]), ""]
        elif kind == "figure":
            figure = block[1]
            if image_prefix:
                name = f"{image_prefix}-{len(images) + 1}.png"
                images[name] = figure.png
                target = f"<{name}>"
            else:
                target = "data:image/png;base64," + base64.b64encode(figure.png).decode("ascii")
            lines += [f"![{escape(figure.title)}]({target})", "", f"_{escape(figure.caption)}_", ""]
        elif kind == "notes":
            lines += [f"{n.number}. {note_text(n)}" for n in block[1]] + [""]
    lines += ["---", "", *notice, marking, ""]
    return "\n".join(lines), images
