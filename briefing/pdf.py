"""A briefing pack as PDF, made offline with fpdf2 and the DejaVu fonts that matplotlib ships.

The marking is printed in the header and the footer of every page; on sample data the sample notice is printed
under it and a faint SAMPLE watermark across the page.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from briefing.model import MISSING_SOURCE, Brief, Note, Statement, Table, cite, flag
from briefing.outline import blocks_of, cited, title
from graph.settings import SAMPLE_NOTICE

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FACE = "DejaVu"
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_URL = re.compile(r"https?://[^\s<>\"]+")
RED = (160, 0, 0)


def clean(text) -> str:
    return " ".join(_NOT_TEXT.sub("", str(text if text is not None else "")).split())


class _Pack(FPDF):
    def __init__(self, marking: str, title: str, sample: bool = False):
        super().__init__(format="A4")
        self.marking, self.pack_title, self.sample = clean(marking), clean(title), sample
        for style, file in (
            ("", "DejaVuSans.ttf"),
            ("B", "DejaVuSans-Bold.ttf"),
            ("I", "DejaVuSans-Oblique.ttf"),
            ("BI", "DejaVuSans-BoldOblique.ttf"),
        ):
            self.add_font(FACE, style, str(FONTS / file))
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)

    def header(self):
        self.set_font(FACE, "B", 10)
        self.set_text_color(*RED)
        self.cell(0, 6, self.marking, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if self.sample:
            self.set_font(FACE, "B", 8)
            self.cell(0, 4, SAMPLE_NOTICE, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self._watermark()
        self.set_text_color(0, 0, 0)
        self.ln(2)

    def _watermark(self):
        """SAMPLE across the middle of the page, faint, under what the page then prints."""
        x, y = self.get_x(), self.get_y()
        self.set_font(FACE, "B", 54)
        self.set_text_color(240, 205, 205)
        with self.rotation(35, self.w / 2, self.h / 2):
            self.text(self.w / 2 - self.get_string_width("SAMPLE DATA") / 2, self.h / 2, "SAMPLE DATA")
        self.set_text_color(*RED)
        self.set_xy(x, y)

    def footer(self):
        self.set_y(-14)
        self.set_font(FACE, "B", 10)
        self.set_text_color(*RED)
        self.cell(
            0,
            5,
            self.marking + (" · SAMPLE DATA" if self.sample else ""),
            align="C",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.set_font(FACE, "", 7)
        self.set_text_color(90, 90, 90)
        self.cell(0, 4, f"{self.pack_title} · page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def _statements(pdf: _Pack, items: list[Statement], prefix: str = "") -> None:
    text = prefix + " ".join("".join((clean(t), f" {m}" if m else "", e)) for t, m, e in map(cited, items))
    pdf.set_font(FACE, "", 9)
    pdf.multi_cell(0, 4.6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)


def _measure(pdf: _Pack):
    """The width of a text in the table's font: bold, as the header is, so a header word fits too."""

    def width(text: str) -> float:
        return pdf.get_string_width(clean(text))

    return width


def _table(pdf: _Pack, item: Table) -> None:
    pdf.set_font(FACE, "B", 7)
    widths = item.widths(pdf.epw, _measure(pdf), pad=2 * 0.8 + 0.6)  # the cell padding both sides, and a margin
    pdf.set_font(FACE, "", 7)
    with pdf.table(
        col_widths=widths,
        width=pdf.epw,
        text_align="LEFT",
        line_height=3.6,
        padding=0.8,
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
    ) as table:
        heading = table.row()
        for column in [*item.columns, "Sources"]:
            heading.cell(clean(column))
        for cells, notes in zip(item.rows, item.notes, strict=True):
            row = table.row()
            for text in [*cells, cite(notes)]:
                row.cell(clean(text))
    pdf.ln(3)


def _note(pdf: _Pack, note: Note) -> None:
    pdf.set_font(FACE, "", 7.5)
    pdf.write(3.8, f"{note.number}. ")
    if note.derived:
        pdf.write(3.8, clean(note.derived))
    else:
        for i, src in enumerate(note.sources):
            if i:
                pdf.write(3.8, "; ")
            if _URL.fullmatch(src):
                pdf.set_text_color(5, 99, 193)
                pdf.write(3.8, clean(src), link=src)
                pdf.set_text_color(0, 0, 0)
            else:
                pdf.write(3.8, clean(src))
            if flag(src):
                pdf.set_font(FACE, "B", 7.5)
                pdf.write(3.8, clean(flag(src)))
                pdf.set_font(FACE, "", 7.5)
        if not note.sources:
            pdf.set_font(FACE, "B", 7.5)
            pdf.write(3.8, MISSING_SOURCE)
            pdf.set_font(FACE, "", 7.5)
        pdf.write(3.8, clean(note.provenance))
    pdf.ln(4.6)


def to_pdf(brief: Brief, template: str = "full") -> bytes:
    """The pack (`template` ``full``) or the one-page brief with the pack as annex (``one-page``) as PDF bytes."""
    return bytes(render(brief, blocks_of(brief, template), title(brief, template)).output())


def render(brief: Brief, blocks: list[tuple], heading: str) -> FPDF:
    """`blocks` laid out on A4 pages under `heading` (the caller counts the pages or writes the bytes)."""
    pdf = _Pack(brief.marking, brief.title, brief.sample)
    pdf.set_title(clean(heading))
    pdf.set_subject(clean(f"{brief.title}, as of {brief.as_of} ({brief.marking})"))
    pdf.set_keywords(clean(brief.marking))
    pdf.set_creator("Stakeholder Graph Explorer")
    pdf.add_page()
    pdf.set_font(FACE, "B", 16)
    pdf.multi_cell(0, 8, clean(heading), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    for block in blocks:
        kind = block[0]
        if kind == "heading":
            if pdf.will_page_break(20):
                pdf.add_page()
            pdf.set_font(FACE, "B", 13 if block[1] == 1 else 11)
            pdf.start_section(clean(block[2]), level=block[1] - 1)
            pdf.multi_cell(0, 6.5, clean(block[2]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1)
        elif kind == "paragraph":
            _statements(pdf, block[1])
        elif kind == "facts":
            for item in block[1]:
                _statements(pdf, [item], prefix=f"• {clean(item.label)}: ")
        elif kind == "lines":
            for item in block[1]:
                _statements(pdf, [item], prefix=f"{clean(item.label)}: " if item.label else "")
        elif kind == "numbered":
            for i, item in enumerate(block[1], 1):
                _statements(pdf, [item], prefix=f"{i}. ")
        elif kind == "page break":
            pdf.add_page()
        elif kind == "missing":
            pdf.set_font(FACE, "I", 9)
            pdf.multi_cell(0, 4.6, clean(block[1]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1.5)
        elif kind == "table":
            _table(pdf, block[1])
        elif kind == "figure":
            pdf.image(io.BytesIO(block[1].png), w=min(170, pdf.epw))
            pdf.set_font(FACE, "I", 8)
            pdf.multi_cell(0, 4, clean(block[1].caption), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2)
        elif kind == "notes":
            for note in block[1]:
                _note(pdf, note)
    return pdf
