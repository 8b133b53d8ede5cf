"""Survey results as survey managers (and later a public "What we heard" page) see them.

The numbers come from a stored snapshot (`ResultsSnapshot`), computed in the background by
`surveys.tallies.protected_tables`, which audits every table a survey can publish together
(`surveys/disclosure.py`). Reading results therefore costs a fixed, small number of queries
whatever the number of responses. `survey_results(survey)` is the public API.
"""

import hashlib
import logging
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import FilteredRelation, Q, Value
from django.utils import timezone
from django.utils.translation import gettext

from surveys.content_languages import original_language
from surveys.disclosure import WITHHELD
from surveys.models import Answer, Question, Response, ResultsSnapshot
from surveys.selectors import survey_structure
from surveys.tallies import ANSWERED, NO_ANSWER, protected_tables

logger = logging.getLogger(__name__)

CHART_WIDTH = 600
ROW_HEIGHT = 52
LABEL_WIDTH = 520
REFRESH_LOCK_SECONDS = 15 * 60
# Pages compare the snapshot with the number of released responses; counting 100,000 rows on
# every view would make the page grow with the survey, so the number is cached this long.
COUNT_CACHE_SECONDS = 30


def shown(value):
    """How a number is written on every page and in every CSV: one label for all withheld."""
    return str(WITHHELD) if value is None else str(value)


def _category_label(key, label):
    """A breakdown category's label. The snapshot stores the labels of its own two categories
    in the language of the worker that counted: they are said again in the reader's."""
    if key == ANSWERED:
        return gettext("Answered")
    if key == NO_ANSWER:
        return gettext("No answer")
    return label


@dataclass
class Row:
    key: object
    label: str
    count: int | None
    percent: float | None = None
    texts: int | None = 0
    is_other: bool = False

    @property
    def display(self):
        return shown(self.count)

    @property
    def texts_display(self):
        return shown(self.texts)

    @property
    def percent_display(self):
        return "" if self.percent is None else f"{self.percent:.0f}%"


@dataclass
class QuestionResult:
    id: int
    number: int
    text: str
    kind: str
    answered: int | None
    rows: list = field(default_factory=list)
    average: float | None = None

    @property
    def answered_display(self):
        return shown(self.answered)

    @property
    def is_categorical(self):
        return self.kind in Question.CATEGORICAL_KINDS

    @property
    def is_text(self):
        return self.kind in Question.TEXT_KINDS

    @property
    def other_rows(self):
        return [row for row in self.rows if row.is_other]

    @property
    def shown_other_choices(self):
        """ "Other" choices whose written answers may be listed: their number is shown."""
        return [row.key for row in self.other_rows if row.texts]

    @property
    def texts_available(self):
        if self.is_text:
            return bool(self.answered)
        return bool(self.shown_other_choices)

    def chart(self):
        """Bars for the SVG chart: only counts that are shown get a bar."""
        bars, y = [], 0
        top = max((row.count for row in self.rows if row.count is not None), default=0)
        for row in self.rows:
            width = round(LABEL_WIDTH * row.count / top) if top and row.count else 0
            bars.append({"row": row, "y": y, "bar_y": y + 22, "width": width, "text_x": width + 6})
            y += ROW_HEIGHT
        return {"bars": bars, "height": y, "width": CHART_WIDTH}


@dataclass
class Results:
    survey: object
    prepared: bool
    total: int | None = None
    stale: bool = False
    computed_at: object = None
    questions: list = field(default_factory=list)
    breakdowns: dict | None = None

    @property
    def enough(self):
        return self.prepared and self.total is not None

    @property
    def total_display(self):
        return shown(self.total)

    @property
    def categorical(self):
        return [result for result in self.questions if result.is_categorical]

    def question(self, question_id):
        return next((r for r in self.questions if r.id == question_id), None)


def structure_key(survey, structure):
    """What the snapshot's labels and tables depend on besides the responses."""
    parts = [str(survey.threshold)]
    with original_language():  # the snapshot's labels are the original's, whoever looks
        for q in structure.questions:
            choices = [(c.pk, c.text, c.is_other) for c in q.choices.all()]
            parts.append(repr((q.pk, q.number, q.kind, q.text, q.min_value, q.max_value, choices)))
            parts.append(repr((q.min_label, q.max_label)))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def results_refresh(*, survey):
    """Count, audit and store the survey's protected results (slow: run it in the background)."""
    structure = survey_structure(survey)
    # Inside a caller's transaction (a test) it is too late to choose the isolation level.
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            # Every count from one snapshot of the data: a batch released between two of the
            # queries would make the tables disagree with each other, and the audit with them.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        count = Response.objects.filter(survey=survey).count()
        # In the original language, whichever language the request that queued it used: the
        # snapshot is shared by every reader, and its key must not change with the reader's.
        with original_language():
            data, breakdowns = protected_tables(survey, structure)
    cache.set(_count_key(survey.pk), count, COUNT_CACHE_SECONDS)
    ResultsSnapshot.objects.update_or_create(
        survey=survey,
        defaults={
            "response_count": count,
            "structure_key": structure_key(survey, structure),
            "computed_at": timezone.now(),
            "data": data,
            "breakdowns": breakdowns,
        },
    )


def results_refresh_enqueue(survey):
    """Queue one refresh for the survey: a second request while one is queued adds nothing.
    Returns True when a refresh was queued (with Celery eager, it has already run)."""
    from surveys import tasks

    if not cache.add(_lock_key(survey.pk), 1, REFRESH_LOCK_SECONDS):
        return False
    try:
        tasks.results_refresh.delay(survey.pk)
    except Exception:  # the broker is down: the beat job will refresh it later
        logger.warning("Could not queue a results refresh", exc_info=True)
        cache.delete(_lock_key(survey.pk))
        return False
    return True


def refresh_done(survey_id):
    cache.delete(_lock_key(survey_id))


def _lock_key(survey_id):
    return f"surveys:results-refresh:{survey_id}"


def _count_key(survey_id):
    return f"surveys:released-count:{survey_id}"


def released_count(survey):
    """The number of responses in the results tables, at most COUNT_CACHE_SECONDS old."""
    count = cache.get(_count_key(survey.pk))
    if count is None:
        count = Response.objects.filter(survey=survey).count()
        cache.set(_count_key(survey.pk), count, COUNT_CACHE_SECONDS)
    return count


def is_stale(snapshot, survey, structure, count):
    return snapshot.response_count != count or snapshot.structure_key != structure_key(
        survey, structure
    )


def _load_snapshot(survey, *, with_breakdowns):
    snapshots = ResultsSnapshot.objects.filter(survey=survey)
    if not with_breakdowns:
        snapshots = snapshots.defer("breakdowns")
    return snapshots.first()


def survey_results(survey, structure=None, *, with_breakdowns=False):
    """The survey's protected results, as last computed. Queues a refresh when they are
    missing or no longer match the released responses or the questions."""
    structure = structure or survey_structure(survey)
    snapshot = _load_snapshot(survey, with_breakdowns=with_breakdowns)
    count = released_count(survey)
    if snapshot is None or is_stale(snapshot, survey, structure, count):
        if results_refresh_enqueue(survey):
            # With Celery eager (development, tests) the refresh has run: read it again.
            snapshot = _load_snapshot(survey, with_breakdowns=with_breakdowns)
    if snapshot is None:
        return Results(survey=survey, prepared=False)
    return _results_from(survey, snapshot, stale=is_stale(snapshot, survey, structure, count))


def _results_from(survey, snapshot, *, stale):
    data = snapshot.data
    results = Results(
        survey=survey,
        prepared=True,
        total=data.get("total"),
        stale=stale,
        computed_at=snapshot.computed_at,
        breakdowns=None if "breakdowns" in snapshot.get_deferred_fields() else snapshot.breakdowns,
    )
    for item in data.get("questions", []):
        result = QuestionResult(
            id=item["id"],
            number=item["number"],
            text=item["text"],
            kind=item["kind"],
            answered=item["answered"],
            average=item["average"],
        )
        for row in item["rows"]:
            is_other = "texts" in row
            result.rows.append(
                Row(
                    key=row["key"],
                    label=row["label"],
                    count=row["count"],
                    texts=row.get("texts", 0),
                    is_other=is_other,
                )
            )
        for row in result.rows:
            if row.count is not None and result.answered:
                row.percent = 100 * row.count / result.answered
        results.questions.append(result)
    return results


@dataclass
class Breakdown:
    question: QuestionResult
    by: QuestionResult
    row_labels: list
    col_labels: list
    cells: list
    row_totals: list
    col_totals: list
    grand: int | None
    texts: dict = field(default_factory=dict)

    def table(self):
        """Rows of displayed strings: one per row category, then the column totals."""
        rows = [
            {"label": label, "cells": [shown(v) for v in cells], "total": shown(total)}
            for (_, label), cells, total in zip(
                self.row_labels, self.cells, self.row_totals, strict=True
            )
        ]
        return {
            "rows": rows,
            "totals": [shown(v) for v in self.col_totals],
            "grand": shown(self.grand),
        }


TEXTS_PER_CELL = 20


def breakdown(survey, question, by, *, results=None):
    """`question` (choice, rating or written) broken down by the answers to `by`, as audited
    with everything else the survey publishes. None when there are no results to show."""
    results = results or survey_results(survey, with_breakdowns=True)
    if not results.enough or results.breakdowns is None:
        return None
    data = results.breakdowns.get(f"{question.pk}:{by.pk}")
    if data is None:
        return None
    table = Breakdown(
        question=results.question(question.pk),
        by=results.question(by.pk),
        row_labels=[(key, _category_label(key, label)) for key, label in data["rows"]],
        col_labels=[(key, _category_label(key, label)) for key, label in data["cols"]],
        cells=data["cells"],
        row_totals=data["row_totals"],
        col_totals=data["col_totals"],
        grand=data["grand"],
    )
    if question.kind in Question.TEXT_KINDS:
        table.texts = _texts_by_column(question, by, table)
    return table


def _texts_by_column(question, by, table):
    """Written answers per column, only for cells whose number is shown (a withheld cell's
    texts would give its size away, and a handful of answers can identify who wrote them)."""
    answers = (
        Answer.objects.filter(question=question)
        .exclude(text="")
        .annotate(
            other=FilteredRelation("response__answers", condition=Q(response__answers__question=by))
        )
    )
    other_key = "other__number" if by.kind == Question.Kind.RATING else "other__choice_id"
    texts = {}
    for (col, label), value in zip(table.col_labels, table.cells[0], strict=True):
        if not value:
            continue
        if col == NO_ANSWER:
            matching = answers.filter(**{f"{other_key}__isnull": True})
        else:
            matching = answers.filter(**{other_key: col})
        texts[label] = list(matching.order_by("id").values_list("text", flat=True)[:TEXTS_PER_CELL])
    return texts


def text_answers(result):
    """Written answers that may be listed, as (choice label, text): a written question's when
    the number who answered is shown, and "please specify" text only for "other" choices whose
    number of written answers is shown. Ordered by random id, not by time."""
    answers = Answer.objects.filter(question_id=result.id).exclude(text="")
    if result.is_text:
        if not result.answered:
            answers = answers.none()
        return answers.order_by("id").annotate(label=Value("")).values_list("label", "text")
    return (
        answers.filter(choice_id__in=result.shown_other_choices)
        .order_by("id")
        .values_list("choice__text", "text")
    )
