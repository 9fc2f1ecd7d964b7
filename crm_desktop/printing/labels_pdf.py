"""Label sheets to PDF: real, embedded-font text at the template's positions, one page per sheet.

Written to a temporary file beside the target and renamed at the end, so a cancelled or failed run
leaves nothing behind and never half-overwrites an earlier file.
"""

from __future__ import annotations

import contextlib
import gc
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from crm_desktop.printing.fonts import register_fonts
from crm_desktop.printing.label_sheet import sheet_count, sheet_layout
from crm_desktop.printing.label_templates import LabelTemplate
from crm_desktop.printing.pdf_text import pen
from crm_desktop.printing.text_fit import PT, BlockLine


def write_labels_pdf(
    path: Path | str,
    template: LabelTemplate,
    labels: Sequence[Sequence[BlockLine]],
    start: int = 1,
    offset: tuple[float, float] = (0.0, 0.0),
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    title: str = "Mailing labels",
) -> bool:
    """Write the labels; False (and no file) when cancelled() said stop. offset: (x, y) mm that moves
    everything right and down, for a printer that feeds askew."""
    register_fonts()
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
    os.close(handle)
    try:
        with gc_paused():
            finished = _write(temporary, template, labels, start, offset, progress, cancelled, title)
        if finished:
            os.replace(temporary, target)
        return finished
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection during a labels job: it makes hundreds of thousands of small
    objects that live to the end (shaped lines, PDF code), and full collections over them cost about
    a fifth of the run while finding no cycles to free. At the end the survivors join the oldest
    generation (freeze, then unfreeze: two list moves), or the first collection after the job
    would walk them all as young objects (~0.1 s) and again find nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _write(temporary, template, labels, start, offset, progress, cancelled, title) -> bool:
    page_w, page_h = template.page_width / PT, template.page_height / PT
    canvas = Canvas(temporary, pagesize=(page_w, page_h), pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("crm-desktop")
    dx, dy = offset
    total = len(labels)
    writer = pen(canvas)
    done = 0
    for number in range(sheet_count(template, total, start)):
        if cancelled is not None and cancelled():
            return False
        for label in sheet_layout(template, labels, start, number).labels:
            if label.block is None:
                continue
            left = label.rect.x + dx
            top = label.rect.y + dy
            for line in label.block.lines:
                writer.write((left + line.x) / PT, page_h - (top + line.baseline) / PT, line.shaped, line.size)
            done += 1
        canvas.showPage()
        if progress is not None:
            progress(done, total)
    if cancelled is not None and cancelled():
        return False
    canvas.save()
    return True
