"""Run-chart analysis: the IHI run-chart rules and the Anhøj rules, with baseline freeze and phases.

Implemented from the published definitions summarised in shared/run-charts.md (§5.1 IHI rules,
§5.2(b) runs limits, §5.3 Anhøj rules), not from any existing package (qicharts2 and friends are GPL).

The module is pure Python and imports nothing from Django, so charts, PDF reports and tests share one
implementation. For the same reason it cannot mark its own text for translation: labels and reasons are
English source strings kept as plain module constants (``RULE_SET_LABELS``, ``RUNS_LIMITS_EXACT`` ...,
``REASON_TOO_FEW_POINTS``). The Django layer wraps them in ``gettext`` when it shows them and lists them
with ``gettext_noop`` in one of its own modules so that ``makemessages`` finds them.

Conventions used throughout:

- A *position* is an index into the caller's sequence of points. Missing values (``None``) are dropped
  from the analysis but keep their position, so every index in a result refers to the original sequence.
- A *useful* point is a non-missing point that is not on the centre line (the median). Points on the
  median neither add to nor break a run; they are skipped.
- Every rule set applies only to a phase with at least ``MIN_USEFUL_POINTS`` useful points. With fewer,
  no signal is claimed and the phase carries a ``reason`` sentence. Hand-set astronomical flags are the
  user's own judgement, not a calculation, so they are passed through whatever the number of points.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from numbers import Real

# Rule sets.
IHI = "ihi"
ANHOEJ = "anhoej"
RULE_SETS = (IHI, ANHOEJ)
RULE_SET_LABELS = {
    IHI: "IHI run chart rules",
    ANHOEJ: "Anhøj rules",
}

# Which way is improvement.
UP = "up"
DOWN = "down"
DIRECTIONS = (UP, DOWN)

# Signal kinds.
SHIFT = "shift"
TREND = "trend"
TOO_FEW_RUNS = "too_few_runs"
TOO_MANY_RUNS = "too_many_runs"
LONG_RUN = "long_run"
FEW_CROSSINGS = "few_crossings"
ASTRONOMICAL = "astronomical"
KINDS = (SHIFT, TREND, TOO_FEW_RUNS, TOO_MANY_RUNS, LONG_RUN, FEW_CROSSINGS, ASTRONOMICAL)

# Which side of the chart a signal is on, given the direction of improvement.
IMPROVEMENT = "improvement"
CONCERN = "concern"
NEUTRAL = "neutral"

# The IHI rules are meant for at least 10 useful points (Perla et al. 2011). The Anhøj rules use the same
# guard: Anhøj & Olesen's simulations start at n = 10, and one guard for both keeps the charts comparable.
# (qicharts2 itself runs the Anhøj analysis for any n; below 10 we deliberately claim nothing.)
MIN_USEFUL_POINTS = 10
IHI_SHIFT_POINTS = 6
IHI_TREND_POINTS = 5

# Up to this many useful points the runs and crossings limits are computed exactly with integers. The
# cost grows roughly with n² (big binomial coefficients): about 20 ms at n = 5 000, 0.7 s at n = 20 000.
# Above it a normal approximation with continuity correction is used; tests check it stays within 1 of
# the exact value just above the bound. Results are cached per n.
EXACT_MAX_N = 5_000

# Where the thresholds come from, shown beside the chart. The fallback must never be called "the IHI
# table" (§5.2): the published table was not available and some of its rows may differ by ±1.
RUNS_LIMITS_EXACT = (
    "Runs limits computed from the exact Swed–Eisenhart distribution (at most 2.5% in each tail); "
    "not the published IHI table"
)
RUNS_LIMITS_NORMAL = (
    "Runs limits from a normal approximation to the Swed–Eisenhart distribution (at most 2.5% in each tail); "
    "not the published IHI table"
)
ANHOEJ_LIMITS_EXACT = "Longest run limit round(log2(n)) + 3; crossings limit the 5% quantile of Binomial(n − 1, 0.5)"
ANHOEJ_LIMITS_NORMAL = (
    "Longest run limit round(log2(n)) + 3; crossings limit from a normal approximation to the 5% quantile "
    "of Binomial(n − 1, 0.5)"
)

# Reasons, as %-format templates so a translated template can be filled with the same fields.
REASON_TOO_FEW_POINTS = (
    "Only %(n_useful)d useful points (points not on the median) in this period; the rules need at least "
    "%(minimum)d, so no signal is claimed."
)
REASON_EMPTY_BASELINE = "The baseline has no values, so there is no median to judge the points against."


@dataclass(frozen=True)
class Point:
    """One point of a series: a value (``None`` for a missing month) and the user's astronomical flag."""

    value: float | Decimal | None
    astronomical: bool = False


@dataclass(frozen=True)
class Thresholds:
    """The limits one phase was judged against; ``None`` for a limit the rule set does not have.

    A signal fires when ``runs < runs_too_few_below``, ``runs > runs_too_many_above``,
    ``longest_run > longest_run_max`` or ``crossings < crossings_min``.
    """

    shift_points: int | None = None
    trend_points: int | None = None
    runs_too_few_below: int | None = None
    runs_too_many_above: int | None = None
    longest_run_max: int | None = None
    crossings_min: int | None = None
    source: str = ""


@dataclass(frozen=True)
class Signal:
    """A rule that fired.

    ``indexes`` are the positions that make up the signal: every useful point of a shift or long run
    (points on the median inside it are skipped, as the rule skips them), every point of a trend
    (including repeated equal values), all useful points of the phase for the runs and crossings rules,
    the one point for an astronomical flag. ``at`` is the position at which the signal first fires (the
    6th point of an IHI shift, the 5th distinct value of a trend, the last useful point for a whole-phase
    rule). ``towards`` is ``"up"`` for points above the median or a rising trend, ``"down"`` for the
    opposite, ``None`` for the runs and crossings rules, which say "not random" but point nowhere.
    """

    kind: str
    indexes: tuple[int, ...]
    side: str
    at: int
    towards: str | None = None
    phase: int = 0


@dataclass(frozen=True)
class Phase:
    """The analysis of one phase: positions ``start`` to ``end`` (exclusive), judged against the median
    of the points in ``start`` to ``median_end`` (exclusive). ``median_end < end`` means a frozen
    baseline."""

    start: int
    end: int
    median_end: int
    median: float | None
    n_useful: int
    runs: int
    crossings: int
    longest_run: int
    minimum_useful: int
    thresholds: Thresholds | None
    reason: str | None


@dataclass(frozen=True)
class Analysis:
    """The result of :func:`analyse`.

    ``median`` holds the centre line for every position, also for missing months, so the chart line is
    unbroken. ``signals`` lists the signals of all phases, ordered by the position where they fire. The
    summary properties (``n_useful``, ``runs`` ...) describe the current, i.e. last, phase; each phase is
    in ``phases``. ``values`` are the points as floats (``None`` where missing) and ``astronomical`` the
    positions the user flagged.
    """

    rule_set: str
    rule_set_label: str
    direction: str | None
    values: tuple[float | None, ...]
    median: tuple[float | None, ...]
    phases: tuple[Phase, ...]
    signals: tuple[Signal, ...]
    baseline_end: int | None = None
    astronomical: tuple[int, ...] = ()

    @property
    def current(self) -> Phase:
        return self.phases[-1]

    @property
    def n_useful(self) -> int:
        return self.current.n_useful

    @property
    def runs(self) -> int:
        return self.current.runs

    @property
    def crossings(self) -> int:
        return self.current.crossings

    @property
    def longest_run(self) -> int:
        return self.current.longest_run

    @property
    def thresholds(self) -> Thresholds | None:
        return self.current.thresholds

    @property
    def reason(self) -> str | None:
        return self.current.reason

    def kinds_by_point(self) -> tuple[frozenset[str], ...]:
        """For every position, the kinds of the signals it is part of (to store or colour per point)."""
        kinds: list[set[str]] = [set() for _ in self.values]
        for signal in self.signals:
            for index in signal.indexes:
                kinds[index].add(signal.kind)
        return tuple(frozenset(k) for k in kinds)


# --- thresholds -----------------------------------------------------------------------------------------


def longest_run_limit(n: int) -> int:
    """Anhøj: a run longer than ``round(log2(n)) + 3`` useful points signals.

    Computed with integers: round(log2 n) = floor(log2 n + 1/2) = floor(log2(2n²) / 2), and floor(log2 m)
    is ``m.bit_length() - 1``. R's round() is round-half-even, but the tie never happens: log2(n) is
    k + 1/2 only for n = 2^k·√2, which is irrational, so R, Python's round() and this agree for every n.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    return ((2 * n * n).bit_length() - 1) // 2 + 3


@lru_cache(maxsize=1024)
def crossings_limit(n: int, *, method: str = "auto") -> int:
    """Anhøj: fewer crossings than this signals: ``qbinom(0.05, n - 1, 0.5)``, the smallest c with
    P(X ≤ c) ≥ 0.05 for X ~ Binomial(n − 1, 1/2).

    ``method`` is ``"exact"`` (integers), ``"normal"`` (approximation) or ``"auto"`` (exact up to
    ``EXACT_MAX_N``)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    m = n - 1
    if _use_exact(n, method):
        # P(X <= c) >= 1/20  <=>  20 * sum(C(m, k), k <= c) >= 2**m
        total = 1 << m
        term, cumulative = 1, 0
        for c in range(m + 1):
            cumulative += term
            if 20 * cumulative >= total:
                return c
            term = term * (m - c) // (c + 1)
        return m  # not reached: the sum reaches 2**m at c = m
    # P(X <= c) ~ Phi((c + 0.5 - m/2) / (sqrt(m)/2)) >= 0.05
    z = statistics.NormalDist().inv_cdf(0.05)
    return max(0, math.ceil(m / 2 + z * math.sqrt(m) / 2 - 0.5))


@lru_cache(maxsize=1024)
def runs_limits(n: int, *, method: str = "auto") -> tuple[int, int]:
    """The §5.2(b) fallback for the IHI runs rule: ``(too_few_below, too_many_above)`` for n useful points.

    Runs follow the Swed–Eisenhart distribution with n₁ = ⌊n/2⌋ points on one side and n₂ = ⌈n/2⌉ on the
    other. ``too_few_below`` is the largest L with P(runs < L) ≤ 2.5%, ``too_many_above`` the smallest U
    with P(runs > U) ≤ 2.5%; a phase signals if runs < L or runs > U. ``method`` as for
    :func:`crossings_limit`.
    """
    if n < 2:
        raise ValueError("n must be at least 2")
    n1, n2 = n // 2, n - n // 2
    if _use_exact(n, method):
        return _runs_limits_exact(n1, n2)
    mean = 1 + 2 * n1 * n2 / n
    sd = math.sqrt(2 * n1 * n2 * (2 * n1 * n2 - n) / (n * n * (n - 1)))
    z = statistics.NormalDist().inv_cdf(0.975)
    # With continuity correction: P(R <= L - 1) ~ Phi((L - 0.5 - mean) / sd) <= 0.025, and likewise above.
    return math.floor(mean - z * sd + 0.5), math.ceil(mean + z * sd - 0.5)


def _use_exact(n: int, method: str) -> bool:
    if method not in ("auto", "exact", "normal"):
        raise ValueError(f"unknown method {method!r}")
    return method == "exact" or (method == "auto" and n <= EXACT_MAX_N)


def _binomials(m: int) -> list[int]:
    """C(m, 0) ... C(m, m), each from the previous one, so the whole row costs O(m) big-int steps."""
    row = [1]
    for k in range(m):
        row.append(row[-1] * (m - k) // (k + 1))
    return row


def _runs_limits_exact(n1: int, n2: int) -> tuple[int, int]:
    a, b = _binomials(n1 - 1), _binomials(n2 - 1)
    total = math.comb(n1 + n2, n1)

    def c(row: list[int], k: int) -> int:
        return row[k] if 0 <= k < len(row) else 0

    def arrangements(r: int) -> int:
        # Number of orderings of n1 + n2 symbols with exactly r runs (Swed & Eisenhart 1943).
        k, odd = divmod(r, 2)
        if not odd:
            return 2 * c(a, k - 1) * c(b, k - 1)
        return c(a, k) * c(b, k - 1) + c(a, k - 1) * c(b, k)

    most = 2 * n1 if n1 == n2 else 2 * n1 + 1
    # A tail of probability p <= 2.5% means 40 * arrangements <= total; all in integers, no rounding.
    too_few_below = cumulative = 0
    for r in range(2, most + 1):
        cumulative += arrangements(r)
        if 40 * cumulative > total:
            too_few_below = r
            break
    too_many_above = cumulative = 0
    for r in range(most, 1, -1):
        cumulative += arrangements(r)
        if 40 * cumulative > total:
            too_many_above = r
            break
    return too_few_below, too_many_above


def thresholds_for(rule_set: str, n: int) -> Thresholds:
    """The limits ``rule_set`` applies to a phase with ``n`` useful points (n ≥ 2)."""
    if rule_set == IHI:
        too_few, too_many = runs_limits(n)
        return Thresholds(
            shift_points=IHI_SHIFT_POINTS,
            trend_points=IHI_TREND_POINTS,
            runs_too_few_below=too_few,
            runs_too_many_above=too_many,
            source=RUNS_LIMITS_EXACT if n <= EXACT_MAX_N else RUNS_LIMITS_NORMAL,
        )
    if rule_set == ANHOEJ:
        return Thresholds(
            longest_run_max=longest_run_limit(n),
            crossings_min=crossings_limit(n),
            source=ANHOEJ_LIMITS_EXACT if n <= EXACT_MAX_N else ANHOEJ_LIMITS_NORMAL,
        )
    raise ValueError(f"unknown rule set {rule_set!r}")


# --- analysis -------------------------------------------------------------------------------------------


def analyse(
    points: Sequence[float | int | Decimal | Point | None],
    *,
    baseline_end: int | None = None,
    phases: Sequence[int] = (),
    direction: str | None = None,
    rule_set: str = IHI,
) -> Analysis:
    """Analyse a series with ``rule_set`` (``"ihi"`` or ``"anhoej"``).

    ``points`` are numbers, ``None`` for a missing month, or :class:`Point` to carry a hand-set
    astronomical flag. ``phases`` are the positions where a new phase starts; each phase gets the median
    of its own points and is analysed on its own (a run never crosses a phase boundary). ``baseline_end``
    freezes the first phase: its median comes from ``points[:baseline_end]`` only and is extended to the
    rest of that phase. ``direction`` (``"up"``, ``"down"`` or ``None``) says which way is improvement and
    decides each signal's ``side``.

    Linear in the number of points apart from sorting for the medians and the (cached) limits.
    """
    if rule_set not in RULE_SETS:
        raise ValueError(f"unknown rule set {rule_set!r}")
    if direction is not None and direction not in DIRECTIONS:
        raise ValueError(f"direction must be 'up', 'down' or None, not {direction!r}")
    values, flags = _normalise(points)
    bounds = _phase_bounds(len(values), phases)
    if baseline_end is not None and not 1 <= baseline_end <= bounds[0][1]:
        raise ValueError("baseline_end must lie within the first phase")

    median: list[float | None] = [None] * len(values)
    results: list[Phase] = []
    signals: list[Signal] = []
    for number, (start, end) in enumerate(bounds):
        median_end = baseline_end if number == 0 and baseline_end is not None else end
        phase, phase_signals = _analyse_phase(
            values, flags, start, end, median_end, rule_set=rule_set, direction=direction, number=number
        )
        median[start:end] = [phase.median] * (end - start)
        results.append(phase)
        signals.extend(phase_signals)
    signals.sort(key=lambda s: (s.at, KINDS.index(s.kind), s.indexes))
    return Analysis(
        rule_set=rule_set,
        rule_set_label=RULE_SET_LABELS[rule_set],
        direction=direction,
        values=tuple(values),
        median=tuple(median),
        phases=tuple(results),
        signals=tuple(signals),
        baseline_end=baseline_end,
        astronomical=tuple(i for i, flagged in enumerate(flags) if flagged),
    )


def suggest_rebase(analysis: Analysis, *, min_points: int | None = None) -> int | None:
    """Propose where a new phase could start, or ``None``: a suggestion only; the user decides.

    Looks at the current (last) phase when it has a frozen baseline, and returns the first position of the
    earliest sustained shift (IHI shift, Anhøj long run) that lies wholly after the baseline. A shift that
    began inside the baseline says the baseline itself was unstable, not that something changed, so it is
    not proposed. ``min_points`` asks for a longer run than the rule's own, e.g. 9 for the Scottish
    Patient Safety Programme's "sustained improvement"; it cannot make the rule shorter.
    """
    phase = analysis.current
    if phase.median_end >= phase.end:
        return None
    number = len(analysis.phases) - 1
    for signal in analysis.signals:
        if signal.phase != number or signal.kind not in (SHIFT, LONG_RUN):
            continue
        if signal.indexes[0] < phase.median_end:
            continue
        if min_points is not None and len(signal.indexes) < min_points:
            continue
        return signal.indexes[0]
    return None


def _normalise(points: Sequence[float | int | Decimal | Point | None]) -> tuple[list[float | None], list[bool]]:
    values: list[float | None] = []
    flags: list[bool] = []
    for i, point in enumerate(points):
        flagged = False
        if isinstance(point, Point):
            point, flagged = point.value, point.astronomical
        if point is None:
            # A flag on a missing month has nothing to mark (the value was probably deleted): drop it.
            values.append(None)
            flags.append(False)
            continue
        if isinstance(point, bool) or not isinstance(point, Real | Decimal):
            raise TypeError(f"point {i}: expected a number or None, not {type(point).__name__}")
        value = float(point)
        if not math.isfinite(value):
            raise ValueError(f"point {i}: {point!r} is not a finite number")
        values.append(value)
        flags.append(bool(flagged))
    return values, flags


def _phase_bounds(length: int, starts: Sequence[int]) -> list[tuple[int, int]]:
    starts = list(starts)
    if any(not 0 < s < length for s in starts) or any(a >= b for a, b in itertools.pairwise(starts)):
        raise ValueError("phase starts must be increasing positions after the first point")
    return list(itertools.pairwise([0, *starts, length]))


def _side(towards: str | None, direction: str | None) -> str:
    if towards is None or direction is None:
        return NEUTRAL
    return IMPROVEMENT if towards == direction else CONCERN


def _analyse_phase(
    values: list[float | None],
    flags: list[bool],
    start: int,
    end: int,
    median_end: int,
    *,
    rule_set: str,
    direction: str | None,
    number: int,
) -> tuple[Phase, list[Signal]]:
    present = [i for i in range(start, end) if values[i] is not None]
    baseline = [values[i] for i in present if i < median_end]
    median = statistics.median(baseline) if baseline else None

    # Runs among useful points: each run is (towards, positions).
    runs: list[tuple[str, list[int]]] = []
    if median is not None:
        for i in present:
            value = values[i]
            if value == median:
                continue
            towards = UP if value > median else DOWN
            if runs and runs[-1][0] == towards:
                runs[-1][1].append(i)
            else:
                runs.append((towards, [i]))
    n_useful = sum(len(run) for _, run in runs)
    useful = tuple(i for _, run in runs for i in run)

    signals: list[Signal] = []
    for i in present:
        if flags[i]:
            value = values[i]
            towards = None if median is None or value == median else (UP if value > median else DOWN)
            signals.append(Signal(ASTRONOMICAL, (i,), _side(towards, direction), i, towards, number))

    thresholds: Thresholds | None = None
    if median is None:
        reason: str | None = REASON_EMPTY_BASELINE
    elif n_useful < MIN_USEFUL_POINTS:
        reason = REASON_TOO_FEW_POINTS % {"n_useful": n_useful, "minimum": MIN_USEFUL_POINTS}
    else:
        reason = None
        thresholds = thresholds_for(rule_set, n_useful)
        signals.extend(_rule_signals(values, present, runs, useful, thresholds, rule_set, direction, number))

    phase = Phase(
        start=start,
        end=end,
        median_end=median_end,
        median=median,
        n_useful=n_useful,
        runs=len(runs),
        crossings=max(len(runs) - 1, 0),
        longest_run=max((len(run) for _, run in runs), default=0),
        minimum_useful=MIN_USEFUL_POINTS,
        thresholds=thresholds,
        reason=reason,
    )
    return phase, signals


def _rule_signals(
    values: list[float | None],
    present: list[int],
    runs: list[tuple[str, list[int]]],
    useful: tuple[int, ...],
    thresholds: Thresholds,
    rule_set: str,
    direction: str | None,
    number: int,
) -> list[Signal]:
    signals: list[Signal] = []
    n_runs, last = len(runs), useful[-1]

    def whole_phase(kind: str) -> Signal:
        return Signal(kind, useful, NEUTRAL, last, None, number)

    if rule_set == IHI:
        for towards, run in runs:
            if len(run) >= IHI_SHIFT_POINTS:
                signals.append(
                    Signal(SHIFT, tuple(run), _side(towards, direction), run[IHI_SHIFT_POINTS - 1], towards, number)
                )
        signals.extend(_trends(values, present, direction, number))
        if n_runs < thresholds.runs_too_few_below:
            signals.append(whole_phase(TOO_FEW_RUNS))
        if n_runs > thresholds.runs_too_many_above:
            signals.append(whole_phase(TOO_MANY_RUNS))
    else:
        limit = thresholds.longest_run_max
        for towards, run in runs:
            if len(run) > limit:
                signals.append(Signal(LONG_RUN, tuple(run), _side(towards, direction), run[limit], towards, number))
        if n_runs - 1 < thresholds.crossings_min:
            signals.append(whole_phase(FEW_CROSSINGS))
    return signals


def _trends(values: list[float | None], present: list[int], direction: str | None, number: int) -> list[Signal]:
    """IHI trends: 5 or more points all going up or all going down. Successive equal values count as one
    (they neither make nor break a trend), so equal neighbours are first merged into groups."""
    groups: list[list[int]] = []  # positions of successive equal values
    for i in present:
        if groups and values[groups[-1][0]] == values[i]:
            groups[-1].append(i)
        else:
            groups.append([i])

    signals: list[Signal] = []
    first = 0  # first group of the current monotone stretch
    for g in range(1, len(groups) + 1):
        # A stretch ends at the last group, or where the direction between groups turns.
        turns = g == len(groups) or (g >= first + 2 and _rises(values, groups, g - 1) != _rises(values, groups, g))
        if not turns:
            continue
        if g - first >= IHI_TREND_POINTS:
            towards = UP if _rises(values, groups, first + 1) else DOWN
            indexes = tuple(i for group in groups[first:g] for i in group)
            at = groups[first + IHI_TREND_POINTS - 1][0]
            signals.append(Signal(TREND, indexes, _side(towards, direction), at, towards, number))
        # The turning point is shared: it ends one stretch and starts the next.
        first = g - 1
    return signals


def _rises(values: list[float | None], groups: list[list[int]], g: int) -> bool:
    """Whether group ``g`` is higher than group ``g - 1`` (never equal: equal neighbours are merged)."""
    return values[groups[g][0]] > values[groups[g - 1][0]]
