"""A pack as a file: DOCX, Markdown (with its pictures) or PDF."""

from __future__ import annotations

from briefing.docx import to_docx
from briefing.markdown import to_markdown
from briefing.model import Brief
from briefing.outline import TITLES
from briefing.pdf import to_pdf

FORMATS = ("docx", "md", "pdf")
TEMPLATES = tuple(TITLES)  # full: the pack; one-page: the one-page brief, the pack as its annex


def export(
    pack: Brief, fmt: str, *, image_prefix: str | None = None, template: str = "full"
) -> tuple[bytes, dict[str, bytes]]:
    """The pack as a file in `fmt` (docx, md or pdf) after `template`, and the pictures a Markdown file links to."""
    if fmt == "docx":
        return to_docx(pack, template), {}
    if fmt == "md":
        text, images = to_markdown(pack, image_prefix=image_prefix, template=template)
        return text.encode("utf-8"), images
    if fmt == "pdf":
        return to_pdf(pack, template), {}
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
