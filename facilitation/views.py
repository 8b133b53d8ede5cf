import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from collective.lib import versions
from collective.lib.pages import other_params, paginate
from collective.templatetags.collective_chrome import kept_page
from facilitation import calendar, selectors, services
from facilitation.apps import FacilitationConfig
from facilitation.forms import QuestionForm, RecommendForm, RegisterForm
from facilitation.models import (
    Facilitator,
    MeetingNote,
    Question,
    Recommendation,
    Registration,
    Session,
)


def index(request):
    upcoming = versions.cached_fragment(
        "facilitation-index",
        FacilitationConfig.versioned_models,
        lambda: render_to_string(
            "facilitation/includes/_upcoming_sessions.html",
            {"sessions": Session.objects.upcoming().select_related("facilitator")[:5]},
        ),
    )
    return render(request, "facilitation/index.html", {"upcoming": upcoming})


# ---- recommending facilitators -------------------------------------------------------------


@never_cache
@login_required
def recommend(request):
    form = RecommendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recommendation, existed = services.facilitator_recommend(
                member=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("name", error)
        else:
            name = recommendation.facilitator.name
            if existed:
                messages.success(
                    request,
                    gettext(
                        "Thank you. %(name)s had already been recommended by another member, so "
                        "we added your recommendation to theirs instead of listing them twice."
                    )
                    % {"name": name},
                )
            else:
                messages.success(
                    request, gettext("Thank you for recommending %(name)s.") % {"name": name}
                )
            return redirect("facilitation:my-recommendations")
    return render(request, "facilitation/recommend.html", {"form": form})


@never_cache
@login_required
def my_recommendations(request):
    recommendations = paginate(
        request,
        Recommendation.objects.filter(member=request.user)
        .select_related("facilitator")
        .order_by("created_on", "id"),
    )
    return render(
        request, "facilitation/my_recommendations.html", {"recommendations": recommendations}
    )


@login_required
@require_POST
def recommendation_withdraw(request, pk):
    recommendation = get_object_or_404(Recommendation, pk=pk, member=request.user)
    name = recommendation.facilitator.name
    services.recommendation_withdraw(recommendation=recommendation)
    messages.success(
        request, gettext("Your recommendation of %(name)s is withdrawn.") % {"name": name}
    )
    return redirect("facilitation:my-recommendations")


def facilitator_list(request):
    if not request.user.is_authenticated:
        # The shortlist quotes members' reasons, so it stays for members; visitors learn what it
        # is and how to join rather than meeting a bare log-in page.
        return render(request, "facilitation/facilitator_start.html", {"next": request.path})
    facilitators = selectors.public_facilitators()
    engaged = Facilitator.Status.ENGAGED
    # Two sections, each with its own page number, written by one loop in the template.
    sections = [
        {
            "heading": pgettext("facilitators", "Engaged"),
            "page": paginate(request, facilitators.filter(status=engaged), param="engaged"),
            "param": "engaged",
            "query": other_params(request, "engaged"),
            "pages_label": gettext("Pages of engaged facilitators"),
            "empty": gettext("We have not engaged a facilitator yet."),
        },
        {
            "heading": pgettext("facilitators", "Shortlisted"),
            "page": paginate(request, facilitators.exclude(status=engaged)),
            "param": "page",
            "query": other_params(request, "page"),
            "pages_label": gettext("Pages of shortlisted facilitators"),
            "empty": gettext(
                "Nobody is on the shortlist yet. The coordinators are reading members' "
                "recommendations."
            ),
        },
    ]
    return render(request, "facilitation/facilitator_list.html", {"sections": sections})


# ---- sessions --------------------------------------------------------------------------------


def session_list(request):
    """Upcoming and past sessions, each paginated. The same for everyone: cached under the
    version of the sessions, facilitators and registrations (and for a minute at most, since
    "upcoming" moves with the clock)."""
    name = (
        "session-list",
        request.GET.get("page"),
        request.GET.get("past"),
    )
    content = versions.cached_fragment(
        name, FacilitationConfig.versioned_models, lambda: _session_list_content(request)
    )
    return render(request, "facilitation/session_list.html", {"content": content})


def _session_list_content(request):
    sessions = Session.objects.select_related("facilitator").with_counts()
    context = {
        "upcoming": paginate(request, sessions.upcoming()),
        "past": paginate(request, sessions.past(), param="past"),
        "upcoming_query": other_params(request, "page"),
        "past_query": other_params(request, "past"),
    }
    return render_to_string("facilitation/includes/_session_list_content.html", context)


def _facts_html(session, places_left, show_link):
    context = {"session": session, "places_left": places_left, "show_link": show_link}
    return render_to_string("facilitation/includes/_session_facts.html", context)


def _facts(session):
    """What a session's page shows everyone alike: {"session", "places_left", "notes",
    "html" (the facts, without and with the online link)}."""
    places_left = selectors.places_left(session)
    return {
        "session": session,
        "places_left": places_left,
        "notes": list(session.notes.published()),
        "html": {link: _facts_html(session, places_left, link) for link in (False, True)},
    }


def _session_page_facts(pk):
    """_facts() of the session with its facilitator, or None when there is no such session.
    Shared between requests: read it, never change it."""
    session = Session.objects.select_related("facilitator").filter(pk=pk).first()
    return None if session is None else _facts(session)


def _session_page_context(request, session, facts, form=None):
    registration = selectors.active_registration(session, request.user)
    show_link = selectors.can_see_online_link(request.user, registration)
    return {
        "session": session,
        "show_link": show_link,
        "facts_html": mark_safe(facts["html"][show_link]),
        "places_left": facts["places_left"],
        "notes": facts["notes"],
        "registration": registration,
        "form": form or RegisterForm(),
        "can_ask": selectors.can_ask(request.user, registration),
        "is_coordinator": selectors.is_coordinator(request.user),
    }


def _session_page(request, session, form=None, status=200):
    context = _session_page_context(request, session, _facts(session), form)
    return render(request, "facilitation/session_detail.html", context, status=status)


@never_cache
def session_detail(request, pk):
    """A session's page. What it shows everyone alike is kept under the facilitation data
    version, which every registration and cancellation changes too (the places left); the
    member's own place is read on each view. Kept in the worker's memory only: the facts hold
    the online link, which only people with a place see, and Redis need not hold it.

    The whole page is kept too (collective_chrome.kept_page), once for each situation a person
    can be in: whether they see the online link, their place's status (none, a place, waiting),
    whether they may ask a question, whether they coordinate. It moves on with the clock (a
    session that starts closes its registration) within FRAGMENT_SECONDS, as the facts do."""
    facts = versions.cached(
        ("session-page", pk),
        FacilitationConfig.versioned_models,
        lambda: _session_page_facts(pk),
        in_redis=False,
    )
    if facts is None:
        raise Http404("No such session.")
    context = _session_page_context(request, facts["session"], facts)
    version = versions.current(*FacilitationConfig.versioned_models)  # read already: no trip
    registration = context["registration"]
    situation = (
        context["show_link"],
        registration.status if registration else None,
        context["can_ask"],
        context["is_coordinator"],
    )
    minute = int(time.time() // versions.FRAGMENT_SECONDS)
    key = ("session-page", pk, minute, *situation)
    return kept_page(request, version, key, "facilitation/session_detail.html", lambda: context)


@login_required
@require_POST
def session_register(request, pk):
    session = get_object_or_404(Session.objects.select_related("facilitator"), pk=pk)
    form = RegisterForm(request.POST)
    if form.is_valid():
        try:
            registration = services.registration_register(
                session=session,
                member=request.user,
                access_needs=form.cleaned_data["access_needs"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if registration.status == Registration.Status.REGISTERED:
                messages.success(
                    request, gettext("You have a place. We will remind you the day before.")
                )
            else:
                messages.info(
                    request,
                    gettext(
                        "The session is full, so you are on the waiting list. If a place frees "
                        "up we will give it to you and e-mail you."
                    ),
                )
            return redirect("facilitation:session-detail", pk=session.pk)
    return _session_page(request, session, form=form)


@login_required
@require_POST
def session_cancel(request, pk):
    session = get_object_or_404(Session, pk=pk)
    registration = selectors.active_registration(session, request.user)
    if registration is None:
        raise Http404("You are not registered for this session.")
    services.registration_cancel(registration=registration)
    messages.success(request, gettext("Your registration is cancelled."))
    return redirect("facilitation:session-detail", pk=session.pk)


@never_cache
@login_required
@require_GET
def session_calendar(request, pk):
    session = get_object_or_404(Session, pk=pk)
    registration = selectors.active_registration(session, request.user)
    if not selectors.has_place(registration):
        raise Http404("You do not have a place at this session.")
    response = HttpResponse(
        calendar.session_ics(session=session, uid=f"registration-{registration.pk}"),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="session-{session.pk}.ics"'
    response["Cache-Control"] = "no-store"
    return response


# ---- anonymous questions ---------------------------------------------------------------------


def _questions_for(request, pk):
    session = get_object_or_404(Session, pk=pk)
    registration = selectors.active_registration(session, request.user)
    if not (
        selectors.can_ask(request.user, registration) or selectors.is_coordinator(request.user)
    ):
        raise PermissionDenied("Register for the session to ask and read questions.")
    return session, registration


@login_required
@never_cache
def session_questions(request, pk):
    session, registration = _questions_for(request, pk)
    can_ask = selectors.can_ask(request.user, registration) and not session.has_started()
    form = QuestionForm(request.POST or None)
    if request.method == "POST":
        if not can_ask:
            raise PermissionDenied("Questions for this session are closed.")
        if form.is_valid():
            # Only the session and the text go in: nothing about who is asking.
            services.question_ask(session=session, text=form.cleaned_data["text"])
            messages.success(
                request,
                gettext(
                    "Thank you. Your question was received. A coordinator will read it before "
                    "the facilitator sees it."
                ),
            )
            return redirect("facilitation:session-questions", pk=session.pk)
    questions = list(session.questions.approved().by_support())
    supported = (
        services.supported_question_ids(session=session, member=request.user, questions=questions)
        if registration
        else set()
    )
    context = {
        "session": session,
        "form": form,
        "can_ask": can_ask,
        "can_support": registration is not None and not session.has_started(),
        "questions": questions,
        "supported": supported,
    }
    return render(request, "facilitation/session_questions.html", context)


@login_required
@require_POST
def question_support(request, pk, question_id):
    session, registration = _questions_for(request, pk)
    if registration is None or session.has_started():
        raise PermissionDenied("Only people registered for the session can support questions.")
    question = get_object_or_404(Question.objects.approved(), pk=question_id, session=session)
    if services.question_support(question=question, member=request.user):
        messages.success(request, gettext("Thank you: your support is counted."))
    else:
        messages.info(request, gettext("You have already supported that question."))
    return redirect("facilitation:session-questions", pk=session.pk)


@permission_required("facilitation.view_question", raise_exception=True)
def session_questions_print(request, pk):
    session = get_object_or_404(Session.objects.select_related("facilitator"), pk=pk)
    questions = session.questions.approved().by_support()
    return render(
        request,
        "facilitation/session_questions_print.html",
        {"session": session, "questions": questions},
    )


# ---- meeting notes ---------------------------------------------------------------------------


def note_list(request):
    notes = paginate(request, MeetingNote.objects.published().select_related("session"))
    return render(request, "facilitation/note_list.html", {"notes": notes})


def note_detail(request, pk):
    note = get_object_or_404(MeetingNote.objects.published().select_related("session"), pk=pk)
    return render(request, "facilitation/note_detail.html", {"note": note})
