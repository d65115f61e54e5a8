"""The toolkit's scoring rules, as the toolkit's instructions give them (pure functions).

- «Hva er viktig for meg»: each area or activity is scored 1–10 by the person, 1 = most difficult.
  The average of a conversation = the sum of its scores / the number of areas scored in it.
  Worked example: 1 + 4 + 1 + 2 = 8, 8 / 4 = 2,0.
- Opplevd nytte (perceived benefit) = the average of the 2nd conversation − the average of the
  1st (5,0 − 2,0 = 3,0). With later conversations also: the latest average − the first.
- Sjekkliste for samhandling: «gjennomført» and «ikke aktuelt» give 1 point, «aktuelt, ikke
  gjennomført» 0. Programoppfyllelse = points / 10 (8 of 10 points → 80 %).

Averages are exact decimals; they are rounded to one decimal only when shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from toolkit.models import CHECKLIST_ITEMS, SCORE_MAX, SCORE_MIN

ONE_DECIMAL = Decimal("0.1")


def average(scores: Iterable[int]) -> Decimal | None:
    """Sum / number of areas scored; None when nothing was scored."""
    values = list(scores)
    for value in values:
        if not SCORE_MIN <= value <= SCORE_MAX:
            raise ValueError(f"A score is {SCORE_MIN}–{SCORE_MAX}, not {value}")
    if not values:
        return None
    return Decimal(sum(values)) / Decimal(len(values))


def benefit(first: Decimal | None, second: Decimal | None) -> Decimal | None:
    """Opplevd nytte: the later average minus the earlier one (positive = better)."""
    if first is None or second is None:
        return None
    return second - first


def benefits(averages_by_conversation: Mapping[int, Decimal | None]) -> tuple[Decimal | None, Decimal | None]:
    """(average(2) − average(1), latest − first) from {conversation number: average}."""
    scored = sorted((n, a) for n, a in averages_by_conversation.items() if a is not None)
    second_minus_first = benefit(averages_by_conversation.get(1), averages_by_conversation.get(2))
    latest_minus_first = benefit(scored[0][1], scored[-1][1]) if len(scored) >= 2 else None
    return second_minus_first, latest_minus_first


def checklist_points(states: Iterable[str]) -> int:
    """One point for every item done or not relevant; none for one relevant but not done."""
    from toolkit.models import ChecklistAnswer

    return sum(0 if state == ChecklistAnswer.State.NOT_DONE else 1 for state in states)


def fidelity_percent(points: int) -> Decimal:
    """Programoppfyllelse: points of ten as a percentage."""
    return Decimal(points) * 100 / CHECKLIST_ITEMS


def one_decimal(value: Decimal | None) -> Decimal | None:
    """How an average is shown: one decimal, halves rounded up (2,25 → 2,3)."""
    return None if value is None else value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
