"""The forecast chart: weighted value of open deals by expected close month (issue 4), as a matplotlib
Figure that the screen and a PDF report can share (no pyplot, no Qt).

One small chart per currency over the same months, up to three side by side: rupees and dollars are never
drawn on one scale, let alone summed. Bars carry short figures (₹12.3L); the exact amounts are in the table
beside the chart. The chart holds months and amounts only; stage names (often Urdu or Hindi) stay
in the Qt table beside it, where the text is shaped and laid out right to left properly.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from datetime import date
from functools import cache

from babel.numbers import format_compact_currency
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.ticker import FuncFormatter, MaxNLocator

from crm_desktop.domain.forecast import MonthForecast
from crm_desktop.domain.money import HOME_LOCALES, Money

BAR_COLORS = ("#2e7d32", "#1565c0", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#5d4037", "#455a64")
MAX_COLUMNS = 3
LABEL_SIZE = 8


def month_label(month: date) -> str:
    """"Nov\n2026" (the first bar and January carry the year, the others the month only): a fixed English
    form, so the chart never needs a font for the UI's language."""
    return f"{calendar.month_abbr[month.month]}\n{month.year}"


def currencies(months: Sequence[MonthForecast]) -> list[str]:
    """The currencies of the forecast in the order they first appear."""
    found: list[str] = []
    for month in months:
        found += [code for code in month.weighted if code not in found]
    return found


@cache
def _drawable_codepoints() -> frozenset[int]:
    return frozenset(FT2Font(font_manager.findfont(font_manager.FontProperties())).get_charmap())


def drawable(text: str) -> bool:
    """Whether matplotlib's font has every character (Bangladesh's ৳, say, it has not)."""
    known = _drawable_codepoints()
    return all(ord(ch) in known for ch in text)


def tick_label(value: float, currency: str) -> str:
    """A short axis figure in the currency's style: ₹2.5L, Rs1M, $25K."""
    text = format_compact_currency(value, currency, locale=HOME_LOCALES.get(currency, "en"), fraction_digits=1)
    return text if drawable(text) else f"{currency} {value:,.0f}"


def draw_forecast(figure: Figure, months: Sequence[MonthForecast], *, text_color: str | None = None,
                  label: Callable[[date], str] = month_label, empty_text: str = "No open deals expected to close "
                  "in these months") -> None:  # fmt: skip
    """Draw (or redraw) the forecast into figure: one axes per currency, one bar per month."""
    figure.clear()
    codes = currencies(months)
    color = text_color or "black"
    if not codes:
        figure.text(0.5, 0.5, empty_text, ha="center", va="center", color=color)
        return
    columns, rows = grid_of(len(codes))
    grid = figure.subplots(rows, columns, squeeze=False)
    axes = list(grid.flat)
    for spare in axes[len(codes):]:
        figure.delaxes(spare)
    positions = list(range(len(months)))
    for number, (ax, code) in enumerate(zip(axes, codes, strict=False)):
        amounts = [m.weighted.get(code, Money(0, code)) for m in months]
        heights = [float(a.amount) for a in amounts]  # plotting only: the table beside has the exact Money
        bars = ax.bar(positions, heights, width=0.6, color=BAR_COLORS[number % len(BAR_COLORS)], label=code)
        ax.bar_label(bars, labels=[tick_label(h, code) if a.minor else "" for a, h in zip(amounts, heights, strict=True)],
                     padding=2, fontsize=LABEL_SIZE, color=color)  # fmt: skip
        ax.set_ylabel(code, color=color)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos, code=code: tick_label(value, code)))
        ax.set_ylim(0, max(heights) * 1.25 or 1)
        ax.tick_params(colors=color, labelsize=LABEL_SIZE)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        for side in ("left", "bottom"):
            ax.spines[side].set_color(color)
        ax.set_facecolor("none")
        ax.set_xticks(positions, [label(m.month) if i == 0 or m.month.month == 1 else calendar.month_abbr[m.month.month]
                                  for i, m in enumerate(months)])  # fmt: skip


def grid_of(charts: int) -> tuple[int, int]:
    """(columns, rows) for this many currencies' charts: side by side up to three, then more rows."""
    columns = max(1, min(MAX_COLUMNS, charts))
    return columns, -(-max(1, charts) // columns)


def forecast_figure(months: Sequence[MonthForecast], width: float = 7.0, height_per_row: float = 1.8,
                    dpi: float = 100) -> Figure:  # fmt: skip
    """A new Figure of the forecast, sized for its number of currencies (for a report or a test)."""
    _columns, rows = grid_of(len(currencies(months)))
    figure = Figure(figsize=(width, 0.6 + height_per_row * rows), dpi=dpi, layout="constrained")
    draw_forecast(figure, months)
    return figure
