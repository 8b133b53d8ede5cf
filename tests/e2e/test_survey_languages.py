"""The member survey in the language people pick: a visitor answers it in Arabic (right to
left), another in Polish, and a survey manager sees both responses in one set of results."""

import pytest
from django.conf import settings

from collective.lib import versions
from surveys.member_survey import load_member_survey
from surveys.models import Survey
from surveys.results import results_refresh
from tests.e2e.admin_login import login_staff
from tests.surveys.helpers import release_now

pytestmark = pytest.mark.browser

# Each language's words for what the visitor reads and picks (the survey's own content).
WORDS = {
    "ar": {
        "found": "كيف عرفت بـ Collective؟",
        "social": "وسائل التواصل الاجتماعي",
        "why": "لماذا انضممت إلى Collective؟",
        "no": "لا",
        "because": "لأتعرّف على أناس مثلي",
    },
    "pl": {
        "found": "Skąd wiesz o Collective?",
        "social": "Z mediów społecznościowych",
        "why": "Co skłoniło Cię do dołączenia do Collective?",
        "no": "Nie",
        "because": "Żeby poznać ludzi takich jak ja",
    },
}


def _answer_in(page, live_server, survey, language, axe=None, *, by_picker=False):
    """A visitor with `language` chosen (in the header's picker, or earlier: the cookie)
    answers every page by the survey's link. Buttons are found by what they do, not their
    words (the portal's own words are translated too)."""
    words = WORDS[language]
    if not by_picker:
        page.context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        )
    page.goto(f"/surveys/link/{survey.token}/")
    if by_picker:
        page.locator("#language-picker-select").select_option(language)
        with page.expect_navigation():
            page.locator(".language-picker button[type=submit]").click()
        assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator(f"a[href='/surveys/{survey.slug}/page/1/']").first.click()
    content = page.content()
    assert words["found"] in content and "How did you find out" not in content
    if axe:
        axe(page)
    page.get_by_label(words["social"], exact=True).check()
    page.get_by_label(words["why"], exact=False).fill(words["because"])
    next_button = page.locator("button[name=action][value=next]")
    next_button.click()
    next_button.click()  # page 2: nothing required
    page.get_by_label(words["no"], exact=True).check()
    next_button.click()
    next_button.click()  # page 4: optional
    assert words["because"] in page.content()  # the review
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_answers_in_arabic_and_polish_are_one_set_of_results(
    page, browser, live_server, axe, survey_manager
):
    survey, _ = load_member_survey(publish=True)
    # Open to people without an account through its link; two responses are enough to show.
    Survey.objects.filter(pk=survey.pk).update(audience=Survey.Audience.LINK, threshold=2)
    versions.bump("surveys.Survey", survey.pk)  # update() skips the signals that do this
    survey.refresh_from_db()

    _answer_in(page, live_server, survey, "ar", axe=axe, by_picker=True)
    polish = browser.new_context(base_url=live_server.url)
    _answer_in(polish.new_page(), live_server, survey, "pl")
    polish.close()

    assert survey.waiting_count() == 2
    release_now(survey)
    results_refresh(survey=survey)

    staff = browser.new_context(base_url=live_server.url)
    manager = staff.new_page()
    login_staff(
        manager, live_server.url, survey_manager, next_url=f"/surveys/{survey.slug}/results/"
    )
    content = manager.content()
    assert "2 responses" in content
    row = manager.get_by_role("row", name="Social media")
    assert row.get_by_role("cell").first.inner_text() == "2"
    # The manager also sees what is translated: nothing is missing from the member survey.
    # Both Translations pages pass axe and fit a 320 px screen (the table scrolls in its box).
    manager.set_viewport_size({"width": 320, "height": 640})
    for path in ["translations/", "translations/ar/"]:
        manager.goto(f"/admin/surveys/survey/{survey.pk}/{path}")
        counts = manager.locator(".translation-counts").inner_text()
        assert "العربية: 0 of" in counts and "Polski: 0 of" in counts
        axe(manager)
        assert manager.evaluate("document.documentElement.scrollWidth") <= 320, path
    staff.close()
