"""Geometry of the server-drawn charts: scales, bar widths, colour steps and ticks.

The templates in ``templates/charts/`` draw SVG from these shapes and nothing else. Lengths
along the value axis are percentages of the plot width, so a chart follows its container from
320 px to a wide screen while its text stays at the page's font size (the SVG has no
``viewBox`` that would shrink the labels with the drawing). The number a mark stands for is
always written next to it as text: colour and length are never the only carriers of a value.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

Number = int | float | Decimal

# Share of the plot width that the largest bar may take; the rest holds its number.
BAR_SPAN = 82.0
# SVG text does not wrap: a label longer than this is shortened in the drawing (about 220 px,
# which fits a 320 px screen) and given in full in the description and the table.
LABEL_LIMIT = 30


def short_label(label: str, *, limit: int = LABEL_LIMIT) -> str:
    if len(label) <= limit:
        return label
    return label[: limit - 1].rstrip() + "…"


def nice_ceiling(value: Number) -> Number:
    """The smallest 1, 2, 2.5 or 5 × 10ⁿ that is ≥ ``value``: the end of a readable axis."""
    if value <= 0:
        return 1
    exponent = math.floor(math.log10(value))
    base = 10**exponent
    for step in (1, 2, 2.5, 5, 10):
        candidate = step * base
        if candidate >= value * (1 - 1e-12):
            return int(candidate) if float(candidate).is_integer() else candidate
    return 10 * base  # pragma: no cover - the loop always ends at 10 × base


def tick_values(*, low: Number, high: Number, count: int = 4) -> list[Number]:
    """About ``count`` evenly spaced round values from ``low`` to ``high`` (both included)."""
    low, high = float(low), float(high)
    if high <= low:
        return [low]
    step = float(nice_ceiling((high - low) / count))
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    ticks: list[Number] = []
    for index in range(first, last + 1):
        value = round(index * step, 10)
        ticks.append(int(value) if value.is_integer() else value)
    return ticks


@dataclass(frozen=True)
class LinearScale:
    """Maps values from ``low``..``high`` onto 0..``span`` percent of the plot width."""

    low: float
    high: float
    span: float = 100.0

    def position(self, value: Number) -> float:
        if self.high == self.low:
            return 0.0
        share = (float(value) - self.low) / (self.high - self.low)
        return round(min(max(share, 0.0), 1.0) * self.span, 2)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    width: float  # percent of the plot width
    url: str | None = None
    top: int = 0  # y of the bar's row in the drawing, in px

    @property
    def short_label(self) -> str:
        return short_label(self.label)


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one per row, each with its number at its end."""

    bars: list[Bar]
    total: int
    row_height: int = 44

    @property
    def height(self) -> int:
        return self.row_height * len(self.bars)

    @property
    def is_empty(self) -> bool:
        return self.total == 0


def bar_chart(*, rows: list[tuple[str, int, str | None]]) -> BarChart:
    """Bars for ``(label, value, url)`` rows; the largest value takes ``BAR_SPAN`` percent."""
    maximum = max((value for _label, value, _url in rows), default=0)
    scale = LinearScale(low=0, high=maximum, span=BAR_SPAN)
    bars = [
        Bar(
            label=label,
            value=value,
            width=scale.position(value),
            url=url,
            top=index * BarChart.row_height,
        )
        for index, (label, value, url) in enumerate(rows)
    ]
    return BarChart(bars=bars, total=sum(bar.value for bar in bars))


@dataclass(frozen=True)
class PairedRow:
    label: str
    first: Bar
    second: Bar
    top: int


@dataclass(frozen=True)
class PairedBarChart:
    """Two bars per row on one shared scale (short and long horizon per region)."""

    rows: list[PairedRow]
    first_label: str
    second_label: str
    total: int
    row_height: int = 66

    @property
    def height(self) -> int:
        return self.row_height * len(self.rows)

    @property
    def is_empty(self) -> bool:
        return self.total == 0


def paired_bar_chart(
    *,
    rows: list[tuple[str, int, int, str | None, str | None]],
    first_label: str,
    second_label: str,
) -> PairedBarChart:
    """``(label, first, second, first_url, second_url)`` rows drawn on one scale."""
    maximum = max((max(first, second) for _l, first, second, _u, _v in rows), default=0)
    scale = LinearScale(low=0, high=maximum, span=BAR_SPAN)

    def bar(label: str, value: int, url: str | None) -> Bar:
        return Bar(label=label, value=value, width=scale.position(value), url=url)

    return PairedBarChart(
        rows=[
            PairedRow(
                label=label,
                first=bar(first_label, first, first_url),
                second=bar(second_label, second, second_url),
                top=index * PairedBarChart.row_height,
            )
            for index, (label, first, second, first_url, second_url) in enumerate(rows)
        ],
        first_label=first_label,
        second_label=second_label,
        total=sum(first + second for _l, first, second, _u, _v in rows),
    )


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    value: int
    start: float  # percent of the plot width
    width: float
    step: int  # colour step, 0 first

    @property
    def shows_number(self) -> bool:
        """Wide enough for its number inside even at 320 px, where 1 % is about 3 px and a
        digit about 7 px (else the table and the row's total carry it)."""
        return self.width >= 2 + 2.5 * len(str(self.value))


@dataclass(frozen=True)
class StackedRow:
    label: str
    segments: list[Segment]
    total: int
    total_end: float
    top: int
    values: list[int]  # one per key, zeros included, for the data table


@dataclass(frozen=True)
class StackedBarChart:
    """Rows of segments in a fixed order (statuses along their path), one colour step each."""

    rows: list[StackedRow]
    keys: list[tuple[str, str]]
    row_height: int = 44

    @property
    def height(self) -> int:
        return self.row_height * len(self.rows)

    @property
    def is_empty(self) -> bool:
        return not any(row.total for row in self.rows)


def stacked_bar_chart(
    *, rows: list[tuple[str, dict[str, int]]], keys: list[tuple[str, str]]
) -> StackedBarChart:
    """``(label, {key: value})`` rows stacked in the order of ``keys`` (value, label)."""
    maximum = max((sum(values.values()) for _label, values in rows), default=0)
    scale = LinearScale(low=0, high=maximum, span=BAR_SPAN)
    stacked = []
    for index, (label, values) in enumerate(rows):
        segments, running = [], 0
        for step, (key, key_label) in enumerate(keys):
            value = values.get(key, 0)
            if value:
                start = scale.position(running)
                running += value
                segments.append(
                    Segment(
                        key=key,
                        label=key_label,
                        value=value,
                        start=start,
                        width=round(scale.position(running) - start, 2),
                        step=step,
                    )
                )
        stacked.append(
            StackedRow(
                label=label,
                segments=segments,
                total=running,
                total_end=scale.position(running),
                top=index * StackedBarChart.row_height,
                values=[values.get(key, 0) for key, _label in keys],
            )
        )
    return StackedBarChart(rows=stacked, keys=keys)


@dataclass(frozen=True)
class IndicatorMarks:
    """One result indicator on its own axis: baseline → outcome, against the target."""

    name: str
    unit: str
    year: int | None
    baseline: Decimal | None
    target: Decimal | None
    outcome: Decimal | None
    baseline_at: float | None
    target_at: float | None
    outcome_at: float | None
    zero_at: float | None
    ticks: list[tuple[Number, float]] = field(default_factory=list)

    @property
    def is_drawable(self) -> bool:
        return any(at is not None for at in (self.baseline_at, self.target_at, self.outcome_at))

    @property
    def arrow(self) -> tuple[float, float] | None:
        """From the baseline to the outcome, when both are known and differ."""
        if self.baseline_at is None or self.outcome_at is None:
            return None
        if self.baseline_at == self.outcome_at:
            return None
        return (self.baseline_at, self.outcome_at)

    @property
    def target_reached(self) -> bool | None:
        """Whether the outcome reached the target, in the direction baseline → target."""
        if self.outcome is None or self.target is None:
            return None
        if self.baseline is not None and self.target < self.baseline:
            return self.outcome <= self.target
        return self.outcome >= self.target


def plain_number(value: Decimal | None) -> Decimal | None:
    """``62.50`` → ``62.5``, ``40.00`` → ``40``: no trailing zeros (and no exponent)."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


# The indicator axis keeps this much of the plot free at each end for the marks' radius.
INDICATOR_MARGIN = 4.0


def indicator_marks(
    *,
    name: str,
    unit: str = "",
    year: int | None = None,
    baseline: Decimal | None,
    target: Decimal | None,
    outcome: Decimal | None,
) -> IndicatorMarks:
    """Place an indicator's known values on an axis that holds them all and zero.

    Zero is on the axis so that lengths compare honestly (a change from 40 to 44 does not look
    like a doubling); a negative value extends the axis to the left of zero. Missing values
    are left out, and with none known nothing is drawn.
    """
    baseline, target, outcome = plain_number(baseline), plain_number(target), plain_number(outcome)
    known = [value for value in (baseline, target, outcome) if value is not None]
    if not known:
        return IndicatorMarks(
            name=name,
            unit=unit,
            year=year,
            baseline=baseline,
            target=target,
            outcome=outcome,
            baseline_at=None,
            target_at=None,
            outcome_at=None,
            zero_at=None,
        )
    low = min(0.0, *(float(value) for value in known))
    high = max(0.0, *(float(value) for value in known))
    high = float(nice_ceiling(high)) if high > 0 else 0.0
    low = -float(nice_ceiling(-low)) if low < 0 else 0.0
    if high == low:
        high = 1.0
    scale = LinearScale(low=low, high=high, span=100.0 - 2 * INDICATOR_MARGIN)

    def at(value: Decimal | None) -> float | None:
        if value is None:
            return None
        return round(INDICATOR_MARGIN + scale.position(value), 2)

    return IndicatorMarks(
        name=name,
        unit=unit,
        year=year,
        baseline=baseline,
        target=target,
        outcome=outcome,
        baseline_at=at(baseline),
        target_at=at(target),
        outcome_at=at(outcome),
        zero_at=round(INDICATOR_MARGIN + scale.position(0), 2),
        ticks=[
            (tick, round(INDICATOR_MARGIN + scale.position(tick), 2))
            for tick in tick_values(low=low, high=high, count=4)
        ],
    )


PERCENT_UNITS = {"%", "procent", "procentenheter"}


@dataclass(frozen=True)
class Proportion:
    """A key figure in percent, drawn as the filled share of a whole bar."""

    value: Decimal
    width: float


def parse_figure(text: str) -> Decimal | None:
    """A key figure's value as a number: "4 300", "31,5", "−2" (none when it is not one)."""
    cleaned = (
        str(text).replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("−", "-")
    )
    cleaned = cleaned.replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def key_figure_proportion(*, value: str, unit: str) -> Proportion | None:
    """A percent key figure between 0 and 100 as a share of the whole; anything else, None.

    Only a share has a whole to draw against; a count ("899 personer") has no honest scale on
    its own, so it stays a number.
    """
    if unit.strip().lower() not in PERCENT_UNITS:
        return None
    number = parse_figure(value)
    if number is None or not 0 <= number <= 100:
        return None
    return Proportion(value=plain_number(number), width=float(number))
