"""Results for survey managers: counts, charts, free text, breakdowns and the CSV export.

Every view reads the stored, already audited snapshot (`surveys.results.survey_results`), so
each runs a fixed number of queries whatever the number of responses.
"""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext

from surveys.forms import BreakdownForm
from surveys.models import Survey
from surveys.results import breakdown, shown, survey_results, text_answers

TEXTS_PER_PAGE = 50
RESULTS_PER_PAGE = 50


def _get_survey_for_results(request, slug):
    # Only survey managers: other staff groups and members never see answers.
    if not request.user.has_perm("surveys.view_results"):
        raise PermissionDenied
    return get_object_or_404(Survey, slug=slug)


@login_required
def results_index(request):
    if not request.user.has_perm("surveys.view_results"):
        raise PermissionDenied
    # The totals come from each survey's stored results: no count over every response here.
    surveys = Survey.objects.select_related("results_snapshot").defer(
        "results_snapshot__breakdowns"
    )
    page = Paginator(surveys.order_by("title", "pk"), RESULTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [{"survey": survey, "total": _snapshot_total(survey)} for survey in page]
    return render(request, "surveys/results_index.html", {"rows": rows, "page_obj": page})


def _snapshot_total(survey):
    snapshot = getattr(survey, "results_snapshot", None)
    if snapshot is None:
        return gettext("not counted yet")
    return shown(snapshot.data.get("total"))


@login_required
def survey_results_view(request, slug):
    survey = _get_survey_for_results(request, slug)
    form = BreakdownForm(survey=survey)
    results = survey_results(survey, form.structure)
    ctx = {"survey": survey, "results": results, "breakdown_form": form}
    return render(request, "surveys/results.html", ctx)


@login_required
def results_text(request, slug, question_id):
    survey = _get_survey_for_results(request, slug)
    results = survey_results(survey)
    result = results.question(question_id)
    if result is None:
        raise Http404("No such question in this survey.")
    page = None
    if results.enough and result.texts_available:
        page = Paginator(text_answers(result), TEXTS_PER_PAGE).get_page(request.GET.get("page"))
    ctx = {"survey": survey, "result": result, "page_obj": page, "results": results}
    return render(request, "surveys/results_text.html", ctx)


@login_required
def results_breakdown(request, slug):
    survey = _get_survey_for_results(request, slug)
    form = BreakdownForm(request.GET or None, survey=survey)
    table = results = None
    if form.is_valid():
        results = survey_results(survey, form.structure, with_breakdowns=True)
        table = breakdown(survey, *form.questions(), results=results)
    ctx = {"survey": survey, "form": form, "table": table, "results": results}
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
    if request.GET and not form.is_valid():
        # A hand-edited address: show the form with its message rather than a CSV.
        ctx = {"survey": survey, "form": form, "table": None, "results": None}
        return render(request, "surveys/results_breakdown.html", ctx, status=400)
    if request.GET:
        results = survey_results(survey, form.structure, with_breakdowns=True)
        rows = _breakdown_rows(survey, results, *form.questions())
        filename = f"{survey.slug}-breakdown.csv"
    else:
        rows = _result_rows(survey, survey_results(survey, form.structure))
        filename = f"{survey.slug}-results.csv"
    writer = csv.writer(_Echo())
    rows = _in_language(rows, translation.get_language())
    response = StreamingHttpResponse(
        (writer.writerow([_safe_cell(cell) for cell in row]) for row in rows),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _in_language(rows, language):
    """The rows, written in the request's language: they are made while the response streams,
    after the view has returned."""
    with translation.override(language):
        yield from rows


def _preamble(survey, results):
    yield [gettext("survey"), survey.title]
    if not results.prepared:
        yield [gettext("The results are being prepared: download again in a few minutes.")]
        return
    yield [gettext("responses"), results.total_display]
    yield [gettext("note"), _covers(survey, results)]


def _covers(survey, results):
    note = gettext(
        "Covers the responses released so far (anonymous answers are added in batches of at "
        "least %(threshold)s). Numbers that could reveal fewer than %(threshold)s "
        "people are withheld."
    ) % {"threshold": survey.threshold}
    if results.stale:
        note += " " + gettext(
            "Newer responses are being counted; these results will be updated shortly."
        )
    return note


def _result_rows(survey, results):
    yield from _preamble(survey, results)
    if not results.enough:
        return
    yield []
    yield [
        gettext("question"),
        gettext("answer"),
        gettext("count"),
        gettext("percent of those who answered"),
    ]
    for result in results.questions:
        label = f"{result.number}. {result.text}"
        yield [label, gettext("(answered)"), result.answered_display, ""]
        for row in result.rows:
            yield [label, row.label, row.display, row.percent_display]
            if row.is_other:
                written = gettext("%(choice)s (written answers)") % {"choice": row.label}
                yield [label, written, row.texts_display, ""]
        if result.average is not None:
            yield [label, gettext("(average)"), f"{result.average:.2f}", ""]
    yield []
    yield [gettext("question"), gettext("answer"), gettext("written answer")]
    for result in results.questions:
        if not result.texts_available:
            continue
        label = f"{result.number}. {result.text}"
        # .iterator(): written answers can be many; never hold them all in memory.
        for choice, text in text_answers(result).iterator(chunk_size=2000):
            yield [label, choice, text]


def _breakdown_rows(survey, results, question, by):
    yield from _preamble(survey, results)
    yield [gettext("rows"), question.text]
    yield [gettext("columns"), by.text]
    table = breakdown(survey, question, by, results=results)
    if table is None:
        return
    content = table.table()
    yield ["", *[label for _, label in table.col_labels], gettext("total")]
    for row in content["rows"]:
        yield [row["label"], *row["cells"], row["total"]]
    yield [gettext("total"), *content["totals"], content["grand"]]
