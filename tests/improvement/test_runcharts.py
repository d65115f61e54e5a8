"""Run-chart rules (improvement.runcharts): the test vectors and tables of shared/run-charts.md §5.1–5.3 and
§5.7, the options (baseline, phases, missing months, direction, astronomical flags), and properties that
must hold for any series. Pure Python: no database."""

from __future__ import annotations

import itertools
import math
import time
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from improvement import runcharts as rc
from improvement.runcharts import Point, analyse, suggest_rebase

# n useful -> (Anhøj: longest run >, Anhøj: crossings <, fallback: too few runs <, fallback: too many runs >),
# copied from the table in shared/run-charts.md §5.3.
TABLE = {
    10: (6, 2, 3, 9),
    11: (6, 2, 4, 9),
    12: (7, 3, 4, 10),
    13: (7, 3, 4, 11),
    14: (7, 4, 4, 12),
    15: (7, 4, 5, 12),
    16: (7, 4, 5, 13),
    17: (7, 5, 6, 13),
    18: (7, 5, 6, 14),
    19: (7, 6, 6, 15),
    20: (7, 6, 7, 15),
    21: (7, 6, 7, 16),
    22: (7, 7, 8, 16),
    23: (8, 7, 8, 17),
    24: (8, 8, 8, 18),
    25: (8, 8, 9, 18),
    26: (8, 8, 9, 19),
    27: (8, 9, 10, 19),
    28: (8, 9, 10, 20),
    29: (8, 10, 10, 21),
    30: (8, 10, 11, 21),
    31: (8, 11, 11, 22),
    32: (8, 11, 12, 22),
    33: (8, 11, 12, 23),
    34: (8, 12, 12, 24),
    35: (8, 12, 13, 24),
    36: (8, 13, 13, 25),
    37: (8, 13, 14, 25),
    38: (8, 14, 14, 26),
    39: (8, 14, 14, 26),
    40: (8, 14, 15, 27),
    41: (8, 15, 15, 28),
    42: (8, 15, 16, 28),
    43: (8, 16, 16, 29),
    44: (8, 16, 17, 29),
    45: (8, 17, 17, 30),
    46: (9, 17, 17, 31),
    47: (9, 17, 18, 31),
    48: (9, 18, 18, 32),
    49: (9, 18, 19, 32),
    50: (9, 19, 19, 33),
    51: (9, 19, 20, 33),
    52: (9, 20, 20, 34),
    53: (9, 20, 20, 35),
    54: (9, 21, 21, 35),
    55: (9, 21, 21, 36),
    56: (9, 21, 22, 36),
    57: (9, 22, 22, 37),
    58: (9, 22, 23, 37),
    59: (9, 23, 23, 38),
    60: (9, 23, 24, 38),
}

SETTINGS = settings(max_examples=150, deadline=None)

# Small integers give many ties with the median and many equal neighbours. Noise alone seldom makes a
# signal, so series also come as steps (long runs, shifts) and random walks (trends).
values = st.integers(min_value=-4, max_value=4)


def walks(min_size=0):
    return st.lists(st.integers(min_value=-1, max_value=2), min_size=min_size, max_size=40).map(
        lambda steps: list(itertools.accumulate(steps))
    )


steps = st.lists(st.tuples(values, st.integers(min_value=1, max_value=9)), max_size=8).map(
    lambda blocks: [value for value, length in blocks for _ in range(length)]
)
series = st.one_of(st.lists(values, max_size=40), steps, walks())
# None is a missing month.
gappy_series = st.tuples(series, st.sets(st.integers(min_value=0, max_value=45), max_size=8)).map(
    lambda drawn: [None if i in drawn[1] else value for i, value in enumerate(drawn[0])]
)
rule_sets = st.sampled_from(rc.RULE_SETS)
directions = st.sampled_from([rc.UP, rc.DOWN, None])


def kinds(analysis):
    return sorted(s.kind for s in analysis.signals)


def of_kind(analysis, kind):
    return [s for s in analysis.signals if s.kind == kind]


def shape(signals, index_map=lambda i: i, keep=lambda s: True):
    """Signals as comparable tuples, ignoring `at`, with their indexes mapped."""
    return sorted(
        (s.kind, tuple(sorted(index_map(i) for i in s.indexes)), s.towards, s.side) for s in signals if keep(s)
    )


def insert(base, draw_positions, filler):
    """`base` with `filler` inserted before the given positions; returns the new list and old -> new index."""
    cuts = sorted(draw_positions)
    out, index_map = [], {}
    for i, value in enumerate([*base, None]):
        while cuts and cuts[0] == i:
            out.append(filler)
            cuts.pop(0)
        if i < len(base):
            index_map[i] = len(out)
            out.append(value)
    return out, index_map


# --- §5.7 test vectors ----------------------------------------------------------------------------------


def test_one_to_twenty_four_ihi():
    a = analyse(range(1, 25))
    assert a.median == (12.5,) * 24
    assert (a.n_useful, a.runs, a.crossings, a.longest_run) == (24, 2, 1, 12)
    assert a.thresholds.runs_too_few_below == 8
    assert kinds(a) == ["shift", "shift", "too_few_runs", "trend"]
    below, above = of_kind(a, rc.SHIFT)
    assert below.indexes == tuple(range(12)) and below.towards == rc.DOWN
    assert above.indexes == tuple(range(12, 24)) and above.towards == rc.UP
    (trend,) = of_kind(a, rc.TREND)
    assert trend.indexes == tuple(range(24)) and trend.towards == rc.UP


def test_one_to_twenty_four_anhoej():
    a = analyse(range(1, 25), rule_set=rc.ANHOEJ)
    assert (a.n_useful, a.runs, a.crossings, a.longest_run) == (24, 2, 1, 12)
    assert (a.thresholds.longest_run_max, a.thresholds.crossings_min) == (8, 8)
    # No trend rule and no too-many rule in the Anhøj set.
    assert kinds(a) == ["few_crossings", "long_run", "long_run"]


def test_alternating_series_only_ihi_signals_too_many_runs():
    one_three = [1, 3] * 12
    ihi = analyse(one_three)
    assert ihi.median[0] == 2
    assert (ihi.runs, ihi.crossings) == (24, 23)
    assert ihi.thresholds.runs_too_many_above == 18
    assert kinds(ihi) == ["too_many_runs"]
    assert analyse(one_three, rule_set=rc.ANHOEJ).signals == ()


# No rise on either side of the five rising points at positions 3-7; the median (3.5) makes no shift.
FIVE_RISING = [7, 3, 6, 1, 2, 3, 4, 5, 2, 6, 3, 7]


def test_exactly_five_rising_points_make_a_trend():
    a = analyse(FIVE_RISING, direction=rc.UP)
    assert a.n_useful == 12
    (trend,) = a.signals
    assert (trend.kind, trend.indexes, trend.at, trend.towards, trend.side) == (
        "trend",
        (3, 4, 5, 6, 7),
        7,
        rc.UP,
        rc.IMPROVEMENT,
    )


def test_four_rising_points_are_no_trend():
    four = [*FIVE_RISING]
    four[7] = 1  # 1, 2, 3, 4 then down
    assert of_kind(analyse(four), rc.TREND) == []


def test_equal_successive_values_neither_make_nor_break_a_trend():
    # 1, 2, 2, 3, 4, 5 counts as five points; the repeated 2 belongs to the trend.
    made = analyse([9, 1, 2, 2, 3, 4, 5, 0, 8, 0, 9, 0])
    (trend,) = of_kind(made, rc.TREND)
    assert trend.indexes == (1, 2, 3, 4, 5, 6) and trend.at == 6
    # A trend fires at the first point of its fifth value, however often that value repeats.
    repeated_fifth = analyse([9, 1, 2, 3, 4, 5, 5, 0, 8, 0, 9, 0])
    assert [(s.indexes, s.at) for s in of_kind(repeated_fifth, rc.TREND)] == [((1, 2, 3, 4, 5, 6), 5)]
    # 1, 2, 2, 3, 4 is only four.
    assert of_kind(analyse([9, 1, 2, 2, 3, 4, 0, 8, 0, 9, 0, 9]), rc.TREND) == []


def test_points_on_the_median_inside_a_run_are_skipped():
    # Median 5; each side has six useful points; the 5 at position 3 neither adds to nor breaks the run.
    series = [1, 2, 1, 5, 2, 1, 2, 8, 9, 8, 9, 8, 9, 5]
    a = analyse(series)
    assert a.median[0] == 5
    assert (a.n_useful, a.runs, a.crossings, a.longest_run) == (12, 2, 1, 6)
    below, above = of_kind(a, rc.SHIFT)
    assert below.indexes == (0, 1, 2, 4, 5, 6) and below.at == 6
    assert above.indexes == (7, 8, 9, 10, 11, 12) and above.at == 12
    assert a.kinds_by_point()[3] == frozenset()  # on the median: part of no signal


def test_a_shift_is_signalled_at_its_sixth_point():
    # Twelve months, the last six above the median: the sixth of them (position 11) triggers the shift.
    months = [3, 4, 3, 5, 4, 3, 8, 9, 8, 9, 8, 9]
    upper = [s for s in of_kind(analyse(months), rc.SHIFT) if s.towards == rc.UP]
    assert [(s.indexes, s.at) for s in upper] == [((6, 7, 8, 9, 10, 11), 11)]
    # One month earlier there are only five above the median of the first eleven: no shift above yet.
    earlier = analyse(months[:11])
    assert [s for s in of_kind(earlier, rc.SHIFT) if s.towards == rc.UP] == []


# --- thresholds -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", range(10, 61))
def test_fallback_runs_limits_match_the_table(n):
    assert rc.runs_limits(n) == TABLE[n][2:]


@pytest.mark.parametrize("n", range(10, 61))
def test_anhoej_limits_match_the_table(n):
    assert (rc.longest_run_limit(n), rc.crossings_limit(n)) == TABLE[n][:2]


@pytest.mark.parametrize("n", range(10, 61))
def test_thresholds_in_the_result_match_the_table(n):
    ihi = rc.thresholds_for(rc.IHI, n)
    anhoej = rc.thresholds_for(rc.ANHOEJ, n)
    assert (ihi.runs_too_few_below, ihi.runs_too_many_above) == TABLE[n][2:]
    assert (anhoej.longest_run_max, anhoej.crossings_min) == TABLE[n][:2]
    assert (ihi.shift_points, ihi.trend_points, anhoej.shift_points, anhoej.trend_points) == (6, 5, None, None)


@pytest.mark.parametrize("n", range(2, 17))
def test_runs_limits_equal_a_brute_force_count(n):
    """Enumerate every arrangement of ⌊n/2⌋ and ⌈n/2⌉ points, independently of the Swed–Eisenhart formula."""
    counts: dict[int, int] = {}
    for above in itertools.combinations(range(n), n // 2):
        sides = [i in above for i in range(n)]
        runs = 1 + sum(a != b for a, b in itertools.pairwise(sides))
        counts[runs] = counts.get(runs, 0) + 1
    total = sum(counts.values())
    few = max(L for L in range(1, n + 2) if 40 * sum(c for r, c in counts.items() if r < L) <= total)
    many = min(U for U in range(0, n + 1) if 40 * sum(c for r, c in counts.items() if r > U) <= total)
    assert rc.runs_limits(n) == (few, many)


@pytest.mark.parametrize("n", range(1, 40))
def test_crossings_limit_is_the_five_percent_binomial_quantile(n):
    m = n - 1
    cdf = [sum(math.comb(m, k) for k in range(c + 1)) / 2**m for c in range(m + 1)]
    assert rc.crossings_limit(n) == next(c for c, p in enumerate(cdf) if p >= 0.05)


def test_longest_run_limit_agrees_with_rounding_log2():
    # R's round() rounds halves to even, Python's too; log2(n) is never a half for integer n, so the
    # integer formula, round() and R agree everywhere.
    assert all(rc.longest_run_limit(n) == round(math.log2(n)) + 3 for n in range(1, 200_000))


@pytest.mark.parametrize("n", [rc.EXACT_MAX_N + 1, 6_000, 7_777])
def test_normal_approximation_stays_within_one_of_exact(n):
    exact, normal = rc.runs_limits(n, method="exact"), rc.runs_limits(n, method="normal")
    assert abs(exact[0] - normal[0]) <= 1 and abs(exact[1] - normal[1]) <= 1
    assert abs(rc.crossings_limit(n, method="exact") - rc.crossings_limit(n, method="normal")) <= 1


def test_limits_are_labelled_as_computed_not_as_the_ihi_table():
    assert "not the published IHI table" in rc.thresholds_for(rc.IHI, 24).source
    assert "Swed–Eisenhart" in rc.thresholds_for(rc.IHI, 24).source
    assert "normal approximation" in rc.thresholds_for(rc.IHI, rc.EXACT_MAX_N + 1).source
    a = analyse(range(24))
    assert (a.rule_set, a.rule_set_label) == ("ihi", "IHI run chart rules")
    assert analyse(range(24), rule_set=rc.ANHOEJ).rule_set_label == "Anhøj rules"


# --- options --------------------------------------------------------------------------------------------


def test_frozen_baseline_extends_its_median():
    baseline = [10, 12, 11, 9, 10, 11, 12, 9, 10, 11, 12, 9]  # median 10.5, ends below
    later = [14, 15, 13, 16, 15, 14, 15]
    frozen = analyse(baseline + later, baseline_end=12)
    assert frozen.median == (10.5,) * 19
    assert frozen.phases[0].median_end == 12
    (shift,) = of_kind(frozen, rc.SHIFT)
    assert shift.indexes == tuple(range(12, 19)) and shift.at == 17
    # Recomputed over all points the median moves up (12) and the later points no longer stand out as much.
    assert analyse(baseline + later).median[0] == 12


def test_phases_are_analysed_separately():
    first = [1, 5, 1, 5, 1, 5, 1, 5, 6, 7, 8]  # ends with three points above its median (5)
    second = [20, 21, 22, 10, 11, 12, 10, 12, 20, 10, 21]  # starts with three above its median (12)
    a = analyse(first + second, phases=[11])
    assert [p.median for p in a.phases] == [5, 12]
    assert a.median == (5,) * 11 + (12,) * 11
    assert [(p.start, p.end) for p in a.phases] == [(0, 11), (11, 22)]
    # Six above in a row across the boundary, but a run never crosses a phase.
    assert of_kind(a, rc.SHIFT) == []
    # The summary describes the current phase.
    assert (a.n_useful, a.runs) == (a.phases[1].n_useful, a.phases[1].runs)


@given(series, st.integers(min_value=0, max_value=38), rule_sets)
@SETTINGS
def test_a_phase_is_analysed_like_a_series_of_its_own(values, cut, rule_set):
    assume(len(values) >= 2)
    cut = 1 + cut % (len(values) - 1)
    together = analyse(values, phases=[cut], rule_set=rule_set)
    before, after = analyse(values[:cut], rule_set=rule_set), analyse(values[cut:], rule_set=rule_set)
    expected = shape(before.signals) + shape(after.signals, lambda i: i + cut)
    assert shape(together.signals) == sorted(expected)
    assert together.median == before.median + after.median
    assert [s.phase for s in together.signals if s.indexes[0] >= cut] == [1] * len(after.signals)


def test_missing_months_keep_their_positions():
    values = [1, 2, None, 3, 4, None, 5, 6, 7, 8, 9, 10, None]
    a = analyse(values)
    assert a.n_useful == 10 and a.median == (5.5,) * 13
    (trend,) = of_kind(a, rc.TREND)
    assert trend.indexes == (0, 1, 3, 4, 6, 7, 8, 9, 10, 11)  # a missing month does not break the trend
    assert trend.at == 6
    assert None not in a.kinds_by_point() and a.kinds_by_point()[2] == frozenset()


@pytest.mark.parametrize(
    ("direction", "above", "below", "rising"),
    [
        (rc.UP, rc.IMPROVEMENT, rc.CONCERN, rc.IMPROVEMENT),
        (rc.DOWN, rc.CONCERN, rc.IMPROVEMENT, rc.CONCERN),
        (None, rc.NEUTRAL, rc.NEUTRAL, rc.NEUTRAL),
    ],
)
def test_direction_decides_the_side(direction, above, below, rising):
    a = analyse(range(1, 25), direction=direction)
    sides = {(s.kind, s.towards): s.side for s in a.signals}
    assert sides == {
        (rc.SHIFT, rc.UP): above,
        (rc.SHIFT, rc.DOWN): below,
        (rc.TREND, rc.UP): rising,
        (rc.TOO_FEW_RUNS, None): rc.NEUTRAL,
    }
    anhoej = analyse(range(1, 25), direction=direction, rule_set=rc.ANHOEJ)
    assert {(s.kind, s.towards): s.side for s in anhoej.signals} == {
        (rc.LONG_RUN, rc.UP): above,
        (rc.LONG_RUN, rc.DOWN): below,
        (rc.FEW_CROSSINGS, None): rc.NEUTRAL,
    }


def test_astronomical_flag_is_passed_through_not_computed():
    values = [3, 4, 3, 5, 4, 3, 4, 5, 3, 4, 4, 5]
    values_with_outlier = [*values[:5], 40, *values[6:]]
    # A far-out point is not made astronomical by the analysis ...
    assert of_kind(analyse(values_with_outlier), rc.ASTRONOMICAL) == []
    # ... only by the user's flag, which is passed through with its side.
    flagged = [*values[:5], Point(40, astronomical=True), *values[6:]]
    a = analyse(flagged, direction=rc.DOWN)
    (signal,) = of_kind(a, rc.ASTRONOMICAL)
    assert (signal.indexes, signal.at, signal.towards, signal.side) == ((5,), 5, rc.UP, rc.CONCERN)
    assert a.astronomical == (5,)
    # The flag is the user's judgement, so it stands even where the rules claim nothing.
    short = analyse([1, 2, Point(30, astronomical=True)])
    assert kinds(short) == ["astronomical"] and short.reason is not None
    # A flag on a missing month has nothing to mark.
    assert analyse([1, 2, Point(None, astronomical=True)]).signals == ()


@pytest.mark.parametrize("rule_set", rc.RULE_SETS)
def test_fewer_than_ten_useful_points_claim_nothing(rule_set):
    # Rising all the way (a trend if it counted), but two of the eleven points are on the median (5).
    rising = analyse([1, 2, 3, 4, 5, 5, 6, 7, 8, 9, 10], rule_set=rule_set)
    assert rising.n_useful == 9
    assert rising.signals == ()
    assert rising.thresholds is None
    assert rising.reason == (
        "Only 9 useful points (points not on the median) in this period; the rules need at least 10, "
        "so no signal is claimed."
    )
    # Twelve points, but three on the median: still only nine useful ones.
    ties = analyse([1, 2, 3, 4, 5, 5, 5, 6, 7, 8, 9, 10] + [None] * 4, rule_set=rule_set)
    assert (ties.n_useful, ties.signals) == (9, ())
    assert ties.reason.startswith("Only 9 useful points")


def test_empty_and_all_missing_series():
    empty = analyse([])
    assert (empty.median, empty.signals, empty.n_useful, empty.runs, empty.crossings) == ((), (), 0, 0, 0)
    assert empty.reason == rc.REASON_EMPTY_BASELINE
    missing = analyse([None, None, 3, 4], baseline_end=2)
    assert missing.median == (None,) * 4 and missing.reason == rc.REASON_EMPTY_BASELINE


def test_decimal_values_are_accepted():
    a = analyse([Decimal("1.5"), Decimal("2.5"), None, 3])
    assert a.values == (1.5, 2.5, None, 3.0) and a.median[0] == 2.5


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"rule_set": "shewhart"}, ValueError),
        ({"direction": "higher"}, ValueError),
        ({"phases": [0]}, ValueError),
        ({"phases": [5, 3]}, ValueError),
        ({"phases": [12]}, ValueError),
        ({"baseline_end": 0}, ValueError),
        ({"baseline_end": 13}, ValueError),
        ({"baseline_end": 7, "phases": [6]}, ValueError),
    ],
)
def test_bad_options_are_refused(kwargs, error):
    with pytest.raises(error):
        analyse(range(12), **kwargs)


@pytest.mark.parametrize(("value", "error"), [(float("nan"), ValueError), (math.inf, ValueError), ("3", TypeError)])
def test_bad_values_are_refused(value, error):
    with pytest.raises(error):
        analyse([1, 2, value])


# --- rebase suggestion ----------------------------------------------------------------------------------

BASELINE = [10, 12, 11, 9, 10, 11, 12, 9, 10, 11, 12, 9]  # median 10.5, ends below


def test_suggest_rebase_after_a_sustained_shift():
    values = [*BASELINE, 11, 14, 15, 13, 16, 15, 14, 15]
    frozen = analyse(values, baseline_end=12)
    assert suggest_rebase(frozen) == 12  # the run above starts at the first point after the baseline
    assert suggest_rebase(frozen, min_points=8) == 12  # the run has eight points
    assert suggest_rebase(frozen, min_points=9) is None
    # Accepting it is the user's decision: the new phase gets its own median.
    rebased = analyse(values, baseline_end=12, phases=[12])
    assert [p.median for p in rebased.phases] == [10.5, 14.5]
    assert suggest_rebase(rebased) is None
    assert suggest_rebase(analyse(values, baseline_end=12, rule_set=rc.ANHOEJ)) == 12


def test_no_rebase_without_a_frozen_baseline_or_a_shift_after_it():
    values = [*BASELINE, 11, 14, 15, 13, 16, 15, 14, 15]
    assert suggest_rebase(analyse(values)) is None
    assert suggest_rebase(analyse([*BASELINE, 9, 12, 10, 11, 9, 12], baseline_end=12)) is None
    # A run that began inside the baseline says the baseline was unstable, not that something changed.
    unstable = [10, 12, 11, 9, 10, 11, 12, 9, 10, 14, 13, 12, 13, 14, 15, 13]
    frozen = analyse(unstable, baseline_end=12)
    assert of_kind(frozen, rc.SHIFT) and suggest_rebase(frozen) is None


# --- speed ----------------------------------------------------------------------------------------------


def test_ten_thousand_points_are_fast():
    import random  # noqa: PLC0415

    rng = random.Random(7)
    values = [rng.gauss(50, 10) for _ in range(10_000)]
    started = time.perf_counter()
    for rule_set in rc.RULE_SETS:
        analyse(values, rule_set=rule_set)
        analyse(values, rule_set=rule_set, baseline_end=4_000)  # n useful 10 000 and exact limits 4 000
    assert time.perf_counter() - started < 2


# --- properties -----------------------------------------------------------------------------------------


@given(gappy_series, rule_sets)
@SETTINGS
def test_runs_are_crossings_plus_one(values, rule_set):
    a = analyse(values, rule_set=rule_set)
    median = a.median[0] if values else None
    useful = [v for v in values if v is not None and v != median]
    assert a.n_useful == len(useful)
    if a.n_useful:
        assert a.runs == a.crossings + 1
        assert 1 <= a.longest_run <= a.n_useful
    else:
        assert (a.runs, a.crossings, a.longest_run) == (0, 0, 0)


@given(series, rule_sets, directions)
@SETTINGS
def test_points_on_the_median_are_never_useful(values, rule_set, direction):
    a = analyse(values, rule_set=rule_set, direction=direction)
    for signal in a.signals:
        if signal.kind != rc.TREND:  # a trend counts every point, the median ones too
            assert all(values[i] != a.median[i] for i in signal.indexes)


@given(series, st.lists(st.integers(min_value=0, max_value=40), max_size=15), rule_sets, directions)
@SETTINGS
def test_adding_points_on_the_median_changes_nothing_but_trends(values, positions, rule_set, direction):
    assume(values)
    a = analyse(values, rule_set=rule_set, direction=direction)
    median = a.median[0]
    tied, index_map = insert(values, [p % (len(values) + 1) for p in positions], median)
    b = analyse(tied, rule_set=rule_set, direction=direction)
    assert b.median[0] == median
    assert (b.n_useful, b.runs, b.crossings, b.longest_run) == (a.n_useful, a.runs, a.crossings, a.longest_run)
    not_trend = lambda s: s.kind != rc.TREND  # noqa: E731
    assert shape(b.signals, keep=not_trend) == shape(a.signals, index_map.get, not_trend)


@given(gappy_series, st.lists(st.integers(min_value=0, max_value=40), max_size=10), rule_sets, directions)
@SETTINGS
def test_missing_months_only_move_indexes(values, positions, rule_set, direction):
    a = analyse(values, rule_set=rule_set, direction=direction)
    gappy, index_map = insert(values, [p % (len(values) + 1) for p in positions], None)
    b = analyse(gappy, rule_set=rule_set, direction=direction)
    assert shape(b.signals) == shape(a.signals, index_map.get)
    assert sorted(b.signals[k].at for k in range(len(b.signals))) == sorted(index_map[s.at] for s in a.signals)
    assert (b.n_useful, b.runs, b.crossings, b.longest_run, b.reason) == (
        a.n_useful,
        a.runs,
        a.crossings,
        a.longest_run,
        a.reason,
    )
    assert all(b.median[index_map[i]] == a.median[i] for i in range(len(values)))


@given(st.one_of(st.lists(values, min_size=12, max_size=40), walks(min_size=12)), st.integers(0, 39))
@SETTINGS
def test_repeating_a_value_neither_makes_nor_breaks_a_trend(values, where):
    assume(values)
    p = where % len(values)
    repeated = [*values[: p + 1], values[p], *values[p + 1 :]]
    a, b = analyse(values), analyse(repeated)
    assume(a.n_useful >= rc.MIN_USEFUL_POINTS and b.n_useful >= rc.MIN_USEFUL_POINTS)
    shifted = lambda i: i if i <= p else i + 1  # noqa: E731
    expected = [
        (tuple(sorted({shifted(i) for i in s.indexes} | ({p + 1} if p in s.indexes else set()))), s.towards)
        for s in of_kind(a, rc.TREND)
    ]
    assert sorted((s.indexes, s.towards) for s in of_kind(b, rc.TREND)) == sorted(expected)


@given(
    st.lists(st.one_of(values, st.none()), max_size=9),
    st.integers(min_value=0, max_value=30),
    rule_sets,
    directions,
)
@SETTINGS
def test_too_short_series_claim_nothing(few, ties, rule_set, direction):
    # At most nine values, or at most nine off the median however many sit on it.
    for values in (few, [0] * (ties + 10) + [v if v is None else v or 1 for v in few]):
        a = analyse(values, rule_set=rule_set, direction=direction)
        assert a.n_useful < rc.MIN_USEFUL_POINTS
        assert a.signals == ()
        assert a.thresholds is None
        assert a.reason


@given(gappy_series, rule_sets, directions)
@SETTINGS
def test_negating_a_series_mirrors_the_sides(values, rule_set, direction):
    a = analyse(values, rule_set=rule_set, direction=direction)
    b = analyse([None if v is None else -v for v in values], rule_set=rule_set, direction=direction)
    mirror = {rc.UP: rc.DOWN, rc.DOWN: rc.UP, None: None}
    side = {rc.IMPROVEMENT: rc.CONCERN, rc.CONCERN: rc.IMPROVEMENT, rc.NEUTRAL: rc.NEUTRAL}
    assert shape(b.signals) == sorted((k, i, mirror[t], side[s]) for k, i, t, s in shape(a.signals))
    assert (b.n_useful, b.runs, b.longest_run) == (a.n_useful, a.runs, a.longest_run)


@given(gappy_series, rule_sets, directions)
@SETTINGS
def test_reversing_a_series_mirrors_trends_and_keeps_runs(values, rule_set, direction):
    a = analyse(values, rule_set=rule_set, direction=direction)
    b = analyse(values[::-1], rule_set=rule_set, direction=direction)
    last = len(values) - 1
    mirror = {rc.UP: rc.DOWN, rc.DOWN: rc.UP, None: None}
    expected = sorted(
        (k, tuple(sorted(last - j for j in i)), mirror[t] if k == rc.TREND else t) for k, i, t, _ in shape(a.signals)
    )
    assert [(k, i, t) for k, i, t, _ in shape(b.signals)] == expected
    assert all(s.side == rc._side(s.towards, direction) for s in b.signals)
    assert (b.n_useful, b.runs, b.longest_run) == (a.n_useful, a.runs, a.longest_run)


@given(st.lists(values, min_size=1, max_size=15), series, rule_sets)
@SETTINGS
def test_a_frozen_baseline_signals_shifts_and_trends_where_they_fire(baseline, later, rule_set):
    """With the median frozen, analysing the first k points shows exactly the shifts and trends that fire
    before k in the whole series: a signal appears at its 6th (shift) or 5th (trend) point and stays."""
    values = baseline + later
    full = analyse(values, baseline_end=len(baseline), rule_set=rule_set)
    runs_like = (rc.SHIFT, rc.TREND, rc.LONG_RUN)
    for k in range(len(baseline), len(values) + 1):
        prefix = analyse(values[:k], baseline_end=len(baseline), rule_set=rule_set)
        if prefix.n_useful < rc.MIN_USEFUL_POINTS:
            continue
        if rule_set == rc.ANHOEJ and prefix.thresholds.longest_run_max != full.thresholds.longest_run_max:
            continue  # the long-run limit grows with n, so only compare prefixes judged by the same limit
        seen = sorted((s.kind, s.indexes, s.at) for s in prefix.signals if s.kind in runs_like)
        fired = sorted(
            (s.kind, tuple(i for i in s.indexes if i < k), s.at)
            for s in full.signals
            if s.kind in runs_like and s.at < k
        )
        assert seen == fired
