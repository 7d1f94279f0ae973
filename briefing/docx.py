"""A briefing pack as a Word document (python-docx): the marking in every page's header and footer, and on sample
data the sample notice under it."""

from __future__ import annotations

import io
import re

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from briefing.model import MISSING_SOURCE, Brief, Note, Statement, Table, cite, flag
from briefing.outline import blocks_of, cited, title
from graph.settings import SAMPLE_NOTICE

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_URL = re.compile(r"https?://[^\s<>\"]+")
MARKING_COLOUR = RGBColor(0xA0, 0x00, 0x00)
TEXT_WIDTH_CM = 17.0  # A4 less 2 cm margins
CELL_MARGINS_CM = 0.4  # Word's default cell margins, both sides, and a little more
_WIDE = set("MWmw@%")
_NARROW = set("iljtfI.,;:'!|()[] ")


def text_cm(text: str) -> float:
    """A text's width in 8 pt bold Calibri, near enough: 0.17 cm a letter, wide and narrow letters told apart."""
    return sum(0.24 if c in _WIDE else 0.08 if c in _NARROW else 0.17 for c in text)


def clean(text) -> str:
    """Text that Word can hold: characters XML forbids are dropped."""
    return _NOT_XML.sub("", str(text if text is not None else ""))


def _marking(paragraph, marking: str, sample: bool = False) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(clean(marking))
    run.bold = True
    run.font.size = Pt(11)
    run.font.color.rgb = MARKING_COLOUR
    if sample:  # the header and footer repeat on every page, so the notice does too
        paragraph.add_run().add_break()
        notice = paragraph.add_run(SAMPLE_NOTICE)
        notice.bold = True
        notice.font.size = Pt(9)
        notice.font.color.rgb = MARKING_COLOUR


def _page_number(paragraph) -> None:
    paragraph.add_run("  ·  page ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _hyperlink(paragraph, url: str) -> None:
    """A clickable http(s) link (python-docx has no API for adding one)."""
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0563C1")
    props.append(colour)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(underline)
    run.append(props)
    text = OxmlElement("w:t")
    text.text = clean(url)
    text.set(qn("xml:space"), "preserve")
    run.append(text)
    link.append(run)
    paragraph._p.append(link)


def _statements(paragraph, items: list[Statement]) -> None:
    for i, item in enumerate(items):
        text, marker, end = cited(item)
        paragraph.add_run(("" if i == 0 else " ") + clean(text))
        if marker:
            cite_run = paragraph.add_run(" " + marker)
            cite_run.font.size = Pt(8)
            cite_run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        paragraph.add_run(end)


def _table(document, item: Table) -> None:
    columns = [*item.columns, "Sources"]
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    header = table.rows[0]
    flag = OxmlElement("w:tblHeader")  # repeat the header row on every page
    flag.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(flag)
    for cell, text in zip(header.cells, columns, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(clean(text))
        run.bold = True
    for cells, notes in zip(item.rows, item.notes, strict=True):
        row = table.add_row().cells
        for cell, text in zip(row, [*cells, cite(notes)], strict=True):
            cell.text = clean(text)
    widths = [Cm(w) for w in item.widths(TEXT_WIDTH_CM, text_cm, pad=CELL_MARGINS_CM)]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice reads
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)


def _note(document, note: Note) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(2)
    paragraph.add_run(f"{note.number}. ")
    if note.derived:
        paragraph.add_run(clean(note.derived))
        return
    for i, src in enumerate(note.sources):
        if i:
            paragraph.add_run("; ")
        if _URL.fullmatch(src):
            _hyperlink(paragraph, src)
        else:
            paragraph.add_run(clean(src))
        if flag(src):
            paragraph.add_run(" ")
            paragraph.add_run(clean(flag(src).strip())).bold = True
    if not note.sources:
        paragraph.add_run(MISSING_SOURCE).bold = True
    paragraph.add_run(clean(note.provenance))
    for run in paragraph.runs:
        run.font.size = Pt(8)


def to_docx(brief: Brief, template: str = "full") -> bytes:
    """The pack (`template` ``full``) or the one-page brief with the pack as annex (``one-page``) as DOCX bytes."""
    heading = title(brief, template)
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    _marking(section.header.paragraphs[0], brief.marking, brief.sample)
    footer = section.footer.paragraphs[0]
    _marking(footer, brief.marking, brief.sample)
    _page_number(footer)
    properties = document.core_properties
    properties.title = clean(heading)
    properties.subject = clean(f"{brief.title}, as of {brief.as_of}")
    properties.keywords = clean(brief.marking)
    properties.category = clean(brief.marking)
    properties.comments = "Generated by Stakeholder Graph Explorer from the graph, not by a language model." + (
        f" {SAMPLE_NOTICE}." if brief.sample else ""
    )
    properties.author = "Stakeholder Graph Explorer"
    document.add_heading(clean(heading), 0)
    for block in blocks_of(brief, template):
        kind = block[0]
        if kind == "heading":
            document.add_heading(clean(block[2]), block[1])
        elif kind == "paragraph":
            _statements(document.add_paragraph(), block[1])
        elif kind == "facts":
            for item in block[1]:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(clean(item.label) + ": ").bold = True
                _statements(paragraph, [item])
        elif kind == "lines":
            for item in block[1]:
                paragraph = document.add_paragraph()
                if item.label:
                    paragraph.add_run(clean(item.label) + ": ").bold = True
                _statements(paragraph, [item])
        elif kind == "numbered":
            for item in block[1]:
                _statements(document.add_paragraph(style="List Number"), [item])
        elif kind == "page break":
            document.add_page_break()
        elif kind == "missing":
            document.add_paragraph().add_run(clean(block[1])).italic = True
        elif kind == "table":
            _table(document, block[1])
            document.add_paragraph()
        elif kind == "figure":
            document.add_picture(io.BytesIO(block[1].png), width=Cm(16))
            document.add_paragraph().add_run(clean(block[1].caption)).italic = True
        elif kind == "notes":
            for note in block[1]:
                _note(document, note)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
