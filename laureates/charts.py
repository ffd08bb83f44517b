"""An impact indicator's trajectory as an SVG line chart drawn by the server.

No JavaScript: the template writes the coordinates computed here. The value axis starts
at zero (the indicators are counts, and a truncated axis would exaggerate growth) and
ends at the highest of the target, the baseline and the measurements. The text
alternative is the table of measurements under the chart, and a one-sentence summary
is the chart's accessible description.
"""

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from accelerator.dates import format_date

WIDTH = 640
HEIGHT = 260
LEFT = 96  # room for the value labels
RIGHT = 24
TOP = 20
BOTTOM = 40  # room for the date labels


def format_value(value):
    """950000.00 -> "950 000"; 12.50 -> "12,50" (in French)."""
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    return formats.number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


@dataclass
class Point:
    x: float
    y: float
    day: object
    value: Decimal
    label: str


@dataclass
class Chart:
    width: int
    height: int
    points: list
    polyline: str
    ticks: list  # (y, label) for the value axis
    target_y: float
    baseline_y: float
    plot_left: int
    plot_right: int
    plot_bottom: int
    summary: str


def scale(value, top_value):
    """The y coordinate of a value, 0 at the bottom of the plot, `top_value` at the top."""
    height = HEIGHT - TOP - BOTTOM
    share = Decimal(value) / top_value if top_value else Decimal(0)
    return round(float(HEIGHT - BOTTOM - share * height), 1)


def indicator_chart(indicator, measurements):
    """The chart of one indicator; None when it has no measurement yet."""
    if not measurements:
        return None
    top_value = max([indicator.target, indicator.baseline, *(m.value for m in measurements)])
    first, last = measurements[0].measured_on, measurements[-1].measured_on
    span = (last - first).days
    plot_width = WIDTH - LEFT - RIGHT
    points = []
    for measurement in measurements:
        offset = (measurement.measured_on - first).days / span if span else 0.5
        points.append(
            Point(
                x=round(LEFT + offset * plot_width, 1),
                y=scale(measurement.value, top_value),
                day=measurement.measured_on,
                value=measurement.value,
                label=format_value(measurement.value),
            )
        )
    # An indicator counted in whole units gets whole tick values ("2", never "2,50"),
    # each at its exact height.
    whole = all(
        Decimal(value) == Decimal(value).to_integral_value()
        for value in [indicator.target, indicator.baseline, *(m.value for m in measurements)]
    )
    middle = Decimal(top_value) / 2
    if whole:
        middle = middle.to_integral_value(rounding=ROUND_FLOOR)
    ticks = [(scale(value, top_value), format_value(value))
             for value in dict.fromkeys([Decimal(0), middle, top_value])]  # fmt: skip
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        ticks=ticks,
        target_y=scale(indicator.target, top_value),
        baseline_y=scale(indicator.baseline, top_value),
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_bottom=HEIGHT - BOTTOM,
        summary=summary(indicator, measurements),
    )


def summary(indicator, measurements):
    last = measurements[-1]
    # The unit stands apart from the numbers: it is written once, in the plural, and
    # "1 départements" would be wrong.
    return _(
        "%(name)s: %(last)s on %(day)s, from a baseline of %(baseline)s towards a target "
        "of %(target)s (in %(unit)s)."
    ) % {
        "name": indicator.name,
        "last": format_value(last.value),
        "unit": indicator.unit,
        "day": format_date(last.measured_on),
        "baseline": format_value(indicator.baseline),
        "target": format_value(indicator.target),
    }
