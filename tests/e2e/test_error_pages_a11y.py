"""The 400, 405 and 413 pages pass axe, and reflow at 320 px, like every other page."""

import pytest
from django.test import Client

pytestmark = pytest.mark.browser


def check(page, axe, heading):
    assert page.locator("h1").inner_text() == heading
    axe(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_400_page(page, axe):
    response = page.goto("/surveys/link/%00/")
    assert response.status == 400
    check(page, axe, "We could not read that request")


def test_405_page(page, axe):
    response = page.goto("/feedback/receipt/reply/")  # a form's target, opened as a page
    assert response.status == 405
    check(page, axe, "This page cannot be used that way")


def test_413_page(page, axe, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = Client().post("/feedback/", {"message": "x" * 2000})
    assert response.status_code == 413
    page.goto("/")  # the same origin, so the page's own style sheets load
    page.set_content(response.content.decode())
    check(page, axe, "That was too much to send at once")
