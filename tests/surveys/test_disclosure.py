"""The joint audit: no withheld count can be proved small (1 to threshold - 1) from the rest."""

from surveys.disclosure import Model, exposed_cells, protect


def one_way(counts, *, answered=None):
    model = Model()
    total = answered if answered is not None else sum(counts.values())
    model.add(("T",), total)
    model.fixed.add(("T",))
    model.add("answered", total, margin=True)
    for key, value in counts.items():
        model.add(key, value)
    model.equation("answered", list(counts))
    model.inequality(["answered"], [("T",)])
    model.tables.append(["answered", *counts])
    return model


def cross(cells):
    """A table with row, column and grand totals, all published."""
    model = Model()
    rows, cols = len(cells), len(cells[0])
    grand = sum(map(sum, cells))
    model.add(("T",), grand)
    model.fixed.add(("T",))
    model.add("all", grand, margin=True)
    model.equation("all", [("T",)])
    for i in range(rows):
        for j in range(cols):
            model.add((i, j), cells[i][j])
    for i in range(rows):
        model.add(("row", i), sum(cells[i]), margin=True)
        model.equation(("row", i), [(i, j) for j in range(cols)])
    for j in range(cols):
        model.add(("col", j), sum(cells[i][j] for i in range(rows)), margin=True)
        model.equation(("col", j), [(i, j) for i in range(rows)])
    model.equation("all", [("row", i) for i in range(rows)])
    model.tables.append(list(model.published - {("T",)}))
    return model


def test_answered_12_a_6_b_5_c_1_withholds_c_and_a_neighbour():
    model = one_way({"A": 6, "B": 5, "C": 1})
    withheld = protect(model, 5)
    assert "C" in withheld
    assert "B" in withheld  # the smallest other count: 12 - 6 - B = C would give C away
    assert "A" not in withheld and "answered" not in withheld
    assert exposed_cells(model, withheld, 5) == []


def test_withholding_only_the_small_count_is_reported_as_exposed():
    model = one_way({"A": 6, "B": 5, "C": 1})
    assert exposed_cells(model, {"C"}, 5) == ["C"]


def test_a_cell_of_3_in_a_cross_table_cannot_be_proved_small():
    model = cross([[3, 12, 9], [8, 10, 7], [6, 11, 14]])
    withheld = protect(model, 5)
    assert (0, 0) in withheld
    assert len(withheld) >= 4  # a cycle of four cells, at least
    assert exposed_cells(model, withheld, 5) == []


def test_zeros_are_withheld_in_a_table_that_has_a_withheld_count():
    model = one_way({"A": 9, "B": 0, "C": 2, "D": 7})
    withheld = protect(model, 5)
    assert {"B", "C"} <= withheld  # otherwise "withheld" would mean "at least 1"
    assert exposed_cells(model, withheld, 5) == []


def test_zeros_are_shown_when_nothing_else_is_withheld():
    model = one_way({"A": 9, "B": 0, "C": 7})
    assert protect(model, 5) == set()


def test_a_table_at_exactly_the_threshold_hides_both_counts():
    model = one_way({"A": 4, "B": 1})
    withheld = protect(model, 5)
    assert {"A", "B"} <= withheld
    assert exposed_cells(model, withheld, 5) == []


def test_multiple_choice_counts_add_up_to_at_least_the_number_who_answered():
    # 10 people answered, ticking 14 boxes: the audit must not assume A + B + C = answered.
    model = Model()
    model.add(("T",), 10)
    model.fixed.add(("T",))
    model.add("answered", 10, margin=True)
    for key, value in {"A": 8, "B": 4, "C": 2}.items():
        model.add(key, value)
        model.inequality([key], ["answered"])
    model.inequality(["answered"], ["A", "B", "C"])
    model.tables.append(["answered", "A", "B", "C"])
    withheld = protect(model, 5)
    assert {"B", "C"} <= withheld
    assert exposed_cells(model, withheld, 5) == []
