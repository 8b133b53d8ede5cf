"""What we heard: the published findings of closed surveys, for members or for everyone."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from surveys.models import Findings
from surveys.results import survey_results

FINDINGS_PER_PAGE = 10


def findings_list(request):
    findings = Findings.objects.visible_to(request.user).select_related("survey")
    page = Paginator(findings, FINDINGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "surveys/findings_list.html", {"page_obj": page})


def _get_findings_for_reader(request, slug):
    """Published findings; a draft only for survey managers (who preview it before publishing)."""
    findings = get_object_or_404(Findings.objects.select_related("survey"), survey__slug=slug)
    if not findings.is_published and not request.user.has_perm("surveys.change_findings"):
        raise Http404("Nothing has been published for this survey.")
    return findings


def findings_detail(request, slug):
    findings = _get_findings_for_reader(request, slug)
    survey = findings.survey
    ctx = {"findings": findings, "survey": survey, "next": request.path}
    if findings.audience == Findings.Audience.MEMBERS and not request.user.is_authenticated:
        return render(request, "surveys/findings_members_only.html", ctx)
    if findings.show_results:
        ctx["results"] = survey_results(survey)
    return render(request, "surveys/findings_detail.html", ctx)
