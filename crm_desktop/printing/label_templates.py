"""Label sheet templates: geometry as data (resources/labels/templates.json), in millimetres.

Positions count from the page's top-left corner, as a user measures a sheet with a ruler; the PDF
writer turns them into reportlab's bottom-left points.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import asdict, dataclass, fields

from crm_desktop.paths import resources_dir

PAGE_SIZES = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
TOLERANCE = 0.05  # mm: published figures are rounded to 0.01 in or 0.1 mm
_KEY = re.compile(r"^[a-z0-9][a-z0-9._-]{0,39}$")


class TemplateError(ValueError):
    """A template that is not usable, with a message saying what is wrong."""


@dataclass(frozen=True, slots=True)
class Rect:
    x: float  # mm from the page's left edge
    y: float  # mm from the page's top edge
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class LabelTemplate:
    key: str
    name: str
    page_width: float
    page_height: float
    label_width: float
    label_height: float
    columns: int
    rows: int
    top_margin: float
    left_margin: float
    h_pitch: float
    v_pitch: float
    corner_radius: float = 0.0
    source: str = ""
    custom: bool = False

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def size_text(self) -> str:
        page = next((name.upper() if name == "a4" else "Letter" for name, size in PAGE_SIZES.items()
                     if _close(size, (self.page_width, self.page_height))), f"{_mm(self.page_width)} x {_mm(self.page_height)} mm")  # fmt: skip
        return (f"{_mm(self.label_width)} x {_mm(self.label_height)} mm, {self.columns} x {self.rows} = "
                f"{self.per_sheet} per {page} sheet")  # fmt: skip

    def slot(self, index: int) -> Rect:
        """The rectangle of label `index` (0-based, across then down) on a sheet."""
        row, column = divmod(index, self.columns)
        return Rect(self.left_margin + column * self.h_pitch, self.top_margin + row * self.v_pitch,
                    self.label_width, self.label_height)  # fmt: skip

    def to_dict(self) -> dict:
        data = asdict(self)
        data.pop("custom")
        return data


def _mm(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _close(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) < 0.5 and abs(a[1] - b[1]) < 0.5


def template_from_dict(data: dict, custom: bool = False) -> LabelTemplate:
    """A checked template from its JSON form; TemplateError says which figure is missing, wrong, or
    does not fit on the page."""
    if not isinstance(data, dict):
        raise TemplateError("A template is a set of named figures (key, name, sizes in mm).")
    values = dict(data)
    if "page" in values and ("page_width" not in values or "page_height" not in values):
        size = PAGE_SIZES.get(str(values["page"]).lower())
        if size is None:
            raise TemplateError(f"Unknown page size '{values['page']}' (use a4, letter, or page_width and page_height).")
        values.setdefault("page_width", size[0])
        values.setdefault("page_height", size[1])
    known = {f.name for f in fields(LabelTemplate)} - {"custom"}
    args = {}
    for f in fields(LabelTemplate):
        if f.name not in known:
            continue
        if f.name not in values:
            if f.name in ("corner_radius", "source"):
                continue
            raise TemplateError(f"The template has no {f.name.replace('_', ' ')}.")
        args[f.name] = _field_value(f.name, values[f.name])
    template = LabelTemplate(**args, custom=custom)
    check_template(template)
    return template


def _field_value(name: str, value):
    if name in ("key", "name", "source"):
        if not isinstance(value, str):
            raise TemplateError(f"The template's {name} must be text.")
        return value.strip()
    if name in ("columns", "rows"):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
            raise TemplateError(f"The number of {name} must be a whole number from 1 to 100.")
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise TemplateError(f"The {name.replace('_', ' ')} must be a number of millimetres.")
    return float(value)


def check_template(t: LabelTemplate) -> None:
    """Refuse a sheet that cannot exist: labels wider than their pitch, or running off the page."""
    if not _KEY.match(t.key):
        raise TemplateError(f"'{t.key}' is not a usable template key: use lower-case letters, digits, '-', '.' or '_'.")
    if not t.name:
        raise TemplateError("The template needs a name.")
    if not (50 <= t.page_width <= 1000 and 50 <= t.page_height <= 1000):
        raise TemplateError("The page must be 50 to 1000 mm wide and high.")
    if t.label_width < 10 or t.label_height < 5:
        raise TemplateError("A label must be at least 10 mm wide and 5 mm high to hold an address.")
    if t.top_margin < 0 or t.left_margin < 0:
        raise TemplateError("The top and left margins cannot be negative.")
    if t.columns > 1 and t.h_pitch + TOLERANCE < t.label_width:
        raise TemplateError(f"The labels overlap side by side: the horizontal pitch ({_mm(t.h_pitch)} mm) is "
                            f"less than the label width ({_mm(t.label_width)} mm).")  # fmt: skip
    if t.rows > 1 and t.v_pitch + TOLERANCE < t.label_height:
        raise TemplateError(f"The labels overlap one above the other: the vertical pitch ({_mm(t.v_pitch)} mm) "
                            f"is less than the label height ({_mm(t.label_height)} mm).")  # fmt: skip
    right = t.left_margin + (t.columns - 1) * t.h_pitch + t.label_width
    if right > t.page_width + TOLERANCE:
        raise TemplateError(f"The columns overflow the page width: the last column ends at {_mm(right)} mm, "
                            f"the page is {_mm(t.page_width)} mm wide.")  # fmt: skip
    bottom = t.top_margin + (t.rows - 1) * t.v_pitch + t.label_height
    if bottom > t.page_height + TOLERANCE:
        raise TemplateError(f"The rows overflow the page height: the last row ends at {_mm(bottom)} mm, "
                            f"the page is {_mm(t.page_height)} mm high.")  # fmt: skip


@functools.cache
def builtin_templates() -> tuple[LabelTemplate, ...]:
    data = json.loads((resources_dir() / "labels" / "templates.json").read_text(encoding="utf-8"))
    return tuple(template_from_dict(item) for item in data["templates"])
