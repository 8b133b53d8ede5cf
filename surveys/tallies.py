"""Counting a survey's answers and protecting every table it can publish, in one pass.

`protected_tables(survey, structure)` runs a fixed number of aggregate queries (one-way counts,
then every pair of questions at once), builds the joint model of everything a survey manager
can see (`surveys.disclosure.Model`), audits it, and returns the protected numbers as plain
JSON-ready data: a withheld number is None. It is slow on a big survey (the pair counts join
the answer table with itself, and the audit solves integer programs), so it runs in the
background (`surveys.tasks.results_refresh`) and pages read its stored result.
"""

from django.db import connection
from django.db.models import Avg, Count, Q

from surveys.disclosure import Model, protect
from surveys.forms import rating_choices
from surveys.models import Answer, Question, Response

ANSWERED = "answered"
NO_ANSWER = "none"


def categories(question):
    """[(key, label)] of a question that can be broken down: choices, rating points, or, for
    written answers, the one category "answered"."""
    if question.kind == Question.Kind.RATING:
        return [(int(value), label) for value, label in rating_choices(question)]
    if question.kind in Question.TEXT_KINDS:
        return [(ANSWERED, "Answered")]
    return [(choice.pk, choice.text) for choice in question.choices.all()]


def breakable(question):
    return question.kind in Question.CATEGORICAL_KINDS | Question.TEXT_KINDS


def exclusive(question):
    """One answer per person (a multiple-choice question may count a person several times)."""
    return question.kind != Question.Kind.MULTIPLE


def allowed(question, by):
    """The breakdowns the form offers: a choice, rating or written question by another
    choice or rating question."""
    return question.pk != by.pk and breakable(question) and by.kind in Question.CATEGORICAL_KINDS


def _one_way(questions):
    ids = [q.pk for q in questions]
    categorical = [q.pk for q in questions if q.kind in Question.CATEGORICAL_KINDS]
    counts, texts = {}, {}
    for row in (
        Answer.objects.filter(question_id__in=categorical)
        .values("question_id", "choice_id", "number")
        .annotate(n=Count("id"), texts=Count("id", filter=~Q(text="")))
        .order_by()
    ):
        key = row["choice_id"] if row["choice_id"] is not None else row["number"]
        counts[(row["question_id"], key)] = row["n"]
        texts[(row["question_id"], key)] = row["texts"]
    totals = {
        row["question_id"]: row
        for row in Answer.objects.filter(question_id__in=ids)
        .values("question_id")
        .annotate(n=Count("response_id", distinct=True), average=Avg("number"))
        .order_by()
    }
    return counts, texts, totals


def _pairs(questions):
    """Every pair of questions at once: cells, people per answer who answered the other
    question, and people who answered both (three GROUP BY queries over a self-join)."""
    ids = [q.pk for q in questions if breakable(q)]
    texts = {q.pk for q in questions if q.kind in Question.TEXT_KINDS}
    if len(ids) < 2:
        return {}, {}, {}
    table = Answer._meta.db_table
    key = "COALESCE({a}.choice_id, {a}.number, 0)"
    marks = ", ".join(["%s"] * len(ids))
    join = (
        f"FROM {table} a1 JOIN {table} a2 ON a1.response_id = a2.response_id "
        f"WHERE a1.question_id IN ({marks}) AND a2.question_id IN ({marks})"
    )
    params = ids + ids
    if texts:
        # Two written questions are never broken down by each other.
        text_marks = ", ".join(["%s"] * len(texts))
        join += f" AND NOT (a1.question_id IN ({text_marks}) AND a2.question_id IN ({text_marks}))"
        params += list(texts) + list(texts)
    k1, k2 = key.format(a="a1"), key.format(a="a2")
    queries = {
        "cells": f"SELECT a1.question_id, {k1}, a2.question_id, {k2}, COUNT(*) {join} "
        f"AND a1.question_id < a2.question_id GROUP BY a1.question_id, {k1}, a2.question_id, {k2}",
        "reached": f"SELECT a1.question_id, {k1}, a2.question_id, "
        f"COUNT(DISTINCT a1.response_id) {join} AND a1.question_id <> a2.question_id "
        f"GROUP BY a1.question_id, {k1}, a2.question_id",
        "both": f"SELECT a1.question_id, a2.question_id, COUNT(DISTINCT a1.response_id) {join} "
        "AND a1.question_id < a2.question_id GROUP BY a1.question_id, a2.question_id",
    }
    out = {}
    with connection.cursor() as cursor:
        for name, sql in queries.items():
            cursor.execute(sql, params)
            out[name] = {tuple(row[:-1]): row[-1] for row in cursor.fetchall()}
    return out["cells"], out["reached"], out["both"]


class _Builder:
    """Turns the counts into the disclosure model: one variable per number anybody can see."""

    def __init__(self, questions, total):
        self.model = Model()
        self.questions = questions
        self.cats = {q.pk: categories(q) for q in questions if breakable(q)}
        self.model.add(("T",), total)
        self.model.fixed.add(("T",))

    def n(self, q, c):
        # A written question's single category is the number of people who answered it.
        return ("A", q.pk) if q.kind in Question.TEXT_KINDS else ("n", q.pk, c)

    def one_way(self, counts, texts, totals):
        model = self.model
        for q in self.questions:
            answered = totals.get(q.pk, {"n": 0})["n"]
            model.add(("A", q.pk), answered, margin=True)
            model.inequality([("A", q.pk)], [("T",)])
            table = [("A", q.pk)]
            if q.pk in self.cats and q.kind not in Question.TEXT_KINDS:
                cells = []
                for c, _ in self.cats[q.pk]:
                    model.add(("n", q.pk, c), counts.get((q.pk, c), 0), margin=True)
                    cells.append(("n", q.pk, c))
                if exclusive(q):
                    model.equation(("A", q.pk), cells)
                else:
                    for cell in cells:
                        model.inequality([cell], [("A", q.pk)])
                    model.inequality([("A", q.pk)], cells)
                table += cells
                for choice in q.choices.all():
                    if choice.is_other:
                        key = ("t", q.pk, choice.pk)
                        model.add(key, texts.get((q.pk, choice.pk), 0))
                        model.inequality([key], [("n", q.pk, choice.pk)])
                        table.append(key)
            model.tables.append(table)

    def pairs(self, cells, reached, both):
        breakable_questions = [q for q in self.questions if breakable(q)]
        for i, first in enumerate(breakable_questions):
            for second in breakable_questions[i + 1 :]:
                if allowed(first, second) or allowed(second, first):
                    # Cells are stored once per pair, under the smaller question id.
                    q1, q2 = sorted((first, second), key=lambda q: q.pk)
                    self._pair(q1, q2, cells, reached, both)

    def _pair(self, q1, q2, cells, reached, both):
        model = self.model
        both_key = ("both", q1.pk, q2.pk)
        model.add(both_key, both.get((q1.pk, q2.pk), 0), published=False)
        model.inequality([("A", q1.pk), ("A", q2.pk)], [both_key, ("T",)])
        for r, _ in self.cats[q1.pk]:
            for c, _ in self.cats[q2.pk]:
                value = cells.get((q1.pk, _sql_key(r), q2.pk, _sql_key(c)), 0)
                model.add(("y", q1.pk, r, q2.pk, c), value)
        orientations = ((q1, q2), (q2, q1))
        for x, z in orientations:
            # People with answer r to x who did not answer z: the "No answer" column.
            for r, _ in self.cats[x.pk]:
                value = model.values[self.n(x, r)] - reached.get((x.pk, _sql_key(r), z.pk), 0)
                model.add(("none", x.pk, r, z.pk), value, published=allowed(x, z))
        for x, z in orientations:
            self._relations(x, z, both_key)
            if allowed(x, z):
                self._table(x, z, both_key)

    def y(self, x, r, z, c):
        return ("y", x.pk, r, z.pk, c) if x.pk < z.pk else ("y", z.pk, c, x.pk, r)

    def _relations(self, x, z, both_key):
        """What holds between the cells, seen from x's side."""
        model = self.model
        nones = [("none", x.pk, r, z.pk) for r, _ in self.cats[x.pk]]
        for (r, _), none in zip(self.cats[x.pk], nones, strict=True):
            row = [self.y(x, r, z, c) for c, _ in self.cats[z.pk]]
            if exclusive(z):
                model.equation(self.n(x, r), row + [none])
            else:
                for cell in row:
                    model.inequality([cell, none], [self.n(x, r)])
                model.inequality([self.n(x, r)], row + [none])
        if exclusive(x):
            model.equation(("A", x.pk), [both_key] + nones)
        else:
            for (r, _), none in zip(self.cats[x.pk], nones, strict=True):
                model.inequality([self.n(x, r)], [both_key, none])
            model.inequality([both_key] + nones, [self.n(x, r) for r, _ in self.cats[x.pk]])

    def _table(self, x, z, both_key):
        """The breakdown of x (rows) by z (columns), with its column totals."""
        model = self.model
        cols = []
        for c, _ in self.cats[z.pk]:
            col = ("col", x.pk, z.pk, c)
            # People who answered x among those with c in z: c's count minus those of them
            # who did not answer x (the "No answer" cell of the opposite breakdown).
            opposite = ("none", z.pk, c, x.pk)
            model.add(col, model.values[self.n(z, c)] - model.values[opposite], margin=True)
            model.equation(self.n(z, c), [col, opposite])
            cols.append(col)
        colnone = ("colnone", x.pk, z.pk)
        model.add(colnone, model.values[("A", x.pk)] - model.values[both_key], margin=True)
        model.equation(("A", x.pk), [colnone, both_key])
        inner = [self.y(x, r, z, c) for r, _ in self.cats[x.pk] for c, _ in self.cats[z.pk]]
        nones = [("none", x.pk, r, z.pk) for r, _ in self.cats[x.pk]]
        rows = [self.n(x, r) for r, _ in self.cats[x.pk]]
        model.tables.append(inner + nones + rows + cols + [colnone, ("A", x.pk)])


def _sql_key(key):
    return 0 if key == ANSWERED else key


def protected_tables(survey, structure):
    """Every table of the survey, audited together. A withheld number is None."""
    total = Response.objects.filter(survey=survey).count()
    data = {"total": total if total >= survey.threshold else None, "questions": []}
    if total < survey.threshold:
        return data, {}
    questions = structure.questions
    counts, texts, totals = _one_way(questions)
    builder = _Builder(questions, total)
    builder.one_way(counts, texts, totals)
    builder.pairs(*_pairs(questions))
    model = builder.model
    withheld = protect(model, survey.threshold)

    def shown(key):
        return None if key in withheld else model.values[key]

    for q in questions:
        data["questions"].append(_question_data(q, builder, shown, totals))
    breakdowns = {}
    for q in questions:
        for by in questions:
            if allowed(q, by):
                breakdowns[f"{q.pk}:{by.pk}"] = _breakdown_data(q, by, builder, shown)
    return data, breakdowns


def _question_data(q, builder, shown, totals):
    answered = shown(("A", q.pk))
    rows = []
    if q.kind in Question.CATEGORICAL_KINDS:
        others = {choice.pk for choice in q.choices.all() if choice.is_other}
        for c, label in builder.cats[q.pk]:
            row = {"key": c, "label": label, "count": shown(("n", q.pk, c))}
            if c in others:
                row["texts"] = shown(("t", q.pk, c))
            rows.append(row)
    average = None
    raw = totals.get(q.pk, {}).get("average")
    if q.kind == Question.Kind.NUMBER and answered is not None and raw is not None:
        # The average and the number who answered give the sum: of numbers, not of people.
        average = float(raw)
    if q.kind == Question.Kind.RATING and raw is not None and answered is not None:
        # A rating's average is a weighted sum of its counts: shown only when every count
        # is, so that it cannot help to work out a withheld one.
        if all(row["count"] is not None for row in rows):
            average = float(raw)
    return {
        "id": q.pk,
        "number": q.number,
        "text": q.text,
        "kind": q.kind,
        "answered": answered,
        "rows": rows,
        "average": average,
    }


def _breakdown_data(q, by, builder, shown):
    rows = builder.cats[q.pk]
    cols = builder.cats[by.pk]
    return {
        "rows": [[r, label] for r, label in rows],
        "cols": [[c, label] for c, label in cols] + [[NO_ANSWER, "No answer"]],
        "cells": [
            [shown(builder.y(q, r, by, c)) for c, _ in cols] + [shown(("none", q.pk, r, by.pk))]
            for r, _ in rows
        ],
        "row_totals": [shown(builder.n(q, r)) for r, _ in rows],
        "col_totals": [shown(("col", q.pk, by.pk, c)) for c, _ in cols]
        + [shown(("colnone", q.pk, by.pk))],
        "grand": shown(("A", q.pk)),
    }
