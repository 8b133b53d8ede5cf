"""Anonymous feedback in a real browser: send, keep the code, read the reply, answer back."""

import re

import pytest
from playwright.sync_api import expect

from feedback.models import Feedback

pytestmark = pytest.mark.browser


def send_feedback(page, message):
    page.get_by_label("A barrier to taking part").check()
    page.get_by_label("Your message").fill(message)
    page.get_by_role("button", name="Send feedback").click()
    code = page.locator("#receipt-code").inner_text().strip()
    assert re.fullmatch(r"\d{4}( \d{4}){4}", code), code
    return code


def reply_in_admin(page, login_page, reader, text):
    login_page(page, reader)
    feedback = Feedback.objects.get()
    page.goto(f"/admin/feedback/feedback/{feedback.pk}/change/")
    page.get_by_label("Reply to the sender").fill(text)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Your reply is saved")


def test_the_whole_conversation_works_without_javascript(
    nojs_page, page, login_page, feedback_reader
):
    visitor = nojs_page
    visitor.goto("/")
    visitor.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Anonymous feedback"
    ).click()
    assert visitor.locator("h1").inner_text() == "Anonymous feedback"
    # Without JavaScript the contact fields and the "no longer anonymous" statement both show.
    assert visitor.get_by_label("Your e-mail address").is_visible()
    assert visitor.get_by_text("your feedback is no longer anonymous").is_visible()

    visitor.get_by_role("button", name="Send feedback").click()
    assert visitor.locator(".error-summary").is_visible()
    code = send_feedback(visitor, "The building's lift was broken again.")
    assert "keep it somewhere safe" in visitor.content()

    reply_in_admin(page, login_page, feedback_reader, "We are sorry. The lift is being fixed.")

    visitor.goto("/feedback/receipt/")
    visitor.get_by_label("Your receipt code").fill(code)
    visitor.get_by_role("button", name="Open my feedback").click()
    assert "The building's lift was broken again." in visitor.content()
    assert "The lift is being fixed." in visitor.content()
    assert "/receipt/" in visitor.url and code.replace(" ", "") not in visitor.url.replace(
        "%20", ""
    )

    visitor.get_by_label("Your answer").fill("Thank you. Please tell me when it works.")
    visitor.get_by_role("button", name="Send my answer").click()
    assert "Your answer is sent" in visitor.content()
    assert Feedback.objects.get().messages.filter(from_staff=False).count() == 1


def test_every_feedback_page_passes_axe(page, axe):
    page.goto("/feedback/")
    assert page.locator("h1").count() == 1
    # With JavaScript the contact fields wait for the checkbox.
    assert not page.get_by_label("Your e-mail address").is_visible()
    page.get_by_label("I’d like a reply by e-mail").check()
    assert page.get_by_label("Your e-mail address").is_visible()
    page.get_by_label("I’d like a reply by e-mail").uncheck()
    axe(page)

    page.get_by_role("button", name="Send feedback").click()
    assert page.locator(".error-summary").is_visible()
    axe(page)
    page.locator(".error-summary a").first.click()
    assert page.evaluate("document.activeElement.name") == "topic"

    code = send_feedback(page, "Please caption the videos.")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy the code").click()
    expect(page.locator(".receipt-copy-status")).to_contain_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == code
    axe(page)

    page.goto("/feedback/receipt/")
    axe(page)
    page.get_by_role("button", name="Open my feedback").click()
    assert page.locator(".error-summary").is_visible()
    axe(page)
    page.get_by_label("Your receipt code").fill(code)
    page.get_by_role("button", name="Open my feedback").click()
    assert "Please caption the videos." in page.content()
    axe(page)
    page.get_by_role("button", name="Send my answer").click()
    assert page.locator(".error-summary").is_visible()
    axe(page)


def test_the_form_and_the_code_fit_a_320_px_screen(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/feedback/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    send_feedback(page, "Small screens matter.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
