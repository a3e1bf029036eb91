"""Page furniture and assembly: one PDF from one or more forms, each with its own pages x/y.

Every page carries the branch, the title, the document number with its QR code, the page number
within its form ("第 x / y 页") and, for a reprint, the 副本/COPY mark. Page numbers need the
page count, so :class:`_PagedCanvas` holds pages back until ``save`` (the usual ReportLab
"numbered canvas" pattern) and records which form each page belongs to.
"""

from __future__ import annotations

import importlib.util
import io
import itertools
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from types import ModuleType
from typing import Any, cast

import reportlab
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph

from workstation.forms.base import Data, FormDefinition, PageSize
from workstation.printing import fonts
from workstation.printing.layout import Styles, section_flowables, signature_block

SLIP_WIDTH = 80 * mm
QR_SIZE = 18 * mm
QR_TOP = 6 * mm
MARGIN = 14 * mm
SLIP_MARGIN = 4 * mm


@dataclass(frozen=True)
class Part:
    """One form inside a PDF."""

    form: FormDefinition
    data: Data
    copy: bool = False

    @property
    def doc_no(self) -> str:
        return str(self.data.get("doc_no", ""))


def _qrencoder() -> ModuleType:
    """ReportLab's QR encoder without ``reportlab.graphics.barcode``'s package import.

    That package registers every barcode widget on import (~70 ms, a seventh of the first-render
    budget); ``qrencoder.py`` itself only needs ``re`` and ``itertools``.
    """
    cached = sys.modules.get(_QR_MODULE)
    if cached is not None:
        return cached
    path = Path(reportlab.__file__).parent / "graphics" / "barcode" / "qrencoder.py"
    spec = importlib.util.spec_from_file_location(_QR_MODULE, path)
    if spec is None or spec.loader is None:  # pragma: no cover - layout of the pinned ReportLab
        from reportlab.graphics.barcode import qrencoder

        return cast(ModuleType, qrencoder)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules[_QR_MODULE] = module
    return module


_QR_MODULE = "workstation.printing._rl_qrencoder"


@lru_cache(maxsize=64)
def qr_runs(value: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The QR code of ``value`` (level M) as module count and dark runs ``(row, first column, length)``.

    Same encoder as ``createBarcodeDrawing("QR")``, but drawn as one path: building a Drawing of
    hundreds of shapes per page took half the time of a whole form.
    """
    qrencoder = _qrencoder()
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(value)
    qr.make()
    runs: list[tuple[int, int, int]] = []
    for r, row in enumerate(qr.modules):
        c = 0
        for dark, group in itertools.groupby(bool(m) for m in row):
            n = len(list(group))
            if dark:
                runs.append((r, c, n))
            c += n
    return qr.getModuleCount(), tuple(runs)


def draw_qr(canvas: Canvas, value: str, x: float, y: float, size: float) -> None:
    """Draw the QR code of ``value`` in the square of side ``size`` with lower-left corner (x, y)."""
    count, runs = qr_runs(value)
    box = size / count
    path = canvas.beginPath()
    for r, c, n in runs:
        path.rect(x + c * box, y + size - (r + 1) * box, n * box, box)
    canvas.saveState()
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


class _PagedCanvas(Canvas):  # type: ignore[misc]
    """Defers pages to ``save`` so each footer can say 第 x / y 页 within its own form."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["initialFontName"] = kwargs.get("initialFontName") or fonts.PRIMARY  # else pages use Helvetica
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []
        self.cw_part: Part | None = None
        self.cw_index = 0
        self.cw_started: Counter[int] = Counter()

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        totals = Counter(state["cw_index"] for state in self._held)
        seen: Counter[int] = Counter()
        for state in self._held:
            self.__dict__.update(state)
            seen[self.cw_index] += 1
            if self.cw_part is not None:
                _draw_page_number(self, self.cw_part, seen[self.cw_index], totals[self.cw_index])
            Canvas.showPage(self)
        Canvas.save(self)


def _draw_page_number(canvas: Canvas, part: Part, page: int, total: int) -> None:
    width, _ = canvas._pagesize
    slip = part.form.page_size is PageSize.SLIP_80MM
    margin = SLIP_MARGIN if slip else MARGIN
    canvas.saveState()
    canvas.setFont(fonts.PRIMARY, 7 if slip else 8)
    canvas.setFillColor(colors.black)
    y = 3 * mm if slip else 8 * mm
    draw_text(canvas, margin, y, f"单据编号 {part.doc_no}", 7 if slip else 8)
    canvas.setFont(fonts.PRIMARY, 7 if slip else 8)
    canvas.drawRightString(width - margin, y, f"第 {page} / {total} 页")
    canvas.restoreState()


def _decorate(part: Part, index: int, canvas: Canvas, doc: BaseDocTemplate) -> None:
    """Per-page furniture drawn when the page starts (everything but the page number)."""
    assert isinstance(canvas, _PagedCanvas)
    canvas.cw_part = part
    canvas.cw_index = index
    canvas.cw_started[index] += 1
    width, height = canvas._pagesize
    canvas.saveState()
    if part.form.page_size is not PageSize.SLIP_80MM:
        draw_text(
            canvas, MARGIN, height - 10 * mm, _fit_canvas_text(str(part.data.get("branch", "")), 8, width * 0.6), 8
        )
        if part.data.get("date"):
            draw_text(canvas, MARGIN, height - 14 * mm, f"日期：{part.data['date']}", 8)
        draw_qr(canvas, part.doc_no, width - MARGIN - QR_SIZE, height - QR_TOP - QR_SIZE, QR_SIZE)
        canvas.setFont(fonts.PRIMARY, 7)
        canvas.drawRightString(width - MARGIN - QR_SIZE - 2 * mm, height - QR_TOP - QR_SIZE + 1 * mm, part.doc_no)
        canvas.setStrokeColor(colors.Color(0.6, 0.6, 0.6))
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, 12 * mm, width - MARGIN, 12 * mm)
        if canvas.cw_started[index] > 1:
            canvas.setFont(fonts.PRIMARY, 9)
            draw_text(canvas, MARGIN, height - 19 * mm, f"{part.form.title}（续）", 9)
    if part.copy:
        _copy_mark(canvas, width, height)
    canvas.restoreState()


def _fit_canvas_text(text: str, size: float, width: float) -> str:
    """Header text (the branch name) is trimmed to ``width``; form content is laid out by platypus."""
    while text and fonts.string_width(text, size) > width:
        text = text[:-1]
    return text


def draw_text(canvas: Canvas, x: float, y: float, text: str, size: float) -> None:
    """``drawString`` with per-character fonts, so a fallback character is never a wrong glyph."""
    # One text object for all runs: extractors (pypdf) start a new line at each BT…ET block.
    obj = canvas.beginText(x, y)
    for font, chunk in fonts.runs(text):
        obj.setFont(font, size)
        obj.textOut(chunk)
    canvas.drawText(obj)


def _copy_mark(canvas: Canvas, width: float, height: float) -> None:
    canvas.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.18))
    canvas.setFont(fonts.PRIMARY, min(width, height) / 7)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(35)
    canvas.drawCentredString(0, 0, "副本 COPY")


def _story(part: Part, styles: Styles, width: float) -> list[Flowable]:
    form, data = part.form, part.data
    title = form.title + ("（副本）" if part.copy else "")
    story: list[Flowable] = [Paragraph(fonts.markup(title), styles.title)]
    if form.subtitle:
        story.append(Paragraph(fonts.markup(form.subtitle), styles.subtitle))
    if form.page_size is PageSize.SLIP_80MM:
        story[0:0] = [Paragraph(fonts.markup(str(data.get("branch", ""))), styles.subtitle)]
        story.append(
            Paragraph(
                fonts.markup(str(data.get("ticket", ""))), styles.style("ticket", scale=4.2, align=1, leading=1.1)
            )
        )
    story.append(Paragraph("&nbsp;", styles.body))
    for section in form.sections:
        story.extend(section_flowables(section, form, data, styles, width))
    if form.code_qr is not None and data.get(form.code_qr[0]):
        story.append(_CentredQR(form.code_qr[1] + str(data[form.code_qr[0]]), 28 * mm, width))
        caption = f"到店签到请出示此码（{form.field(form.code_qr[0]).label} {data[form.code_qr[0]]}）"
        story.append(Paragraph(fonts.markup(caption), styles.style("qr-caption", scale=0.9, align=1)))
    signatures = signature_block(form, data, styles, width)
    if signatures is not None:
        story.append(signatures)
    if form.page_size is PageSize.SLIP_80MM:
        story.append(_CentredQR(part.doc_no, 24 * mm, width))
    return story


class _CentredQR(Flowable):  # type: ignore[misc]
    def __init__(self, value: str, size: float, width: float) -> None:
        super().__init__()
        self.value, self.size, self.avail = value, size, width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.avail, self.size + 2 * mm

    def draw(self) -> None:
        draw_qr(self.canv, self.value, (self.avail - self.size) / 2, 2 * mm, self.size)


def _page_size(form: FormDefinition) -> tuple[float, float]:
    width, height = A5 if form.page_size is PageSize.A5 else A4
    return float(width), float(height)


def _slip_height(story: Sequence[Flowable], width: float) -> float:
    return float(sum(f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in story) + 12 * mm)


def build(parts: Sequence[Part], *, title: str = "", author: str = "") -> bytes:
    """Lay out ``parts`` in order as one PDF (already validated data) and return its bytes."""
    fonts.ensure_primary()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        invariant=1,
        initialFontName=fonts.PRIMARY,
        title=title or parts[0].form.title,
        author=author,
        creator="Counter Workstation",
        subject=" ".join(p.doc_no for p in parts),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
    )
    templates: list[PageTemplate] = []
    story: list[Flowable] = []
    for index, part in enumerate(parts):
        slip = part.form.page_size is PageSize.SLIP_80MM
        if slip:
            width = SLIP_WIDTH - 2 * SLIP_MARGIN
            content = _story(part, Styles(8.0), width)
            size = (SLIP_WIDTH, _slip_height(content, width))
            frame = Frame(SLIP_MARGIN, 6 * mm, width, size[1] - 8 * mm, 0, 0, 0, 0, id=f"f{index}")
        else:
            size = _page_size(part.form)
            base = 9.0 if part.form.page_size is PageSize.A4 else 8.0
            width = size[0] - 2 * MARGIN
            top = QR_TOP + QR_SIZE + 2 * mm
            frame = Frame(MARGIN, 14 * mm, width, size[1] - top - 14 * mm, 0, 0, 0, 0, id=f"f{index}")
            content = _story(part, Styles(base), width)
        templates.append(
            PageTemplate(id=f"p{index}", frames=[frame], onPage=partial(_decorate, part, index), pagesize=size)
        )
        if index:
            story.extend([NextPageTemplate(f"p{index}"), PageBreak()])
        story.extend(content)
    doc.addPageTemplates(templates)
    doc.build(story, canvasmaker=_PagedCanvas)
    return buffer.getvalue()
