"""Small-number protection: a hidden count cannot be worked out from the published numbers."""

from surveys.disclosure import HIDDEN, SMALL, determined, protect


def cross_table(cells):
    """values and equations of a table with row, column and grand totals."""
    values, equations = {}, []
    rows, cols = len(cells), len(cells[0])
    for i in range(rows):
        for j in range(cols):
            values[("cell", i, j)] = cells[i][j]
    for i in range(rows):
        values[("row", i)] = sum(cells[i])
        equations.append((("row", i), [("cell", i, j) for j in range(cols)]))
    for j in range(cols):
        values[("col", j)] = sum(cells[i][j] for i in range(rows))
        equations.append((("col", j), [("cell", i, j) for i in range(rows)]))
    values[("all",)] = sum(map(sum, cells))
    equations.append((("all",), [("row", i) for i in range(rows)]))
    equations.append((("all",), [("col", j) for j in range(cols)]))
    return values, equations


def consistent_tables(values, equations, status, limit):
    """Brute force: every assignment of the hidden numbers (0..limit) that agrees with every
    published number and every total (depth-first, checking each total once it is complete)."""
    hidden = [key for key, state in status.items() if state]
    table = {key: value for key, value in values.items() if not status[key]}

    def complete(total, parts):
        return all(key in table for key in [total, *parts])

    def search(index):
        if index == len(hidden):
            yield dict(table)
            return
        for guess in range(limit + 1):
            table[hidden[index]] = guess
            if all(
                table[total] == sum(table[p] for p in parts)
                for total, parts in equations
                if complete(total, parts)
            ):
                yield from search(index + 1)
            del table[hidden[index]]

    yield from search(0)


def test_a_cell_of_3_is_hidden_and_no_combination_of_shown_numbers_reveals_it():
    values, equations = cross_table([[3, 12, 9], [8, 10, 7], [6, 11, 14]])
    status, safe = protect(values, equations, threshold=5)
    assert safe
    assert status[("cell", 0, 0)] == SMALL
    # Every row and column with a hidden cell has at least two hidden entries.
    for total, parts in equations:
        hidden = [key for key in [total, *parts] if status[key]]
        assert len(hidden) != 1
    # Linear algebra: no hidden number lies in the span of the published ones.
    assert determined(status, equations) == []
    # Brute force: the hidden cell takes several values among all tables that agree with
    # every shown number, so nothing on the page pins it down.
    possible = {
        table[("cell", 0, 0)] for table in consistent_tables(values, equations, status, limit=15)
    }
    assert len(possible) > 1
    assert 3 in possible


def test_one_way_table_hides_a_second_count_next_to_a_small_one():
    values = {"a": 3, "b": 20, "c": 9, "answered": 32}
    status, safe = protect(values, [("answered", ["a", "b", "c"])], 5, margins={"answered"})
    assert safe
    assert status["a"] == SMALL
    assert status["c"] == HIDDEN  # the smallest inner cell, not the total
    assert status["answered"] is None and status["b"] is None


def test_totals_published_elsewhere_stay_fixed_and_inner_cells_are_hidden_instead():
    values, equations = cross_table([[3, 12], [8, 10]])
    fixed = {("row", 0): None, ("row", 1): None, ("all",): None}
    status, safe = protect(values, equations, 5, fixed=fixed)
    assert safe
    assert all(status[key] is None for key in fixed)
    assert determined(status, equations) == []


def test_a_table_that_cannot_be_protected_is_reported_unsafe():
    # One column: each cell equals its published row total.
    values, equations = cross_table([[3], [9]])
    fixed = {("row", 0): None, ("row", 1): None, ("all",): None}
    _, safe = protect(values, equations, 5, fixed=fixed)
    assert not safe


def test_nothing_is_hidden_when_every_count_is_large_enough():
    values, equations = cross_table([[6, 7], [8, 9]])
    status, safe = protect(values, equations, 5)
    assert safe and not any(status.values())
