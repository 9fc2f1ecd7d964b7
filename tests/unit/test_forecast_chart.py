"""The forecast chart as a plain matplotlib Figure (no Qt): one chart per currency, one bar per month,
each labelled in its currency's own format; months and amounts only."""

from __future__ import annotations

from datetime import date

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.patches import Rectangle

from crm_desktop.charts import forecast_chart
from crm_desktop.charts.forecast_chart import currencies, drawable, forecast_figure, tick_label
from crm_desktop.domain.forecast import MonthForecast, add_months
from crm_desktop.domain.money import Money

FIRST = date(2026, 11, 1)


def months(**by_index: dict[str, int]) -> list[MonthForecast]:
    """Six months from November 2026; by_index m0..m5 -> {currency: minor units}."""
    result = []
    for i in range(6):
        amounts = by_index.get(f"m{i}", {})
        result.append(MonthForecast(add_months(FIRST, i), {c: Money(v, c) for c, v in amounts.items()}, len(amounts)))
    return result


def bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def test_one_chart_per_currency_with_a_bar_per_month_and_short_labels_in_its_own_format():
    data = months(m0={"INR": 12_34_567_00, "USD": 1_500_00}, m2={"INR": 50_000_00}, m5={"USD": 20_00})
    figure = forecast_figure(data)
    FigureCanvasAgg(figure).draw()  # draws every glyph: a missing one would warn (and fail the test)
    inr, usd = figure.axes
    assert [ax.get_ylabel() for ax in figure.axes] == ["INR", "USD"]
    assert [round(b.get_height(), 2) for b in bars(inr)] == [1234567.0, 0.0, 50000.0, 0.0, 0.0, 0.0]
    assert [round(b.get_height(), 2) for b in bars(usd)] == [1500.0, 0, 0, 0, 0, 20.0]
    labels = [t.get_text() for t in inr.texts]
    assert labels == ["₹12.3L", "", "₹50K", "", "", ""]  # exact amounts are in the table beside the chart
    assert [t.get_text() for t in usd.texts] == ["$1.5K", "", "", "", "", "$20"]
    assert [t.get_text() for t in usd.get_xticklabels()] == ["Nov\n2026", "Dec", "Jan\n2027", "Feb", "Mar", "Apr"]
    assert inr.get_ylim()[1] > 1234567  # room above the tallest bar for its label


def test_axis_figures_are_short_and_in_the_currency_style():
    assert tick_label(250_000, "INR") == "₹2.5L"
    assert tick_label(2_500, "USD") == "$2.5K"


def test_a_symbol_the_font_lacks_is_written_as_the_code(monkeypatch):
    assert drawable("₹12,34,567.00 Rs $ € £") and not drawable("৳")
    monkeypatch.setattr(forecast_chart, "format_compact_currency", lambda *args, **kwargs: "৳1.2K")
    assert tick_label(1_234.5, "BDT") == "BDT 1,234"
    figure = forecast_figure(months(m1={"BDT": 1_234_50}))
    FigureCanvasAgg(figure).draw()
    assert "BDT 1,234" in [t.get_text() for t in figure.axes[0].texts]


def test_nothing_to_forecast_says_so():
    figure = forecast_figure(months())
    assert figure.axes == [] and "No open deals" in figure.texts[0].get_text()
    assert currencies(months(m0={"USD": 1}, m1={"PKR": 1, "USD": 2})) == ["USD", "PKR"]


def test_many_currencies_sit_side_by_side_three_to_a_row():
    data = months(m0={code: 100_00 for code in ("PKR", "INR", "USD", "EUR", "GBP")})
    figure = forecast_figure(data)
    FigureCanvasAgg(figure).draw()
    assert len(figure.axes) == 5
    rows = sorted({round(ax.get_position().y0, 2) for ax in figure.axes})
    assert len(rows) == 2  # 3 + 2
