"""Filling a survey: the list, a page per section, review, submit and thank-you."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache

from collective.lib import versions
from collective.lib.nonces import is_valid_nonce, new_nonce
from surveys.apps import SurveysConfig
from surveys.forms import PageForm, bound_page_form, initial_from_draft, raw_page_data
from surveys.models import Participation, Question, Survey, survey_minutes
from surveys.rendering import (
    render_blank_page,
    render_page,
    render_survey_list,
    survey_list_content,
)
from surveys.selectors import (
    Progress,
    cached_survey_structure,
    member_progress,
    member_states,
    published_survey,
    survey_structure,
    visible_question_ids,
)
from surveys.services import (
    AlreadyReceived,
    AlreadyTakenPart,
    SurveyNotOpen,
    draft_save,
    response_received,
    response_submit,
    response_submit_visitor,
)
from surveys.submissions import submission_key

LINKS_SESSION_KEY = "survey_links"


def _visitor_draft_key(survey):
    return f"survey_draft_{survey.pk}"


def _published_survey(slug):
    survey = published_survey(slug)
    if survey is None:
        raise Http404("No such survey.")
    return survey


def _check_link(request, survey):
    """Link-only surveys need the link: this browser must have opened it."""
    if survey.audience == Survey.Audience.LINK:
        if survey.pk not in request.session.get(LINKS_SESSION_KEY, []):
            raise Http404("This survey is reached through its link.")


def _get_survey_for_member(request, slug):
    """A published (or closed) survey the member may see: link-only surveys need the link."""
    survey = _published_survey(slug)
    _check_link(request, survey)
    return survey


def _get_survey_for_respondent(request, slug):
    """(survey, None), or (None, the survey's start page) for a visitor on a members' survey.

    Visitors (no account) may answer only an anonymous survey reached through its link; for
    anything else they see what the survey is and are asked to sign in or create an account.
    A link-only survey is a 404 without its link, for visitors as for members.
    """
    survey = _get_survey_for_member(request, slug)
    if not request.user.is_authenticated and not survey.open_to_visitors:
        return None, _start_page(request, survey)
    return survey, None


def _start_page(request, survey):
    """What a visitor sees of a members' survey: what it is, how long it takes, what is
    recorded, and how to sign in or join; never its questions."""
    questions = Question.objects.filter(section__survey=survey).count()
    ctx = {
        "survey": survey,
        "page_count": survey.sections.count(),
        "minutes": survey_minutes(questions),
        "next": reverse("surveys:survey-detail", args=[survey.slug]),
    }
    return render(request, "surveys/survey_start.html", ctx)


def _progress(request, survey):
    """Whether this person took part and what they have entered so far: a member's rows, a
    visitor's session (a visitor has no identity to remember taking part by)."""
    if not request.user.is_authenticated:
        draft = request.session.get(_visitor_draft_key(survey))
        return Progress(data=dict(draft["data"]), page=draft["page"]) if draft else Progress()
    return member_progress(survey, request.user)


def _keep_draft(request, survey, data, page):
    if not request.user.is_authenticated:
        # Kept in the visitor's (database) session only until they send their answers.
        request.session[_visitor_draft_key(survey)] = {"data": data, "page": page}
        return
    draft_save(survey=survey, user=request.user, data=data, page=page)


@never_cache
def survey_list(request):
    """The open surveys and where the member is with each. The list is the same for every
    member, so it is kept under the surveys' data version; the member's states are one query."""
    if not request.user.is_authenticated:
        return render(request, "surveys/start.html", {"next": request.path})
    content = versions.cached(
        ("survey-list", sorted(request.GET.lists())),
        SurveysConfig.versioned_models,
        lambda: survey_list_content(request),
    )
    return render_survey_list(request, content, member_states(content["survey_ids"], request.user))


@never_cache
def survey_link(request, token):
    """The secret link: remembers in the session that this browser has it. Visitors may come
    in; for a survey they cannot answer, the next page asks them to sign in."""
    survey = get_object_or_404(
        Survey, token=token, status__in=[Survey.Status.PUBLISHED, Survey.Status.CLOSED]
    )
    links = request.session.get(LINKS_SESSION_KEY, [])
    if survey.pk not in links:
        request.session[LINKS_SESSION_KEY] = [*links, survey.pk]
    return redirect("surveys:survey-detail", survey.slug)


@never_cache
def survey_detail(request, slug):
    survey, to_login = _get_survey_for_respondent(request, slug)
    if to_login:
        return to_login
    progress = _progress(request, survey)
    ctx = {
        "survey": survey,
        "took_part": progress.took_part,
        "has_draft": bool(progress.data),
        "resume_page": progress.page,
        "page_count": cached_survey_structure(survey).page_count,
    }
    return render(request, "surveys/survey_detail.html", ctx)


def _guard_filling(request, survey, progress):
    """A redirect when the member cannot fill the survey now, else None."""
    if progress.took_part:
        messages.info(request, gettext("You have already taken part in this survey. Thank you."))
        return redirect("surveys:survey-done", survey.slug)
    if not survey.is_open():
        messages.error(request, gettext("This survey is not open for answers."))
        return redirect("surveys:survey-detail", survey.slug)
    return None


def _page_questions(section, visible):
    """Questions to put on the page: those that apply, and those whose condition is on this
    same page (the script shows or hides them live; without it, the hint explains)."""
    on_page = {question.pk for question in section.question_list}
    return [
        question
        for question in section.question_list
        if question.pk in visible or question.show_if_question_id in on_page
    ]


@never_cache
def survey_page(request, slug, page):
    survey, to_login = _get_survey_for_respondent(request, slug)
    if to_login:
        return to_login
    progress = _progress(request, survey)
    if blocked := _guard_filling(request, survey, progress):
        return blocked
    structure = cached_survey_structure(survey)
    section = structure.section(page)
    if section is None:
        raise Http404("No such page.")
    data = progress.data
    if request.method != "POST":
        visible = visible_question_ids(structure, data)
        questions = _page_questions(section, visible)
        initial = initial_from_draft(data, questions)
        if not initial:
            return render_blank_page(request, structure, page, questions, visible)
        form = PageForm(
            initial=initial, questions=questions, visible=visible, version=structure.version
        )
        return render_page(request, structure, page, form)

    posted = raw_page_data(request.POST, section.question_list)
    for question in section.question_list:  # an unticked box is absent from the POST
        data.pop(question.field_name, None)
        for name in question.other_field_names:
            data.pop(name, None)
    data.update(posted)
    action = request.POST.get("action", "next")
    if action in ("save", "back"):
        return _leave_page(request, survey, data, page, action)
    visible = visible_question_ids(structure, data)
    questions = _page_questions(section, visible)
    form = PageForm(MultiValueDict(posted), questions=questions, visible=visible)
    if not form.is_valid():
        _keep_draft(request, survey, data, page)
        return render_page(request, structure, page, form)
    next_page = page + 1
    _keep_draft(request, survey, data, min(next_page, structure.page_count))
    if next_page > structure.page_count:
        return redirect("surveys:survey-review", survey.slug)
    return redirect("surveys:survey-page", survey.slug, next_page)


def _leave_page(request, survey, data, page, action):
    """ "Save and come back later" and "Back": keep everything as typed, unchecked."""
    if action == "save" and not request.user.is_authenticated:
        # Saving for later needs an account (the page says so); keep the answers for this visit.
        _keep_draft(request, survey, data, page)
        messages.info(
            request,
            gettext(
                "Saving to come back later needs an account. Your answers are kept in this "
                "browser until you send them (for up to two weeks)."
            ),
        )
        return redirect("surveys:survey-page", survey.slug, page)
    if action == "save":
        _keep_draft(request, survey, data, page)
        messages.success(
            request,
            gettext(
                "Your answers so far are saved. Come back to this survey at any time while it "
                "is open: you will start on this page."
            ),
        )
        return redirect("surveys:survey-list")
    _keep_draft(request, survey, data, max(page - 1, 1))
    if page == 1:
        return redirect("surveys:survey-detail", survey.slug)
    return redirect("surveys:survey-page", survey.slug, page - 1)


def _review_pages(structure, data):
    visible = visible_question_ids(structure, data)
    pages = []
    for number, section in enumerate(structure.sections, start=1):
        form = bound_page_form(data, section, visible)
        valid = form.is_valid()
        answers = {answer.question.pk: answer for answer in form.answers()} if valid else {}
        items = [
            {"question": question, "answer": answers.get(question.pk)}
            for question in section.question_list
            if question.pk in visible
        ]
        pages.append({"number": number, "section": section, "items": items, "valid": valid})
    return pages


def _collect_answers(structure, data):
    answers = []
    visible = visible_question_ids(structure, data)
    for section in structure.sections:
        form = bound_page_form(data, section, visible)
        form.is_valid()
        answers.extend(form.answers())
    return answers


@never_cache
def survey_review(request, slug):
    if not request.user.is_authenticated and (already := _visitor_sent(request, slug)):
        return already
    survey, to_login = _get_survey_for_respondent(request, slug)
    if to_login:
        return to_login
    if not request.user.is_authenticated:
        return _visitor_review(request, survey)
    progress = _progress(request, survey)
    if blocked := _guard_filling(request, survey, progress):
        return blocked
    structure = cached_survey_structure(survey)
    data = progress.data
    pages = _review_pages(structure, data)
    problems = [page for page in pages if not page["valid"]]
    if request.method == "POST" and not problems:
        try:
            response_submit(
                survey=survey, user=request.user, answers=_collect_answers(structure, data)
            )
        except AlreadyTakenPart:
            messages.error(
                request,
                gettext(
                    "You have already taken part in this survey, so these answers were not "
                    "added. We kept the answers you sent first."
                ),
            )
        except SurveyNotOpen:
            messages.error(request, gettext("This survey closed before your answers arrived."))
            return redirect("surveys:survey-detail", survey.slug)
        return redirect("surveys:survey-done", survey.slug)
    ctx = {"survey": survey, "pages": pages, "problems": problems}
    return render(request, "surveys/survey_review.html", ctx)


def _visitor_sent(request, slug):
    """The thank-you page when this review form was already sent (a double click, or a
    refresh that resends it). Checked before the link: sending ended the session that held it."""
    nonce = request.POST.get("submission", "")
    if request.method != "POST" or not is_valid_nonce(nonce):
        return None
    survey = Survey.objects.filter(slug=slug).first()
    if survey is None or not response_received(submission_key=submission_key(nonce), survey=survey):
        return None
    return _render_visitor_done(request, survey)


def _visitor_review(request, survey):
    """Review and send for someone without an account.

    The thank-you page is the answer to the POST itself (no redirect): sending ends the
    visitor's session, so nothing is left on the server that says when this browser sent
    answers. Sending the same form again finds its response by the form's nonce.
    """
    nonce = request.POST.get("submission", "")
    if request.method != "POST" or not is_valid_nonce(nonce):
        nonce = new_nonce()
    if not survey.is_open():
        messages.error(request, gettext("This survey is not open for answers."))
        return redirect("surveys:survey-detail", survey.slug)
    structure = cached_survey_structure(survey)
    data = _progress(request, survey).data
    pages = _review_pages(structure, data)
    problems = [page for page in pages if not page["valid"]]
    if request.method == "POST" and not problems:
        try:
            response_submit_visitor(
                survey=survey,
                answers=_collect_answers(structure, data),
                submission_key=submission_key(nonce),
                # The draft (and the whole session) goes in the submit's own transaction.
                after=request.session.flush,
            )
        except AlreadyReceived:
            pass
        except SurveyNotOpen:
            messages.error(request, gettext("This survey closed before your answers arrived."))
            return redirect("surveys:survey-detail", survey.slug)
        return _render_visitor_done(request, survey)
    ctx = {"survey": survey, "pages": pages, "problems": problems, "nonce": nonce}
    return render(request, "surveys/survey_review.html", ctx)


def _render_visitor_done(request, survey):
    return render(request, "surveys/survey_done.html", {"survey": survey, "visitor": True})


@never_cache
@login_required
def survey_done(request, slug):
    survey = _get_survey_for_member(request, slug)
    participation = Participation.objects.filter(survey=survey, user=request.user).first()
    if participation is None:
        return redirect("surveys:survey-detail", survey.slug)
    ctx = {"survey": survey, "participation": participation}
    return render(request, "surveys/survey_done.html", ctx)


@login_required
@permission_required("surveys.change_survey", raise_exception=True)
def survey_preview(request, slug, page):
    """The survey as a respondent sees it, for staff. Nothing entered here is saved."""
    survey = get_object_or_404(Survey, slug=slug)
    structure = survey_structure(survey)
    section = structure.section(page)
    if section is None:
        raise Http404("No such page.")
    posted = raw_page_data(request.POST, section.question_list) if request.POST else {}
    visible = visible_question_ids(structure, posted)
    questions = _page_questions(section, visible)
    if request.method == "POST":
        form = PageForm(MultiValueDict(posted), questions=questions, visible=visible)
        if form.is_valid() and page < structure.page_count:
            return redirect("surveys:survey-preview", survey.slug, page + 1)
        if form.is_valid():
            messages.info(
                request,
                gettext("That was the last page. In the real survey, the review follows."),
            )
    else:
        form = PageForm(questions=questions, visible=visible)
    return render_page(request, structure, page, form, preview=True)
