"""Results for survey managers: counts, charts, free text, breakdowns and the CSV export."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render

from surveys.forms import BreakdownForm
from surveys.models import Survey
from surveys.results import breakdown, survey_results, text_answers

TEXTS_PER_PAGE = 50


def _get_survey_for_results(request, slug):
    # Only survey managers: other staff groups and members never see answers.
    if not request.user.has_perm("surveys.view_results"):
        raise PermissionDenied
    return get_object_or_404(Survey, slug=slug)


@login_required
def results_index(request):
    if not request.user.has_perm("surveys.view_results"):
        raise PermissionDenied
    surveys = Survey.objects.annotate(response_count=Count("responses")).order_by("title")
    return render(request, "surveys/results_index.html", {"surveys": surveys})


@login_required
def survey_results_view(request, slug):
    survey = _get_survey_for_results(request, slug)
    results = survey_results(survey)
    ctx = {"survey": survey, "results": results, "breakdown_form": BreakdownForm(survey=survey)}
    return render(request, "surveys/results.html", ctx)


@login_required
def results_text(request, slug, question_id):
    survey = _get_survey_for_results(request, slug)
    results = survey_results(survey)
    result = next((r for r in results.questions if r.question.pk == question_id), None)
    if result is None:
        raise Http404("No such question in this survey.")
    answers = text_answers(result.question, result) if results.enough else None
    page = (
        Paginator(answers.values_list("text", flat=True), TEXTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        if answers is not None
        else None
    )
    ctx = {"survey": survey, "result": result, "page_obj": page, "results": results}
    return render(request, "surveys/results_text.html", ctx)


@login_required
def results_breakdown(request, slug):
    survey = _get_survey_for_results(request, slug)
    form = BreakdownForm(request.GET or None, survey=survey)
    table = None
    if form.is_valid():
        question, by = form.questions()
        table = breakdown(survey, question, by)
    ctx = {"survey": survey, "form": form, "table": table}
    return render(request, "surveys/results_breakdown.html", ctx)


class _Echo:
    def write(self, value):
        return value


def _safe_cell(value):
    """Spreadsheets run cells that start with these as formulas: make them plain text."""
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@login_required
def results_export(request, slug):
    """CSV, streamed row by row: the protected counts (or one breakdown), then free text."""
    survey = _get_survey_for_results(request, slug)
    form = BreakdownForm(request.GET or None, survey=survey)
    if request.GET and form.is_valid():
        rows = _breakdown_rows(survey, *form.questions())
        filename = f"{survey.slug}-breakdown.csv"
    else:
        rows = _result_rows(survey)
        filename = f"{survey.slug}-results.csv"
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow([_safe_cell(cell) for cell in row]) for row in rows),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _result_rows(survey):
    results = survey_results(survey)
    yield ["survey", survey.title]
    yield ["responses", results.total if results.enough else f"fewer than {survey.threshold}"]
    if not results.enough:
        return
    yield []
    yield ["question", "answer", "count", "percent of those who answered"]
    for result in results.questions:
        label = f"{result.question.number}. {result.question.text}"
        yield [label, "(answered)", result.answered.display, ""]
        for row in result.rows:
            yield [label, row.label, row.display, row.percent_display]
        if result.average is not None:
            yield [label, "(average)", f"{result.average:.2f}", ""]
    yield []
    yield ["question", "free-text answer"]
    for result in results.questions:
        if not result.texts_available:
            continue
        label = f"{result.question.number}. {result.question.text}"
        # .iterator(): free text can be large; never hold it all in memory.
        for text in (
            text_answers(result.question, result)
            .values_list("text", flat=True)
            .iterator(chunk_size=2000)
        ):
            yield [label, text]


def _breakdown_rows(survey, question, by):
    table = breakdown(survey, question, by)
    yield ["survey", survey.title]
    yield ["rows", question.text]
    yield ["columns", by.text]
    if table is None:
        yield ["responses", f"fewer than {survey.threshold}"]
        return
    if not table.safe:
        yield ["This breakdown cannot be shown without revealing small numbers."]
        return
    content = table.table()
    yield ["", *[label for _, label in table.col_labels], "total"]
    for row in content["rows"]:
        yield [row["label"], *row["cells"], row["total"]]
    yield ["total", *content["totals"], content["grand"]]
