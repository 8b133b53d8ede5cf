"""Every page and state the browser tests visit, in a pseudo language, shows no English word.

The pseudo language ("en-xa", added for this test only) has a catalogue in which every message
is transformed: `Save %(title)s` becomes `⟦Šáṽé %(title)s⟧`. Its messages are the portal's own
(a fresh `makemessages` of the source where xgettext is installed, else locale/ar's catalogue,
which the maintainers keep complete) and those Django and the installed apps translate into
Arabic themselves. The data is written in Cyrillic and Greek, so an ASCII word left on a page is
a string nobody marked for translation: the failure names the page, the words and where they are.

Text marked as another language (`lang="ar"`: the picker's language names) is not the page's.
"""

import re
from datetime import timedelta
from html.parser import HTMLParser

import polib
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.translation import trans_real
from django.views import defaults

from collective.models import Commitment, CommitmentUpdate
from facilitation.models import Facilitator, Session
from library import services as library_services
from surveys.models import Answer, Findings, Survey
from surveys.results import results_refresh
from tests.conftest import client_for, missing_service
from tests.facilitation.factories import (
    FacilitatorFactory,
    MeetingNoteFactory,
    RecommendationFactory,
    RegistrationFactory,
    SessionFactory,
)
from tests.facilitation.factories import QuestionFactory as SessionQuestionFactory
from tests.factories import PASSWORD, UserFactory
from tests.feedback.factories import FeedbackFactory, MessageFactory, new_code
from tests.i18n import catalogues
from tests.i18n.catalogues import PSEUDO
from tests.library.factories import BookFactory, SuggestionFactory, ThemeFactory
from tests.second_factor import give_authenticator_app
from tests.surveys.factories import (
    ChoiceFactory,
    QuestionFactory,
    SectionFactory,
    SurveyFactory,
    add_pairs,
    choice_question,
)

# Not words of the portal: nothing to translate. Keep this short.
# "True"/"False"/"None": the alt text of the admin's yes/no icons, which Django writes from the
# value itself, untranslated, in every language (django.contrib.admin's _boolean_icon).
ALLOWED = {"OK", "True", "False", "None"}
# Data that is ASCII however it is made up: addresses, links, codes, and a masked secret (the
# salt and hash of a password: "CEpSLm****"). Text in <code> is data too (paths, CSV columns).
DATA = re.compile(
    r"[\w.+-]+@[\w-]+(\.[\w-]+)+|https?://\S+|www\.\S+|\b[\w-]*\d[\w-]*\b|[\w+/=]+\*{3,}"
)
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


@pytest.fixture(scope="module")
def pseudo_locale(tmp_path_factory):
    if catalogues.have_xgettext():
        entries = list(catalogues.extract())
    elif catalogues.catalogue_path("ar").exists():
        entries = list(polib.pofile(str(catalogues.catalogue_path("ar"))))
    else:
        missing_service("no xgettext (apt-get install gettext) and no locale/ar catalogue")
    directory = tmp_path_factory.mktemp("pseudo-locale")
    catalogues.build_pseudo_locale(directory, entries)
    return directory


@pytest.fixture
def in_pseudo_language(pseudo_locale, settings):
    languages = [*settings.LANGUAGES, (PSEUDO, catalogues.pseudo("Pseudo"))]
    with override_settings(
        LANGUAGES=languages, LOCALE_PATHS=[pseudo_locale, *settings.LOCALE_PATHS]
    ):
        _reset_translations()
        yield
    _reset_translations()


def _reset_translations():
    trans_real._translations = {}
    trans_real._default = None
    trans_real._active = trans_real.Local()
    for cached in ("check_for_language", "get_languages", "get_supported_language_variant"):
        getattr(getattr(trans_real, cached), "cache_clear", lambda: None)()
    translation.deactivate()


class VisibleText(HTMLParser):
    """The words a person sees or hears: text, and the attributes screen readers read out."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    SPOKEN = ("aria-label", "title", "placeholder", "alt", "aria-description")

    def __init__(self, page_language):
        super().__init__(convert_charrefs=True)
        self.page_language = page_language
        self.stack = []  # (tag, hidden) for open elements
        self.parts = []

    def hidden(self):
        return any(hidden for _tag, hidden in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        other_language = "lang" in attrs and attrs["lang"] != self.page_language
        if tag != "html" and not self.hidden() and not other_language:
            self.parts += [attrs[name] for name in self.SPOKEN if attrs.get(name)]
            if tag == "input" and attrs.get("type") in {"submit", "button", "reset"}:
                self.parts.append(attrs.get("value") or "")
        if tag not in self.VOID:
            not_words = {"script", "style", "template", "code"}
            self.stack.append((tag, other_language or tag in not_words))

    def handle_endtag(self, tag):
        for at in range(len(self.stack) - 1, -1, -1):
            if self.stack[at][0] == tag:
                del self.stack[at:]
                break

    def handle_data(self, data):
        if not self.hidden():
            self.parts.append(data)


def english_words(html):
    parser = VisibleText(PSEUDO)
    parser.feed(html)
    text = DATA.sub(" ", " ".join(parser.parts))
    return sorted({word for word in WORD.findall(text) if word not in ALLOWED})


def snippet(html, word):
    """Where the word is, in text between tags if it is there (else anywhere: an attribute)."""
    body = html.split("</head>")[-1]
    found = re.search(rf">[^<]*?(?<![\w-]){word}(?![\w-])", body) or re.search(
        rf"(?<![\w-]){word}(?![\w-])", html
    )
    if not found:
        return ""
    text = found.string
    return " ".join(text[max(0, found.end() - 100) : found.end() + 60].split())


def untranslated(response, url):
    html = response.content.decode()
    words = english_words(html)
    if not words:
        return None
    where = "\n".join(f"    …{snippet(html, word)}…" for word in words[:5])
    return f"{url} ({response.status_code}): {', '.join(words)}\n{where}"


def check_pages(client, visits):
    """visits: (method, url, data, expected status), redirects followed. Every page in the pseudo
    language."""
    problems = []
    for method, url, data, status in visits:
        if method == "get":
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=PSEUDO, follow=True)
        elif method == "submit":  # the form as it is shown (an admin form's hidden fields too)
            form = client.get(url, HTTP_ACCEPT_LANGUAGE=PSEUDO).content.decode()
            data = {**dict(HIDDEN.findall(form)), **(data or {})}
            data.pop("csrfmiddlewaretoken", None)
            response = client.post(url, data, HTTP_ACCEPT_LANGUAGE=PSEUDO, follow=True)
        else:
            response = client.post(url, data, HTTP_ACCEPT_LANGUAGE=PSEUDO, follow=True)
        if response.status_code != status:
            problems.append(f"{method.upper()} {url}: {response.status_code}, not {status}")
            continue
        problem = untranslated(response, f"{method.upper()} {url}")
        if problem:
            problems.append(problem)
    assert not problems, "English left on pages (mark these strings):\n" + "\n".join(problems)


# ---- the data: no ASCII letters ----------------------------------------------------------------


@pytest.fixture
def portal_data(db):
    Commitment.objects.all().delete()
    commitment = Commitment.objects.create(
        title="Обещание 1", slug="c-1", summary="Краткое содержание."
    )
    theme = ThemeFactory(name="Тема", slug="t-1")
    book = BookFactory(title="Книга 1", creators="Автор", description="Описание.", themes=[theme])
    facilitator = FacilitatorFactory(
        name="Ведущий",
        organisation="Организация",
        website="",
        contact_email="",
        status=Facilitator.Status.ENGAGED,
    )
    session = SessionFactory(
        title="Встреча 1",
        topic="Тема встречи.",
        facilitator=facilitator,
        format=Session.Format.ONLINE,
        online_link="",
        ground_rules="Правила.",
        starts_at=timezone.now() + timedelta(days=7),
    )
    MeetingNoteFactory(session=session, title="Заметки", body="Текст.")
    survey = SurveyFactory(title="Опрос 1", slug="s-1", intro="Введение.")
    section = SectionFactory(survey=survey, title="Страница 1", position=1)
    question = QuestionFactory(section=section, text="Вопрос 1?", kind="single", position=1)
    ChoiceFactory(question=question, text="Да", position=1)
    ChoiceFactory(question=question, text="Нет", position=2)
    ChoiceFactory(question=question, text="Другое", position=3, is_other=True)  # its own box
    QuestionFactory(section=section, text="Почему?", position=2)
    return {"book": book, "session": session, "survey": survey, "commitment": commitment}


@pytest.fixture
def pseudo_member(db):
    return UserFactory(email="μέλος@example.org", display_name="Μέλος")


@pytest.fixture
def pseudo_superuser(db):
    return UserFactory(
        email="διαχειριστής@example.org",
        display_name="Διαχειριστής",
        is_staff=True,
        is_superuser=True,
    )


# ---- the pages -------------------------------------------------------------------------------


def test_visitor_pages_are_all_translated(client, portal_data, in_pseudo_language):
    book, session = portal_data["book"], portal_data["session"]
    check_pages(
        client,
        [
            ("get", "/", None, 200),
            ("get", "/about/", None, 200),
            ("get", "/privacy/", None, 200),
            ("get", "/contact/", None, 200),
            ("get", "/surveys/s-1/", None, 200),
            ("get", "/commitments/", None, 200),
            ("get", "/commitments/c-1/", None, 200),
            ("get", "/no-such-page/", None, 404),
            ("get", "/accounts/login/", None, 200),
            ("post", "/accounts/login/", {"login": "", "password": ""}, 200),
            ("post", "/accounts/login/", {"login": "x@example.org", "password": "no"}, 200),
            ("get", "/accounts/signup/", None, 200),
            ("post", "/accounts/signup/", {"email": "", "password1": "", "password2": ""}, 200),
            ("get", "/accounts/password/reset/", None, 200),
            ("post", "/accounts/password/reset/", {"email": ""}, 200),
            ("get", "/accounts/confirm-email/", None, 200),
            ("get", "/library/", None, 200),
            ("get", "/library/?q=ничего", None, 200),
            ("get", f"/library/resources/{book.pk}/", None, 200),
            ("get", "/surveys/", None, 200),
            ("get", "/facilitation/", None, 200),
            ("get", "/facilitation/sessions/", None, 200),
            ("get", f"/facilitation/sessions/{session.pk}/", None, 200),
            ("get", "/facilitation/facilitators/", None, 200),
            ("get", "/facilitation/notes/", None, 200),
            ("get", "/feedback/", None, 200),
            ("post", "/feedback/", {}, 200),
            ("get", "/feedback/receipt/", None, 200),
        ],
    )


def test_member_pages_are_all_translated(portal_data, pseudo_member, in_pseudo_language):
    book, session, survey = portal_data["book"], portal_data["session"], portal_data["survey"]
    RegistrationFactory(session=session, member=pseudo_member)
    check_pages(
        client_for(pseudo_member),
        [
            ("get", "/accounts/me/", None, 200),
            ("post", "/accounts/me/", {"display_name": "Μέλος", "pronouns": "x" * 50}, 200),
            ("post", "/accounts/me/", {"display_name": "Μέλος", "language": ""}, 200),
            ("get", "/accounts/password/change/", None, 200),
            ("post", "/accounts/password/change/", {}, 200),
            ("get", "/accounts/email/", None, 200),
            ("get", "/accounts/me/delete/", None, 200),
            ("post", "/accounts/me/delete/", {"password": ""}, 200),
            ("get", "/accounts/2fa/", None, 200),
            ("get", "/accounts/logout/", None, 200),
            ("get", "/library/my-loans/", None, 200),
            ("get", f"/library/resources/{book.pk}/", None, 200),
            ("get", "/library/suggest/", None, 200),
            ("post", "/library/suggest/", {}, 200),
            ("get", "/surveys/", None, 200),
            ("get", f"/surveys/{survey.slug}/", None, 200),
            ("get", f"/surveys/{survey.slug}/page/1/", None, 200),
            ("post", f"/surveys/{survey.slug}/page/1/", {}, 200),
            ("get", f"/facilitation/sessions/{session.pk}/", None, 200),
            ("get", f"/facilitation/sessions/{session.pk}/questions/", None, 200),
            ("get", f"/library/resources/{book.pk}/borrow/", None, 200),
            ("get", "/facilitation/recommend/", None, 200),
            ("post", "/facilitation/recommend/", {}, 200),
            ("get", "/feedback/", None, 200),
        ],
    )


def test_staff_pages_are_all_translated(portal_data, pseudo_superuser, in_pseudo_language):
    survey = portal_data["survey"]
    check_pages(
        client_for(pseudo_superuser),
        [
            ("get", "/admin/", None, 200),
            ("get", "/admin/library/loan/", None, 200),
            ("get", "/admin/library/loan/?desk=all", None, 200),
            ("get", "/admin/facilitation/facilitator/", None, 200),
            ("get", "/admin/surveys/survey/add/", None, 200),
            ("get", "/admin/feedback/feedback/", None, 200),
            (
                "get",
                f"/admin/collective/commitment/{portal_data['commitment'].pk}/change/",
                None,
                200,
            ),
            ("get", "/surveys/results/", None, 200),
            ("get", f"/surveys/{survey.slug}/results/", None, 200),
            ("get", f"/surveys/{survey.slug}/preview/1/", None, 200),
        ],
    )


def test_the_pseudo_language_changes_every_letter_and_keeps_placeholders():
    assert catalogues.pseudo("Save %(title)s on <a href='%(url)s'>{name}</a>") == (
        "⟦Šáṽé %(title)s øñ <a href='%(url)s'>{name}</a>⟧"
    )
    assert not WORD.search(catalogues.pseudo("Every ASCII letter: the quick brown fox"))


def test_an_unmarked_string_is_found():
    html = '<html lang="en-xa"><p>⟦Šáṽé⟧ Save</p><option lang="ar">English</option></html>'
    assert english_words(html) == ["Save"]


# ---- more states the browser tests visit ------------------------------------------------------


@pytest.fixture
def results_data(portal_data):
    """A closed survey with released answers: results, a breakdown, written answers, and what
    we heard about it."""
    survey = SurveyFactory(title="Опрос 2", slug="s-2", status=Survey.Status.CLOSED)
    section = SectionFactory(survey=survey, title="Страница", position=1)
    found = choice_question(section, "Откуда?", ["Друг", "Плакат"], position=1)
    group = choice_question(section, "Группа?", ["Альфа", "Бета"], position=2)
    why = QuestionFactory(section=section, text="Почему?", kind="long_text", position=3)
    add_pairs(
        survey,
        found,
        group,
        {("Друг", "Альфа"): 12, ("Плакат", "Бета"): 9, ("Друг", "Бета"): 2},
    )
    add_pairs(survey, why, group, {("Потому что.", "Альфа"): 11})
    other = ChoiceFactory(question=found, text="Другое", position=3, is_other=True)
    add_pairs(survey, found, group, {("Другое", "Бета"): 11})
    Answer.objects.filter(choice=other).update(text="Сосед.")
    results_refresh(survey=survey)
    Findings.objects.create(
        survey=survey,
        summary="Итог.",
        actions="Действия.",
        audience=Findings.Audience.EVERYONE,
        published_on=timezone.localdate(),
    )
    return {"survey": survey, "found": found, "group": group, "why": why}


def test_survey_journeys_are_all_translated(client, portal_data, pseudo_member, in_pseudo_language):
    """A member answers, checks and sends; a visitor does the same through the secret link."""
    survey = portal_data["survey"]
    question = survey.sections.get().questions.get(kind="single")
    answer = {question.field_name: str(question.choices.first().pk)}
    check_pages(
        client_for(pseudo_member),
        [
            ("post", f"/surveys/{survey.slug}/page/1/", answer, 200),
            ("get", f"/surveys/{survey.slug}/review/", None, 200),
            ("post", f"/surveys/{survey.slug}/review/", {}, 200),
            ("get", f"/surveys/{survey.slug}/thank-you/", None, 200),
        ],
    )
    link = SurveyFactory(title="Опрос 3", slug="s-3", audience=Survey.Audience.LINK)
    section = SectionFactory(survey=link, title="Страница 1", position=1)
    question = choice_question(section, "Откуда?", ["Друг", "Плакат"], required=True)
    choice = str(question.choices.first().pk)
    check_pages(
        client,
        [
            ("get", f"/surveys/link/{link.token}/", None, 200),
            ("get", f"/surveys/{link.slug}/page/1/", None, 200),
            ("post", f"/surveys/{link.slug}/page/1/", {}, 200),
            ("post", f"/surveys/{link.slug}/page/1/", {question.field_name: choice}, 200),
            ("get", f"/surveys/{link.slug}/review/", None, 200),
            ("post", f"/surveys/{link.slug}/review/", {}, 200),
        ],
    )


def test_results_and_what_we_heard_are_all_translated(
    client, results_data, pseudo_superuser, in_pseudo_language
):
    survey, found, group, why = (results_data[k] for k in ("survey", "found", "group", "why"))
    results = f"/surveys/{survey.slug}/results/"
    check_pages(
        client_for(pseudo_superuser),
        [
            ("get", "/surveys/results/", None, 200),
            ("get", results, None, 200),
            ("get", f"{results}breakdown/?question={found.pk}&by={group.pk}", None, 200),
            ("get", f"{results}breakdown/?question={why.pk}&by={group.pk}", None, 200),
            ("get", f"{results}breakdown/?question={found.pk}&by={found.pk}", None, 200),
            ("get", f"{results}questions/{why.pk}/answers/", None, 200),
            ("get", f"{results}questions/{found.pk}/answers/", None, 200),
        ],
    )
    check_pages(
        client,
        [
            ("get", "/surveys/", None, 200),
            ("get", "/surveys/heard/", None, 200),
            ("get", f"/surveys/heard/{survey.slug}/", None, 200),
        ],
    )


def test_more_member_pages_are_all_translated(portal_data, pseudo_member, in_pseudo_language):
    """Two-step sign-in, the start pages, recommendations and a session's staff pages."""
    session = portal_data["session"]
    RegistrationFactory(session=session, member=pseudo_member)
    RecommendationFactory(
        member=pseudo_member,
        facilitator__name="Ведущая",
        facilitator__organisation="Группа",
        how_known="Вместе работали.",
        why="Слушает.",
    )
    check_pages(
        client_for(pseudo_member),
        [
            ("get", "/", None, 200),
            ("get", "/accounts/2fa/", None, 200),
            ("get", "/accounts/2fa/totp/activate/", None, 200),  # "confirm your password" first
            ("post", "/accounts/reauthenticate/", {"password": "no"}, 200),
            ("post", "/accounts/reauthenticate/", {"password": PASSWORD}, 200),
            ("get", "/accounts/2fa/totp/activate/", None, 200),
            ("post", "/accounts/2fa/totp/activate/", {"code": "0"}, 200),
            ("get", "/facilitation/", None, 200),
            ("get", "/facilitation/recommendations/", None, 200),
            ("get", f"/facilitation/notes/{session.notes.get().pk}/", None, 200),
            ("get", f"/surveys/{portal_data['survey'].slug}/", None, 200),
        ],
    )


def test_facilitation_staff_pages_are_all_translated(
    portal_data, pseudo_superuser, in_pseudo_language
):
    session = portal_data["session"]
    past = SessionFactory(
        title="Встреча 0",
        topic="Тема.",
        facilitator=session.facilitator,
        format=Session.Format.ONLINE,
        online_link="",
        ground_rules="Правила.",
        starts_at=timezone.now() - timedelta(days=7),
    )
    RegistrationFactory(session=session, member=UserFactory(display_name="Гость"))
    check_pages(
        client_for(pseudo_superuser),
        [
            ("get", f"/facilitation/sessions/{session.pk}/", None, 200),
            ("get", f"/facilitation/sessions/{past.pk}/", None, 200),
            ("get", f"/facilitation/sessions/{session.pk}/questions/", None, 200),
            (
                "get",
                f"/facilitation/sessions/{session.pk}/questions/for-the-facilitator/",
                None,
                200,
            ),
        ],
    )


def test_more_admin_pages_are_all_translated(portal_data, pseudo_superuser, in_pseudo_language):
    """The change pages each staff group works on, the survey builder and its translations."""
    survey, book, session = portal_data["survey"], portal_data["book"], portal_data["session"]
    borrower = UserFactory(display_name="Читатель", email="читатель@example.org")
    loan = library_services.loan_request(resource=book, borrower=borrower)
    registration = RegistrationFactory(session=session, member=borrower, access_needs="Титры")
    feedback = FeedbackFactory(message="Отзыв.", wants_reply=False)
    surveys = f"/admin/surveys/survey/{survey.pk}/"
    question = survey.sections.get().questions.get(kind="single")
    check_pages(
        client_for(pseudo_superuser),
        [
            ("get", "/admin/surveys/survey/", None, 200),
            ("get", f"{surveys}change/", None, 200),
            ("get", f"{surveys}build/", None, 200),
            ("get", f"{surveys}translations/", None, 200),
            ("get", f"{surveys}translations/ar/", None, 200),
            ("get", f"/admin/surveys/question/{question.pk}/change/", None, 200),
            ("get", f"/admin/library/resource/{book.pk}/change/", None, 200),
            ("get", "/admin/library/loan/", None, 200),
            ("get", f"/admin/library/loan/{loan.pk}/change/", None, 200),
            ("get", f"/admin/library/loan/{loan.pk}/desk/decline/", None, 200),
            ("get", f"/admin/facilitation/facilitator/{session.facilitator.pk}/change/", None, 200),
            ("get", f"/admin/facilitation/session/{session.pk}/change/", None, 200),
            ("get", f"/admin/facilitation/registration/{registration.pk}/change/", None, 200),
            ("get", f"/admin/feedback/feedback/{feedback.pk}/change/", None, 200),
            ("get", f"/admin/collective/user/{borrower.pk}/change/", None, 200),
            ("get", "/admin/collective/outgoingemail/", None, 200),
        ],
    )


def test_error_pages_are_all_translated(client, db, rf, settings, in_pseudo_language):
    check_pages(
        client,
        [
            ("get", "/surveys/link/%00/", None, 400),
            ("get", "/feedback/receipt/reply/", None, 405),
        ],
    )
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    problems = []
    too_big = client.post("/feedback/", {"message": "x" * 2000}, HTTP_ACCEPT_LANGUAGE=PSEUDO)
    request = rf.get("/")
    request.user = AnonymousUser()
    with translation.override(PSEUDO):
        pages = {
            "413": too_big,
            "403": defaults.permission_denied(request, PermissionDenied()),
            "429": render(request, "429.html", status=429),
            "500": defaults.server_error(request),
        }
    for name, response in pages.items():
        assert response.status_code == int(name)
        problems.append(untranslated(response, name))
    assert not any(problems), "\n".join(filter(None, problems))


def _action(changelist, action, pks):
    """An admin action on some rows: its intermediate page (or the list, with its message)."""
    return ("post", changelist, {"action": action, "_selected_action": pks, "index": "0"}, 200)


def test_every_admin_state_is_all_translated(portal_data, pseudo_superuser, in_pseudo_language):
    """The lists with their filters, add forms, forms with errors and each action's own page, as
    tests/e2e/admin/test_admin_a11y.py visits them."""
    survey, book, session = portal_data["survey"], portal_data["book"], portal_data["session"]
    borrower = UserFactory(display_name="Читатель", email="читатель@example.org")
    loan = library_services.loan_request(resource=book, borrower=borrower)
    suggestion = SuggestionFactory(title="Предложение", creators="Автор", why="Полезно.")
    facilitator = session.facilitator
    registration = RegistrationFactory(session=session, member=borrower, access_needs="Титры")
    session_question = SessionQuestionFactory(session=session, text="Вопрос?", status="pending")
    note = session.notes.get()
    feedback = FeedbackFactory(message="Отзыв.", wants_reply=False)
    MessageFactory(feedback=feedback, body="Ответ.")
    update = CommitmentUpdate.objects.create(commitment=portal_data["commitment"], text="Сделано.")
    section = survey.sections.get()
    question = section.questions.get(kind="single")
    resources, loans = "/admin/library/resource/", "/admin/library/loan/"
    surveys, builder = "/admin/surveys/survey/", f"/admin/surveys/survey/{survey.pk}/build/"
    facilitators, sessions = "/admin/facilitation/facilitator/", "/admin/facilitation/session/"
    notes, updates = "/admin/facilitation/meetingnote/", "/admin/collective/commitmentupdate/"
    check_pages(
        client_for(pseudo_superuser),
        [
            ("get", "/admin/library/", None, 200),
            ("get", f"{resources}?published__exact=1&kind__exact=book&q=Книга", None, 200),
            ("get", f"{resources}add/", None, 200),
            ("submit", f"{resources}add/", None, 200),
            ("get", f"{resources}{book.pk}/history/", None, 200),
            ("get", f"{resources}{book.pk}/delete/", None, 200),
            _action(resources, "delete_selected", [book.pk]),
            ("get", f"{resources}import-csv/", None, 200),
            ("submit", f"{resources}import-csv/", None, 200),
            ("get", "/admin/library/theme/", None, 200),
            ("submit", "/admin/library/theme/add/", None, 200),
            ("get", "/admin/library/copy/?withdrawn__exact=0", None, 200),
            ("submit", "/admin/library/copy/add/", None, 200),
            ("get", f"/admin/library/copy/{book.copies.get().pk}/change/", None, 200),
            ("get", "/admin/library/suggestion/?status__exact=pending", None, 200),
            ("get", f"/admin/library/suggestion/{suggestion.pk}/change/", None, 200),
            _action("/admin/library/suggestion/", "decline", [suggestion.pk]),
            ("get", f"{loans}?desk=overdue&delivery__exact=post", None, 200),
            ("get", f"{loans}add/", None, 200),
            ("submit", f"{loans}add/", None, 200),
            ("post", f"{loans}{loan.pk}/desk/decline/", {}, 200),
            _action(f"{loans}?desk=all", "decline", [loan.pk]),
            ("get", f"{surveys}?status__exact=draft", None, 200),
            ("submit", f"{surveys}add/", None, 200),
            ("post", f"{builder}pages/", {}, 200),
            ("post", f"{builder}move/", {"move": f"question-{question.pk}-down"}, 200),
            ("get", f"/admin/surveys/section/{section.pk}/change/", None, 200),
            ("get", "/admin/surveys/section/?q=Страница", None, 200),
            ("get", "/admin/surveys/question/?kind__exact=single", None, 200),
            ("get", f"/admin/surveys/question/add/?section={section.pk}", None, 200),
            ("submit", f"/admin/surveys/question/add/?section={section.pk}", None, 200),
            ("get", "/admin/surveys/invitationsend/", None, 200),
            _action(surveys, "send_invitation", [survey.pk]),
            (
                "post",
                surveys,
                {"action": "send_invitation", "_selected_action": [survey.pk], "apply": "1"},
                200,
            ),
            _action(surveys, "delete_selected", [survey.pk]),
            ("get", f"{facilitators}?status__exact=recommended", None, 200),
            ("submit", f"{facilitators}add/", None, 200),
            _action(facilitators, "not_taken_forward", [facilitator.pk]),
            _action(facilitators, "delete_selected", [facilitator.pk]),
            ("get", f"{sessions}?format__exact=online", None, 200),
            ("submit", f"{sessions}add/", None, 200),
            ("get", "/admin/facilitation/registration/?status__exact=registered", None, 200),
            ("get", f"/admin/facilitation/registration/{registration.pk}/change/", None, 200),
            ("get", "/admin/facilitation/question/?status__exact=pending", None, 200),
            ("get", f"/admin/facilitation/question/{session_question.pk}/change/", None, 200),
            ("get", notes, None, 200),
            ("submit", f"{notes}add/", None, 200),
            ("get", f"{notes}{note.pk}/change/", None, 200),
            ("get", "/admin/feedback/feedback/?status__exact=new", None, 200),
            ("get", f"/admin/feedback/feedback/{feedback.pk}/history/", None, 200),
            ("get", "/admin/collective/commitment/?status__exact=planned", None, 200),
            ("get", f"{updates}?commitment__id__exact={portal_data['commitment'].pk}", None, 200),
            ("submit", f"{updates}add/", None, 200),
            ("get", f"{updates}{update.pk}/change/", None, 200),
            ("get", "/admin/collective/user/", None, 200),
        ],
    )


@pytest.mark.real_second_factor
def test_two_step_sign_in_states_are_all_translated(client, db, in_pseudo_language):
    """Staff without the app are led to set it up; with it, they type a code to sign in."""
    staff = UserFactory(display_name="Сотрудник", is_staff=True, is_superuser=True)
    check_pages(client_for(staff), [("get", "/admin/", None, 200)])
    give_authenticator_app(staff)
    check_pages(
        client_for(staff),
        [
            ("get", "/admin/", None, 200),
            ("get", "/accounts/2fa/", None, 200),
            ("get", "/accounts/2fa/recovery-codes/", None, 200),
            ("post", "/accounts/reauthenticate/", {"password": PASSWORD}, 200),
            ("get", "/accounts/2fa/recovery-codes/", None, 200),
        ],
    )
    login = {"login": staff.email, "password": PASSWORD}
    check_pages(
        client,
        [
            ("post", "/accounts/login/", login, 200),
            ("post", "/accounts/2fa/authenticate/", {"code": "0"}, 200),
        ],
    )


def _link_in_last_email(pattern):
    return re.search(r"https?://[^/\s]+(" + pattern + r")", mail.outbox[-1].body).group(1)


def test_account_journeys_are_all_translated(client, transactional_db, in_pseudo_language):
    """Sign up, confirm the address, sign in, forget the password and set a new one (the
    e-mails go once their transaction commits: a transactional test)."""
    passphrase, new = "first-long-passphrase-for-tests", "second-long-passphrase-for-tests"
    signup = {"email": "new@example.org", "password1": passphrase, "password2": passphrase}
    login = {"login": "new@example.org", "password": passphrase}
    check_pages(
        client,
        [
            ("post", "/accounts/signup/", signup, 200),
            ("post", "/accounts/login/", login, 200),  # "verify your e-mail" first
        ],
    )
    confirm = _link_in_last_email(r"/accounts/confirm-email/[^/\s]+/")
    check_pages(
        client,
        [
            ("get", confirm, None, 200),
            ("post", confirm, {}, 200),
            ("post", "/accounts/login/", login, 200),
            ("post", "/accounts/logout/", {}, 200),
            ("post", "/accounts/password/reset/", {"email": "new@example.org"}, 200),
        ],
    )
    reset = _link_in_last_email(r"/accounts/password/reset/key/[^\s]+")
    check_pages(client, [("get", reset, None, 200)])
    key_page = client.get(reset, follow=True).redirect_chain[-1][0]
    check_pages(
        client,
        [
            ("post", key_page, {}, 200),
            ("post", key_page, {"password1": new, "password2": new}, 200),
            ("get", "/accounts/confirm-email/nonsense/", None, 200),
        ],
    )


def test_member_states_are_all_translated(portal_data, pseudo_member, in_pseudo_language):
    """A loan and its renewal, registering for a session, asking a question, opening feedback."""
    book, session = portal_data["book"], portal_data["session"]
    loan = library_services.loan_mark_collected(
        loan=library_services.loan_request(resource=book, borrower=pseudo_member)
    )
    code = new_code()
    FeedbackFactory(code=code, message="Отзыв.", wants_reply=False)
    member = client_for(pseudo_member)
    check_pages(
        member,
        [
            ("get", f"/library/my-loans/{loan.pk}/", None, 200),
            ("post", f"/library/my-loans/{loan.pk}/renew/", {}, 200),
            ("post", f"/library/my-loans/{loan.pk}/renew/", {}, 200),
            ("post", f"/facilitation/sessions/{session.pk}/register/", {}, 200),
            ("post", f"/facilitation/sessions/{session.pk}/register/", {"agree": "on"}, 200),
            ("post", f"/facilitation/sessions/{session.pk}/questions/", {}, 200),
            ("post", f"/facilitation/sessions/{session.pk}/questions/", {"text": "Как?"}, 200),
            ("post", f"/facilitation/sessions/{session.pk}/cancel/", {}, 200),
            ("post", "/feedback/receipt/", {}, 200),
            ("post", "/feedback/receipt/", {"code": code}, 200),
            ("post", "/feedback/receipt/reply/", {"code": code}, 200),
            ("post", "/feedback/receipt/reply/", {"code": code, "body": "Спасибо."}, 200),
        ],
    )


def test_paginated_lists_are_all_translated(pseudo_member, in_pseudo_language):
    """Lists long enough for their page links, as tests/e2e/test_pagination_a11y.py makes them."""
    past = timezone.now() - timedelta(days=30)
    facilitator = FacilitatorFactory(name="Ведущий", organisation="Группа", website="")
    for n in range(25):
        later = SessionFactory(title=f"Встреча {n}", topic="Тема.", facilitator=facilitator)
        SessionFactory(
            title=f"Прошлая {n}",
            topic="Тема.",
            facilitator=facilitator,
            starts_at=past - timedelta(days=n),
            ends_at=past - timedelta(days=n) + timedelta(hours=2),
        )
        MeetingNoteFactory(session=later, title=f"Заметки {n}", body="Текст.")
        RecommendationFactory(
            member=pseudo_member,
            facilitator=FacilitatorFactory(name=f"Ведущая {n}", organisation="Группа", website=""),
            how_known="Вместе.",
            why="Слушает.",
        )
        SurveyFactory(title=f"Опрос {n}", slug=f"s-{n}")
    check_pages(
        client_for(pseudo_member),
        [
            ("get", "/facilitation/sessions/", None, 200),
            ("get", "/facilitation/sessions/?page=2&past=2", None, 200),
            ("get", "/facilitation/notes/?page=2", None, 200),
            ("get", "/facilitation/recommendations/", None, 200),
            ("get", "/surveys/", None, 200),
            ("get", "/surveys/?page=2", None, 200),
        ],
    )
