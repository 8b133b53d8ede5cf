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
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.translation import trans_real

from collective.models import Commitment
from facilitation.models import Facilitator, Session
from tests.conftest import client_for, missing_service
from tests.facilitation.factories import (
    FacilitatorFactory,
    MeetingNoteFactory,
    RegistrationFactory,
    SessionFactory,
)
from tests.factories import UserFactory
from tests.i18n import catalogues
from tests.i18n.catalogues import PSEUDO
from tests.library.factories import BookFactory, ThemeFactory
from tests.surveys.factories import ChoiceFactory, QuestionFactory, SectionFactory, SurveyFactory

# Not words of the portal: nothing to translate. Keep this short.
ALLOWED = {"OK"}
# Data that is ASCII however it is made up: addresses, links, codes.
DATA = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|https?://\S+|www\.\S+|\b[\w-]*\d[\w-]*\b")
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
            self.stack.append((tag, other_language or tag in {"script", "style", "template"}))

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
    """visits: (method, url, data, expected status). Every page in the pseudo language."""
    problems = []
    for method, url, data, status in visits:
        if method == "get":
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=PSEUDO)
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
    MeetingNoteFactory(session=session, title="Заметки", body="<p>Текст.</p>")
    survey = SurveyFactory(title="Опрос 1", slug="s-1", intro="Введение.")
    section = SectionFactory(survey=survey, title="Страница 1", position=1)
    question = QuestionFactory(section=section, text="Вопрос 1?", kind="single", position=1)
    ChoiceFactory(question=question, text="Да", position=1)
    ChoiceFactory(question=question, text="Нет", position=2)
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
