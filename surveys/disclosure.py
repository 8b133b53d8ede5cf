"""Small-number protection audited jointly over everything a survey publishes.

Every number a survey manager can see for a survey (the results page, every breakdown, every
CSV, the number of written answers, the response total) is a *published cell*. Each is an
integer variable of one model, together with a few unpublished ones (for example, how many
people answered both of two questions), tied by the relations that truly hold between them
(a row adds up to its total; a multiple-choice row adds up to *at least* its total; nobody is
counted in more people than answered). An analyst who combines every table knows all of that,
knows that counts are whole numbers of 0 or more, and knows every shown cell exactly.

A cell is withheld when its count is from 1 to threshold - 1 (*primary*). Every withheld cell
carries the same label, so the label says nothing about the value. The audit then asks the
analyst's question with an integer program (SciPy's HiGHS, `scipy.optimize.milp`): for each
primary cell, given every shown number, can the cell be 0, or can it be threshold or more? If
neither, the analyst could prove that a small group of people is there, and work it out
exactly when the interval is one value; so a neighbouring cell is withheld too (*secondary*)
and the audit runs again. This is stricter than "not determined exactly": the analyst cannot
even prove that the count is small and not zero.

Zeros are shown as 0, except in a table that has a withheld cell: there they are withheld too,
so that "withheld" cannot be read as "at least 1". The audit itself treats every withheld cell
as "0 or more" and every shown 0 as an exact number it may use.
"""

from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext_lazy
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

# The one label of every withheld number, in the reader's language (results.shown).
WITHHELD = gettext_lazy("withheld")


@dataclass
class Model:
    """The cells, their true values and the relations that hold between them.

    values: {key: true count} for every variable, published or not. published: the keys
    somebody can see (when not withheld). equal: [{key: coefficient}] rows that sum to 0.
    at_most: [{key: coefficient}] rows that sum to 0 or less. tables: lists of published keys
    shown together (for the rule on zeros). margins: totals, withheld only when no inner cell
    will do. fixed: published keys that must stay shown (the response total).
    """

    values: dict = field(default_factory=dict)
    published: set = field(default_factory=set)
    equal: list = field(default_factory=list)
    at_most: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    margins: set = field(default_factory=set)
    fixed: set = field(default_factory=set)

    def add(self, key, value, *, published=True, margin=False):
        self.values[key] = value
        if published:
            self.published.add(key)
        if margin:
            self.margins.add(key)

    def equation(self, total, parts):
        """total = sum(parts)"""
        row = {total: -1}
        for part in parts:
            row[part] = row.get(part, 0) + 1
        self.equal.append(row)

    def inequality(self, small, large):
        """sum(small) <= sum(large)"""
        row = {}
        for key in small:
            row[key] = row.get(key, 0) + 1
        for key in large:
            row[key] = row.get(key, 0) - 1
        self.at_most.append(row)


def protect(model, threshold, *, max_rounds=200):
    """The set of published keys to withhold. Every other published key may be shown as is."""
    withheld = {k for k in model.published if 0 < model.values[k] < threshold} - model.fixed
    primary = set(withheld)
    for _ in range(max_rounds):
        exposed = exposed_cells(model, withheld, threshold, primary)
        if not exposed:
            return _withhold_zeros(model, withheld)
        added = set()
        for key in exposed:
            if added and not exposed_cells(model, withheld | added, threshold, {key}):
                continue  # what was withheld for an earlier cell protects this one too
            added |= _complement(model, withheld | added, key, threshold)
        if not added:
            break
        withheld |= added
    # Could not settle within the rounds (never seen): withhold everything that may be.
    return _withhold_zeros(model, model.published - model.fixed)


def exposed_cells(model, withheld, threshold, cells=None):
    """The withheld cells with a true value from 1 to threshold - 1 (or those of `cells`) that
    the analyst can prove to be from 1 to threshold - 1, given every shown number."""
    if cells is None:
        cells = {k for k in withheld if 0 < model.values[k] < threshold}
    known = {k: v for k, v in model.values.items() if k in model.published and k not in withheld}
    rows = [(row, True) for row in model.equal] + [(row, False) for row in model.at_most]
    exposed = []
    for component in _components(rows, known):
        pending = {k for k in cells if k in component.keys}
        if pending:
            exposed += _Problem(model, component, known).exposed(pending, threshold)
    return sorted(exposed, key=str)


class _Component:
    def __init__(self):
        self.keys, self.rows = set(), []


def _components(rows, known):
    """Groups of unknown cells tied together by rows (a row of shown cells ties nothing)."""
    parent = {}

    def find(k):
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for row, _ in rows:
        free = [k for k in row if k not in known]
        for k in free[1:]:
            parent[find(k)] = find(free[0])
        if free:
            find(free[0])
    groups = {}
    for k in parent:
        groups.setdefault(find(k), _Component()).keys.add(k)
    for row, is_equal in rows:
        free = next((k for k in row if k not in known), None)
        if free is not None:
            groups[find(free)].rows.append((row, is_equal))
    return list(groups.values())


class _Problem:
    """The analyst's integer program over one group of unknown cells."""

    def __init__(self, model, component, known):
        self.upper = float(max(model.values.values(), default=0))
        self.keys = sorted(component.keys, key=str)
        self.index = {k: i for i, k in enumerate(self.keys)}
        data, row_ids, col_ids, low, high = [], [], [], [], []
        for number, (row, is_equal) in enumerate(component.rows):
            constant = sum(c * known[k] for k, c in row.items() if k in known)
            for k, coefficient in row.items():
                if k not in known:
                    data.append(coefficient)
                    row_ids.append(number)
                    col_ids.append(self.index[k])
            low.append(-constant if is_equal else -np.inf)
            high.append(-constant)
        shape = (len(component.rows), len(self.keys))
        matrix = coo_array((data, (row_ids, col_ids)), shape=shape).tocsr()
        self.constraints = [LinearConstraint(matrix, low, high)]

    def solve(self, objective=None, fix=None):
        """A table the analyst cannot rule out (cell values by key), or None."""
        lower = np.zeros(len(self.keys))
        upper = np.full(len(self.keys), self.upper)
        if fix:
            key, (low, high) = fix
            lower[self.index[key]], upper[self.index[key]] = low, high
        cost = np.zeros(len(self.keys))
        for key in objective or ():
            cost[self.index[key]] = 1
        result = milp(
            c=cost,
            constraints=self.constraints,
            integrality=np.ones(len(self.keys)),
            bounds=Bounds(lower, upper),
        )
        return None if result.status != 0 else result.x

    def exposed(self, pending, threshold):
        """Each pending cell is safe if some table consistent with everything shown puts it at
        0 or at threshold or more. One table can settle many cells at once, so first ask for
        the table with the pending cells as low as they go, then one cell at a time."""
        pending = set(pending)

        def settle(x):
            if x is not None:
                pending.difference_update(
                    k
                    for k in list(pending)
                    if x[self.index[k]] < 0.5 or x[self.index[k]] > threshold - 0.5
                )

        settle(self.solve(objective=pending))
        exposed = []
        for key in sorted(pending, key=str):
            if key not in pending:
                continue
            for bounds in ((0, 0), (threshold, self.upper)):
                x = self.solve(fix=(key, bounds))
                settle(x)
                if x is not None:
                    break
            else:
                exposed.append(key)
                pending.discard(key)
        return exposed


def _complement(model, withheld, key, threshold):
    """The shown cells to withhold so that `key` is safe: the cheapest set whose change lets
    the analyst's tables put `key` at 0 (or, failing that, at threshold) while agreeing with
    every number still shown. Found with one more integer program: every shown cell may move
    away from its value only by paying its weight (small inner cells are cheap, totals dear).
    Withholding exactly those cells makes that other table possible, so `key` is then safe."""
    keys = sorted(model.values, key=str)
    index = {k: i for i, k in enumerate(keys)}
    movable = [
        k for k in keys if k in model.published and k not in withheld and k not in model.fixed
    ]
    width = len(keys) + len(movable)
    upper = float(max(model.values.values(), default=0))
    rows, low, high = [], [], []
    for row, is_equal in [(r, True) for r in model.equal] + [(r, False) for r in model.at_most]:
        rows.append({index[k]: c for k, c in row.items()})
        low.append(0.0 if is_equal else -np.inf)
        high.append(0.0)
    for number, k in enumerate(movable):
        # |x_k - value_k| <= upper * moved_k
        flag, value = len(keys) + number, model.values[k]
        rows.append({index[k]: 1.0, flag: -upper})
        low.append(-np.inf)
        high.append(value)
        rows.append({index[k]: -1.0, flag: -upper})
        low.append(-np.inf)
        high.append(-value)
    data = [(r, c, v) for r, row in enumerate(rows) for c, v in row.items()]
    matrix = coo_array(
        ([v for *_, v in data], ([r for r, *_ in data], [c for _, c, _ in data])),
        shape=(len(rows), width),
    ).tocsr()
    cost = np.zeros(width)
    for number, k in enumerate(movable):
        cost[len(keys) + number] = 1 + model.values[k] + (10 * upper if k in model.margins else 0)
    lower, top = np.zeros(width), np.r_[np.full(len(keys), upper), np.ones(len(movable))]
    for k in keys:
        if k in model.fixed or (k in model.published and k not in withheld and k not in movable):
            lower[index[k]] = top[index[k]] = model.values[k]
    for target in ((0, 0), (threshold, upper)):
        lower[index[key]], top[index[key]] = target
        result = milp(
            c=cost,
            constraints=[LinearConstraint(matrix, low, high)],
            integrality=np.ones(width),
            bounds=Bounds(lower, top),
        )
        if result.status == 0:
            flags = result.x[len(keys) :]
            return {k for k, flag in zip(movable, flags, strict=True) if flag > 0.5}
    return set(movable)


def _withhold_zeros(model, withheld):
    withheld = set(withheld)
    changed = True
    while changed:
        changed = False
        for table in model.tables:
            if any(k in withheld for k in table):
                zeros = {k for k in table if model.values[k] == 0 and k not in model.fixed}
                if zeros - withheld:
                    withheld |= zeros
                    changed = True
    return withheld
