"""Survey results, computed in the database and protected before they leave it.

Every number a survey manager sees (page, breakdown, CSV) comes from here, already passed
through `disclosure.protect`, so the page and the export cannot disagree. The page runs a fixed
number of queries whatever the number of responses: counts are GROUP BY queries.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, FilteredRelation, Q

from surveys.disclosure import HIDDEN, protect, shown
from surveys.forms import rating_choices
from surveys.models import Answer, Question, Response
from surveys.selectors import survey_structure

CHART_WIDTH = 600
BAR_HEIGHT = 22
ROW_HEIGHT = 52
LABEL_WIDTH = 520


@dataclass
class Row:
    key: object
    label: str
    count: int
    state: str | None = None
    percent: float | None = None
    threshold: int = 5
    choice_id: int | None = None

    @property
    def display(self):
        return shown(self.count, self.state, self.threshold)

    @property
    def percent_display(self):
        return "" if self.percent is None else f"{self.percent:.0f}%"


@dataclass
class QuestionResult:
    question: Question
    rows: list = field(default_factory=list)
    answered: Row | None = None
    average: float | None = None
    text_count: int = 0

    @property
    def is_categorical(self):
        return self.question.kind in Question.CATEGORICAL_KINDS

    @property
    def texts_available(self):
        """Free text is listed only when the number of people it comes from is shown."""
        if self.question.kind in Question.TEXT_KINDS:
            return self.answered.state is None
        return bool(self.text_count and self.shown_other_choices)

    @property
    def shown_other_choices(self):
        return {
            choice.pk
            for choice in self.question.choices.all()
            if choice.is_other
            and any(row.key == choice.pk and row.state is None for row in self.rows)
        }

    def chart(self):
        """Bars for the SVG chart: only counts that are shown get a bar."""
        bars, y = [], 0
        top = max((row.count for row in self.rows if row.state is None), default=0)
        for row in self.rows:
            width = round(LABEL_WIDTH * row.count / top) if top and row.state is None else 0
            bars.append({"row": row, "y": y, "bar_y": y + 22, "width": width, "text_x": width + 6})
            y += ROW_HEIGHT
        return {"bars": bars, "height": y, "width": CHART_WIDTH}


@dataclass
class Results:
    survey: object
    total: int
    questions: list = field(default_factory=list)

    @property
    def enough(self):
        return self.total >= self.survey.threshold

    @property
    def categorical(self):
        return [result for result in self.questions if result.is_categorical]


def categories(question):
    """[(key, label)] of a categorical question: choices, or the points of a rating scale."""
    if question.kind == Question.Kind.RATING:
        return [(int(value), label) for value, label in rating_choices(question)]
    return [(choice.pk, choice.text) for choice in question.choices.all()]


def _key_field(question):
    return "number" if question.kind == Question.Kind.RATING else "choice_id"


def survey_results(survey, structure=None):
    structure = structure or survey_structure(survey)
    results = Results(survey=survey, total=Response.objects.filter(survey=survey).count())
    if not results.enough:
        return results
    ids = [question.pk for question in structure.questions]
    categorical = [q.pk for q in structure.questions if q.kind in Question.CATEGORICAL_KINDS]
    counts = {}
    for row in (
        Answer.objects.filter(question_id__in=categorical)
        .values("question_id", "choice_id", "number")
        .annotate(n=Count("id"))
        .order_by()
    ):
        key = row["choice_id"] if row["choice_id"] is not None else row["number"]
        counts[(row["question_id"], key)] = row["n"]
    totals = {
        row["question_id"]: row
        for row in Answer.objects.filter(question_id__in=ids)
        .values("question_id")
        .annotate(
            n=Count("response_id", distinct=True),
            average=Avg("number"),
            texts=Count("id", filter=~Q(text="")),
        )
        .order_by()
    }
    for question in structure.questions:
        total = totals.get(question.pk, {"n": 0, "average": None, "texts": 0})
        results.questions.append(_question_result(question, counts, total, survey.threshold))
    return results


def _question_result(question, counts, total, threshold):
    result = QuestionResult(question=question, text_count=total["texts"])
    answered = total["n"]
    values = {"answered": answered}
    rows = []
    if question.kind in Question.CATEGORICAL_KINDS:
        for key, label in categories(question):
            values[key] = counts.get((question.pk, key), 0)
            rows.append(Row(key=key, label=label, count=values[key], threshold=threshold))
    equations = [("answered", [row.key for row in rows])] if rows else []
    status, safe = protect(values, equations, threshold, margins={"answered"})
    for row in rows:
        row.state = status[row.key] if safe else HIDDEN
        if row.state is None and status["answered"] is None and answered:
            row.percent = 100 * row.count / answered
    result.rows = rows
    result.answered = Row(
        key="answered",
        label="Answered",
        count=answered,
        state=status["answered"],
        threshold=threshold,
    )
    if question.kind == Question.Kind.NUMBER and status["answered"] is None:
        result.average = total["average"]
    return result


def question_result(survey, question):
    """One question's protected counts (a few queries), for its text and breakdown pages."""
    results = survey_results(survey)
    return next((r for r in results.questions if r.question.pk == question.pk), None), results


@dataclass
class Breakdown:
    question: Question
    by: Question
    row_labels: list
    col_labels: list
    cells: dict
    status: dict
    safe: bool
    threshold: int
    texts: dict = field(default_factory=dict)

    def display(self, key):
        return shown(self.cells[key], self.status[key], self.threshold)

    def table(self):
        """Rows of displayed strings: one per row category, then the column totals."""
        rows = []
        for row_key, label in self.row_labels:
            cells = [self.display(("cell", row_key, col)) for col, _ in self.col_labels]
            rows.append({"label": label, "cells": cells, "total": self.display(("row", row_key))})
        totals = [self.display(("col", col)) for col, _ in self.col_labels]
        return {"rows": rows, "totals": totals, "grand": self.display(("all",))}


NO_ANSWER = "none"


def breakdown(survey, question, by, *, results=None):
    """`question` (categorical or free text) broken down by the answers to `by` (categorical).

    Row totals and the grand total are the question's own counts, with the protection they
    have on the results page; the inner cells and column totals are protected around them.
    """
    results = results or survey_results(survey)
    if not results.enough:
        return None
    own = next(r for r in results.questions if r.question.pk == question.pk)
    by_own = next(r for r in results.questions if r.question.pk == by.pk)
    row_labels, row_field, fixed = _breakdown_rows(question, own)
    col_labels = categories(by) + [(NO_ANSWER, "No answer")]
    answers = Answer.objects.filter(question=question).annotate(
        other=FilteredRelation("response__answers", condition=Q(response__answers__question=by))
    )
    if question.kind in Question.TEXT_KINDS:
        answers = answers.exclude(text="")
    other_key = "other__number" if by.kind == Question.Kind.RATING else "other__choice_id"
    values = _breakdown_counts(answers, row_field, other_key, row_labels, col_labels)
    for row, _ in row_labels:
        values[("row", row)] = own.answered.count if row_field is None else _own_count(own, row)
    values[("all",)] = own.answered.count
    # A column total equal to `by`'s own count is already published (or hidden) there.
    for row in by_own.rows:
        if values.get(("col", row.key)) == row.count:
            fixed[("col", row.key)] = row.state
    margins = {key for key in values if key[0] != "cell"}
    equations = _table_equations(row_labels, col_labels)
    status, safe = protect(values, equations, survey.threshold, fixed=fixed, margins=margins)
    result = Breakdown(
        question=question,
        by=by,
        row_labels=row_labels,
        col_labels=col_labels,
        cells=values,
        status=status if safe else {key: status.get(key) or HIDDEN for key in values},
        safe=safe,
        threshold=survey.threshold,
    )
    if question.kind in Question.TEXT_KINDS and safe:
        result.texts = _texts_by_column(answers, other_key, status, col_labels)
    return result


def _own_count(result, key):
    return next((row.count for row in result.rows if row.key == key), 0)


def _breakdown_rows(question, own):
    """Row labels, the Answer field that tells the row, and the rows' fixed protection."""
    fixed = {("all",): own.answered.state}
    if question.kind in Question.TEXT_KINDS:
        fixed[("row", "answered")] = own.answered.state
        return [("answered", "Answered")], None, fixed
    fixed.update({("row", row.key): row.state for row in own.rows})
    return categories(question), _key_field(question), fixed


def _breakdown_counts(answers, row_field, other_key, row_labels, col_labels):
    """Inner cells and column totals: people, counted in the database (two GROUP BYs)."""
    group = [other_key] + ([row_field] if row_field else [])
    people = Count("response_id", distinct=True)
    cells = {}
    for item in answers.values(*group).annotate(n=people).order_by():
        row = item[row_field] if row_field else "answered"
        col = item[other_key] if item[other_key] is not None else NO_ANSWER
        cells[(row, col)] = item["n"]
    columns = {
        (item[other_key] if item[other_key] is not None else NO_ANSWER): item["n"]
        for item in answers.values(other_key).annotate(n=people).order_by()
    }
    values = {}
    for row, _ in row_labels:
        for col, _ in col_labels:
            values[("cell", row, col)] = cells.get((row, col), 0)
    for col, _ in col_labels:
        values[("col", col)] = columns.get(col, 0)
    return values


def _table_equations(row_labels, col_labels):
    rows, cols = [key for key, _ in row_labels], [key for key, _ in col_labels]
    equations = [(("row", r), [("cell", r, c) for c in cols]) for r in rows]
    equations += [(("col", c), [("cell", r, c) for r in rows]) for c in cols]
    equations.append((("all",), [("row", r) for r in rows]))
    equations.append((("all",), [("col", c) for c in cols]))
    return equations


TEXTS_PER_CELL = 20


def _texts_by_column(answers, other_key, status, col_labels):
    """Free text per column, only for cells whose count is shown (a hidden cell's texts would
    give its size away, and a handful of answers can identify the people who wrote them)."""
    texts = {}
    for col, label in col_labels:
        if status[("cell", "answered", col)] is not None:
            continue
        if col == NO_ANSWER:
            matching = answers.filter(**{f"{other_key}__isnull": True})
        else:
            matching = answers.filter(**{other_key: col})
        texts[label] = list(matching.order_by("id").values_list("text", flat=True)[:TEXTS_PER_CELL])
    return texts


def text_answers(question, result):
    """Free-text answers of a question that may be shown: its own text, and "please specify"
    text only for choices whose count is shown. Ordered by random id, not by time."""
    answers = Answer.objects.filter(question=question).exclude(text="")
    if question.kind not in Question.TEXT_KINDS:
        answers = answers.filter(choice_id__in=result.shown_other_choices)
    elif result.answered.state is not None:
        return answers.none()
    return answers.order_by("id")
