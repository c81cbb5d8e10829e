"""Geometry of the server-drawn charts (content/charts.py): scales, bars, ticks, marks."""

from decimal import Decimal

import pytest

from content.charts import (
    BAR_SPAN,
    INDICATOR_MARGIN,
    LinearScale,
    bar_chart,
    indicator_marks,
    key_figure_proportion,
    nice_ceiling,
    paired_bar_chart,
    parse_figure,
    stacked_bar_chart,
    tick_values,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 1), (-3, 1), (1, 1), (3, 5), (7, 10), (12, 20), (21, 25), (0.3, 0.5), (899, 1000)],
)
def test_nice_ceiling_is_the_next_round_number(value, expected):
    assert nice_ceiling(value) == expected


def test_ticks_are_round_and_span_the_axis():
    assert tick_values(low=0, high=100) == [0, 25, 50, 75, 100]
    assert tick_values(low=-20, high=40) == [-20, 0, 20, 40]
    assert tick_values(low=0, high=1, count=2) == [0, 0.5, 1]
    assert tick_values(low=5, high=5) == [5]


def test_linear_scale_clamps_and_handles_an_empty_range():
    scale = LinearScale(low=0, high=10, span=80)
    assert scale.position(5) == 40
    assert scale.position(20) == 80
    assert scale.position(-1) == 0
    assert LinearScale(low=3, high=3).position(3) == 0


def test_bar_chart_gives_the_largest_bar_the_whole_span_and_writes_every_value():
    chart = bar_chart(rows=[("A", 10, "/a"), ("B", 5, None), ("C", 0, None)])
    assert [bar.width for bar in chart.bars] == [BAR_SPAN, BAR_SPAN / 2, 0]
    assert [bar.top for bar in chart.bars] == [0, chart.row_height, 2 * chart.row_height]
    assert chart.total == 15 and not chart.is_empty
    assert chart.height == 3 * chart.row_height


def test_bar_chart_of_nothing_or_zeros_is_empty_without_dividing_by_zero():
    assert bar_chart(rows=[]).is_empty
    zeros = bar_chart(rows=[("A", 0, None), ("B", 0, None)])
    assert zeros.is_empty
    assert [bar.width for bar in zeros.bars] == [0, 0]


def test_long_labels_are_shortened_in_the_drawing_only():
    label = "2 Yrken med krav på fördjupad högskolekompetens"
    (bar,) = bar_chart(rows=[(label, 3, None)]).bars
    assert bar.label == label
    assert bar.short_label == "2 Yrken med krav på fördjupad…"
    assert len(bar.short_label) <= 30
    assert bar_chart(rows=[("Kort sikt", 1, None)]).bars[0].short_label == "Kort sikt"


def test_one_value_fills_the_span():
    (bar,) = bar_chart(rows=[("Enda", 1, None)]).bars
    assert bar.width == BAR_SPAN


def test_paired_bars_share_one_scale():
    chart = paired_bar_chart(
        rows=[("X", 4, 2, None, None), ("Y", 0, 8, None, None)],
        first_label="Kort sikt",
        second_label="Lång sikt",
    )
    first, second = chart.rows
    assert first.first.width == BAR_SPAN / 2
    assert first.second.width == BAR_SPAN / 4
    assert second.second.width == BAR_SPAN
    assert chart.total == 14
    assert paired_bar_chart(rows=[], first_label="a", second_label="b").is_empty


def test_stacked_segments_follow_the_key_order_and_end_at_the_total():
    keys = [("a", "A"), ("b", "B"), ("c", "C")]
    chart = stacked_bar_chart(rows=[("Q1", {"c": 1, "a": 3}), ("Q2", {"b": 2})], keys=keys)
    first, second = chart.rows
    assert [segment.key for segment in first.segments] == ["a", "c"]
    assert first.segments[0].start == 0
    assert first.segments[1].start == first.segments[0].width
    assert first.total == 4 and first.total_end == BAR_SPAN
    assert first.values == [3, 0, 1]
    assert second.total_end == BAR_SPAN / 2
    assert [segment.step for segment in first.segments] == [0, 2]
    assert stacked_bar_chart(rows=[("Q1", {})], keys=keys).is_empty


def test_indicator_axis_holds_zero_and_every_known_value():
    marks = indicator_marks(
        name="Andel", baseline=Decimal(40), target=Decimal(60), outcome=Decimal(55)
    )
    assert marks.zero_at == INDICATOR_MARGIN
    assert marks.baseline_at < marks.outcome_at < marks.target_at
    assert marks.arrow == (marks.baseline_at, marks.outcome_at)
    assert marks.target_reached is False
    assert marks.ticks[0] == (0, INDICATOR_MARGIN)
    assert marks.ticks[-1] == (100, 100 - INDICATOR_MARGIN)


def test_a_falling_target_is_reached_by_going_below_it():
    marks = indicator_marks(
        name="Avhopp", baseline=Decimal(30), target=Decimal(20), outcome=Decimal(18)
    )
    assert marks.target_reached is True
    assert marks.outcome_at < marks.target_at < marks.baseline_at


def test_negative_values_extend_the_axis_left_of_zero():
    marks = indicator_marks(
        name="Förändring", baseline=Decimal(-5), target=Decimal(10), outcome=Decimal(-2)
    )
    assert marks.ticks[0][0] < 0
    assert INDICATOR_MARGIN < marks.zero_at < 100 - INDICATOR_MARGIN
    assert marks.baseline_at == INDICATOR_MARGIN
    assert marks.baseline_at < marks.outcome_at < marks.zero_at < marks.target_at


def test_missing_outcome_draws_no_change_and_claims_nothing():
    marks = indicator_marks(name="Ny", baseline=Decimal(12), target=Decimal(20), outcome=None)
    assert marks.outcome_at is None
    assert marks.arrow is None
    assert marks.target_reached is None
    assert marks.is_drawable


def test_an_indicator_with_no_values_is_not_drawn():
    marks = indicator_marks(name="Tom", baseline=None, target=None, outcome=None)
    assert not marks.is_drawable
    assert marks.ticks == []


def test_all_zero_values_still_give_an_axis():
    marks = indicator_marks(name="Noll", baseline=Decimal(0), target=Decimal(0), outcome=None)
    assert marks.baseline_at == INDICATOR_MARGIN
    assert len(marks.ticks) >= 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [("4 300", Decimal(4300)), ("31,5", Decimal("31.5")), ("−2", Decimal(-2)), ("många", None)],
)
def test_parse_figure_reads_swedish_numbers(text, expected):
    assert parse_figure(text) == expected


def test_only_a_share_in_percent_becomes_a_proportion():
    assert key_figure_proportion(value="31", unit="procent").width == 31
    assert key_figure_proportion(value="12,5", unit="%").value == Decimal("12.5")
    assert key_figure_proportion(value="899", unit="personer") is None
    assert key_figure_proportion(value="140", unit="procent") is None
    assert key_figure_proportion(value="okänt", unit="procent") is None
