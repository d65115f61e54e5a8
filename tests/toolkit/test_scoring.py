"""The toolkit's scoring rules, written out as in the toolkit's worked example (Vedlegg 2):

1. samtale: 1 + 4 + 1 + 2 = 8, 8 / 4 = 2,0
2. samtale: 5,0
Brukerens opplevde nytte: 5,0 − 2,0 = 3,0
Sjekkliste: 8 av 10 poeng gir 80 % programoppfyllelse; 10 av 10 gir 100 %.
"""

from decimal import Decimal

import pytest

from toolkit import scoring
from toolkit.models import ChecklistAnswer

DONE, NOT_RELEVANT, NOT_DONE = (
    ChecklistAnswer.State.DONE,
    ChecklistAnswer.State.NOT_RELEVANT,
    ChecklistAnswer.State.NOT_DONE,
)


def test_the_worked_example():
    first = scoring.average([1, 4, 1, 2])
    assert first == Decimal("2")  # 8 / 4 = 2,0
    second = scoring.average([5, 6, 4, 5])
    assert second == Decimal("5")  # 5,0
    assert scoring.benefit(first, second) == Decimal("3")  # 5,0 − 2,0 = 3,0


def test_average_is_over_the_areas_scored_in_that_conversation_only():
    # An area added at the 2nd conversation counts in the 2nd average, not in the 1st.
    assert scoring.average([1, 4, 1, 2]) == Decimal("2")
    assert scoring.average([5, 6, 4, 5, 10]) == Decimal("6")


def test_one_decimal_rounds_halves_up():
    assert scoring.one_decimal(scoring.average([2, 3, 2, 2])) == Decimal("2.3")  # 2,25
    assert scoring.one_decimal(scoring.average([1, 2, 2])) == Decimal("1.7")  # 1,666…


def test_benefits_second_minus_first_and_latest_minus_first():
    averages = {1: Decimal("2"), 2: Decimal("5"), 3: Decimal("7.5")}
    assert scoring.benefits(averages) == (Decimal("3"), Decimal("5.5"))
    assert scoring.benefits({1: Decimal("2")}) == (None, None)


def test_no_scores_no_average_and_scores_outside_1_to_10_are_refused():
    assert scoring.average([]) is None
    for bad in (0, 11):
        with pytest.raises(ValueError):
            scoring.average([5, bad])


def test_checklist_points_and_programoppfyllelse():
    eight = [DONE] * 6 + [NOT_RELEVANT] * 2 + [NOT_DONE] * 2
    assert scoring.checklist_points(eight) == 8
    assert scoring.fidelity_percent(8) == Decimal("80")  # 8 av 10 poeng gir 80 %
    assert scoring.checklist_points([DONE] * 10) == 10
    assert scoring.fidelity_percent(10) == Decimal("100")
    assert scoring.checklist_points([NOT_RELEVANT] * 10) == 10  # ikke aktuelt gir også ett poeng
