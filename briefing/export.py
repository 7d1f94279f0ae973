"""A pack as a file: DOCX, Markdown (with its pictures) or PDF."""

from __future__ import annotations

from briefing.docx import to_docx
from briefing.markdown import to_markdown
from briefing.model import Brief
from briefing.pdf import to_pdf

FORMATS = ("docx", "md", "pdf")


def export(pack: Brief, fmt: str, *, image_prefix: str | None = None) -> tuple[bytes, dict[str, bytes]]:
    """The pack as a file in `fmt` (docx, md or pdf), and the pictures a Markdown file links to."""
    if fmt == "docx":
        return to_docx(pack), {}
    if fmt == "md":
        text, images = to_markdown(pack, image_prefix=image_prefix)
        return text.encode("utf-8"), images
    if fmt == "pdf":
        return to_pdf(pack), {}
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
