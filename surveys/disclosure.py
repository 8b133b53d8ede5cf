"""Small-number protection for tables of counts.

A count below the survey's threshold is *primary* suppressed ("fewer than 5"). Hiding it alone
is not enough: with the row total published, subtraction gives it back. So other cells are
*secondarily* suppressed until no hidden number can be worked out from the published ones.

The check is exact linear algebra, not a rule of thumb: the published numbers and the table's
additive relations (each row and column adds up to its total) form a linear system in the
hidden numbers; a hidden number can be recovered by some combination of the published ones
exactly when its unit vector lies in the row space of that system. We add suppressions until
no hidden number does.

Relations that are not truly additive (a multiple-choice question, where one person may tick
several boxes) are still treated as additive: assuming *more* relations than really exist can
only make us hide more, never less.
"""

from fractions import Fraction

SMALL = "small"
HIDDEN = "hidden"


def determined(status, equations):
    """The hidden keys whose value follows from the published ones by a linear combination."""
    unknown = [key for key, state in status.items() if state]
    if not unknown:
        return []
    column = {key: index for index, key in enumerate(unknown)}
    rows = []
    for total, parts in equations:
        row = [Fraction(0)] * len(unknown)
        for key, coefficient in [(total, -1)] + [(part, 1) for part in parts]:
            if key in column:
                row[column[key]] += coefficient
        if any(row):
            rows.append(row)
    return [unknown[index] for index in _unit_rows(rows, len(unknown))]


def _unit_rows(rows, width):
    """Columns k for which the unit vector e_k is in the row space (reduced row echelon form)."""
    pivot_row = 0
    pivots = []
    for col in range(width):
        found = next((r for r in range(pivot_row, len(rows)) if rows[r][col] != 0), None)
        if found is None:
            continue
        rows[pivot_row], rows[found] = rows[found], rows[pivot_row]
        lead = rows[pivot_row][col]
        rows[pivot_row] = [value / lead for value in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[pivot_row], strict=True)]
        pivots.append((pivot_row, col))
        pivot_row += 1
    return [col for row, col in pivots if sum(1 for value in rows[row] if value != 0) == 1]


def protect(values, equations, threshold, *, fixed=None, margins=()):
    """Decide which counts to hide.

    values: {key: count}. equations: [(total key, [part keys])]. fixed: {key: status} for
    counts whose status was already decided where they were first published (a question's own
    results), so that every page shows the same thing. margins: keys of totals, hidden only
    when no inner cell will do. Returns ({key: None | SMALL | HIDDEN}, safe); when safe is False
    nothing could make the table safe and the caller must not show it.
    """
    fixed = fixed or {}
    status = {}
    for key, value in values.items():
        if key in fixed:
            status[key] = fixed[key]
        else:
            status[key] = SMALL if 0 < value < threshold else None
    margins = set(margins)
    lines = [[total, *parts] for total, parts in equations]
    while True:
        # A line (row or column) with a single hidden count gives it away by subtraction: fix
        # those first, cheaply; the exact (slower) check runs once none is left.
        targets = [line for line in lines if _hidden(line, status) == 1]
        if not targets:
            exposed = set(determined(status, equations))
            if not exposed:
                return status, True
            targets = [line for line in lines if exposed & set(line)]
        candidate = _complement(targets, lines, status, values, fixed, margins)
        if candidate is not None:
            status[candidate] = HIDDEN
            continue
        # Nothing next to it can be hidden: hide every cell we are free to hide, then re-check.
        free = [key for key in values if key not in fixed and status[key] is None]
        if not free:
            return status, False
        for key in free:
            status[key] = HIDDEN


def _hidden(line, status):
    return sum(1 for key in line if status[key])


def _complement(targets, lines, status, values, fixed, margins):
    """The published count that best protects the target lines.

    Among a target line's published counts, prefer one whose other line also has a single
    hidden count (one suppression then fixes two lines and closes a cycle), then an inner cell
    before a total, then the smallest (it loses the least information). Zeros come last: a
    hidden number can only be 0 or more, so a hidden 0 would pin the others down.
    """

    def score(key, target):
        closes = any(
            _hidden(line, status) == 1 for line in lines if key in line and line is not target
        )
        return (values[key] == 0, not closes, key in margins, values[key], str(key))

    for target in targets:
        candidates = [key for key in target if status[key] is None and key not in fixed]
        if candidates:
            return min(candidates, key=lambda key: score(key, target))
    return None


def shown(value, state, threshold):
    """How a count is written on the page and in the CSV."""
    if state == SMALL:
        return f"fewer than {threshold}"
    if state == HIDDEN:
        return "not shown"
    return str(value)
