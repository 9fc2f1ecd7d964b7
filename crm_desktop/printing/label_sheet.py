"""Where each label of a run lands: sheet, slot and fitted text, in millimetres from the page's
top-left corner. The PDF writer and the dialog's preview (QPainter) both draw from this."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from crm_desktop.printing.label_templates import LabelTemplate, Rect
from crm_desktop.printing.text_fit import BlockLine, FittedBlock, fit_block, padding


class LabelLayout(NamedTuple):  # a tuple: one per label, cheaper to make than a frozen dataclass
    slot: int  # 0-based position on its sheet, across then down
    rect: Rect  # the label, mm from the page's top-left corner
    block: FittedBlock | None  # None: a position left empty (start at label N)

    @property
    def inner(self) -> Rect:
        """The label less its padding: every line stays inside this."""
        pad_x, pad_y = padding(self.rect.width, self.rect.height)
        return Rect(self.rect.x + pad_x, self.rect.y + pad_y, self.rect.width - 2 * pad_x, self.rect.height - 2 * pad_y)


@dataclass(frozen=True, slots=True)
class SheetLayout:
    number: int  # 0-based
    page_width: float
    page_height: float
    labels: tuple[LabelLayout, ...]  # every position of the sheet, empty ones included


def sheet_count(template: LabelTemplate, count: int, start: int = 1) -> int:
    """Sheets needed for count labels when the first sheet begins at position start (1-based)."""
    used = start - 1 + count
    return max(1, -(-used // template.per_sheet)) if count else 0


def sheet_layout(template: LabelTemplate, labels: Sequence[Sequence[BlockLine]], start: int, number: int) -> SheetLayout:
    """Sheet `number` of the run: positions before `start` on the first sheet, and after the last
    label on the last sheet, are empty."""
    per_sheet = template.per_sheet
    first = number * per_sheet - (start - 1)  # the label index at this sheet's first position
    placed = []
    for slot, rect in enumerate(_slots(template)):
        index = first + slot
        block = fit_block(list(labels[index]), rect.width, rect.height) if 0 <= index < len(labels) else None
        placed.append(LabelLayout(slot, rect, block))
    return SheetLayout(number, template.page_width, template.page_height, tuple(placed))


@functools.lru_cache(maxsize=32)
def _slots(template: LabelTemplate) -> tuple[Rect, ...]:
    return tuple(template.slot(slot) for slot in range(template.per_sheet))
