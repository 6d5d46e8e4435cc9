"""When a peer median may be shown without giving back one company's value (pure, no Flask, no database).

The rule (documented in the README's "Privacy (Law 25)" section and in the privacy notice):

1. Only companies the cluster has verified count, and a median needs at least
   ``MIN_GROUP`` distinct companies with a value.
2. The median is shown rounded to the nearest ``STEP`` (0.5 on the 0-5 scale).
3. The cell is suppressed when any single contributor steers it: if moving that
   contributor's value from the bottom to the top of the scale, the others
   fixed, moves the median by more than ``STEP``, the median would give that
   contributor's value back to someone who knows the others (four fake
   companies answering 0, 0, 5, 5 make the median equal the fifth company's
   own score). A median is monotone in each value, so checking both ends of
   the scale is exact.
4. The cell is also suppressed when all the other contributors have the same
   value: whoever knows that value learns how the remaining one compares to it.
"""
from collections.abc import Sequence

MIN_GROUP = 5
STEP = 0.5
SCALE = (0.0, 5.0)


def median(values: Sequence[float]) -> float:
    """The median of a non-empty sequence of numbers."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def rounded(value: float, step: float = STEP) -> float:
    """Round half up to the nearest *step* (no banker's rounding: 2.25 gives 2.5)."""
    return int(value / step + 0.5 + 1e-9) * step


def steered_by_one(values: Sequence[float], step: float = STEP, scale: tuple[float, float] = SCALE) -> bool:
    """Return True when one contributor alone can move the median by more than *step*."""
    low, high = scale
    ordered = sorted(values)
    count = len(ordered)
    # Which one is moved only matters through its rank next to the middle: every rank below
    # the middle ranks gives the same medians, as does every rank above them. Checking the
    # lowest, the middle ranks and the highest is exact, and costs a few sorts, not one per company.
    middle = range(max(0, (count - 1) // 2 - 1), min(count, count // 2 + 1))
    for index in sorted({0, count - 1, *middle}) if ordered else ():
        others = [*ordered[:index], *ordered[index + 1:]]
        if median([*others, high]) - median([*others, low]) > step:
            return True
    return False


def others_identical(values: Sequence[float]) -> bool:
    """Return True when, for some contributor, all the other contributors share one value."""
    distinct = set(values)
    if len(distinct) == 1:
        return True
    if len(distinct) == 2:
        # Removing the only holder of one of the two values leaves identical others.
        return any(list(values).count(value) == 1 for value in distinct)
    return False


def safe_median(values: Sequence[float], min_group: int = MIN_GROUP) -> float | None:
    """The rounded median of one value per company, or None when it could reveal one of them.

    :param values: one value per distinct (verified) company.
    :return: the median rounded to ``STEP``, or None when fewer than *min_group* values,
        when one contributor steers it, or when the others of one contributor are identical.
    """
    if len(values) < min_group or steered_by_one(values) or others_identical(values):
        return None
    return rounded(median(values))
