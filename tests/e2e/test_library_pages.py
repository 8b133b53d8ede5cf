"""Library pages in a real browser: the borrowing flow end to end, and axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from library import services
from tests.factories import UserFactory
from tests.library.factories import BookFactory, ResourceFactory, ThemeFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def catalogue(transactional_db):
    theme = ThemeFactory(name="Structural racism", slug="structural-racism")
    book = BookFactory(
        title="Natives: Race and Class in the Ruins of Empire",
        creators="Akala",
        description="Growing up in Britain, and the legacy of empire.",
        themes=[theme],
    )
    ResourceFactory(title="The danger of a single story", kind="video", themes=[theme])
    ResourceFactory(title="موسم الهجرة إلى الشمال", creators="الطيب صالح", language="ar")
    return book


def test_a_member_borrows_a_book_by_post_renews_it_and_a_curator_marks_it_returned(
    page, browser, live_server, login_page, catalogue
):
    member = UserFactory(email="reader@example.org", display_name="Rae")
    curator = UserFactory(email="desk@example.org", groups=["Library curators"])
    login_page(page, member)

    # The member finds the book by searching.
    page.goto("/library/")
    page.get_by_label("Search the library").fill("akala empire")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=catalogue.title).click()
    expect(page.locator("h1")).to_have_text(catalogue.title)
    expect(page.get_by_text("Available now:")).to_be_visible()

    # ... and asks for it by post.
    page.get_by_role("link", name="Ask to borrow this book").click()
    page.get_by_label("Post it to me").check()
    page.get_by_label("Postal address").fill("12 Example Street\nLeeds LS1 1AA")
    page.get_by_role("button", name="Ask to borrow").click()
    expect(page.get_by_text("a copy is held for you while a curator checks")).to_be_visible()

    # A curator approves it at the desk in the admin, then posts it.
    desk_context = browser.new_context(base_url=live_server.url)
    desk = desk_context.new_page()
    login_page(desk, curator)

    def desk_action(label):
        desk.goto("/admin/library/loan/?desk=all")
        desk.get_by_role("button", name=f"{label} “{catalogue.title}” for Rae").click()
        expect(desk.locator(".messagelist")).to_contain_text(f"“{catalogue.title}”")

    desk_action("Approve")
    page.goto("/library/my-loans/")
    expect(page.get_by_text("we will post it to you soon")).to_be_visible()

    desk_action("Posted")
    page.goto("/library/my-loans/")
    page.get_by_role("link", name=catalogue.title).click()
    expect(page.locator(".lead")).to_contain_text("on loan, due back on")
    expect(page.get_by_text("12 Example Street")).to_be_visible()

    # The member renews it.
    page.get_by_role("button", name=re.compile("Renew for")).click()
    expect(page.get_by_text("Renewed: please return it by")).to_be_visible()

    # The curator marks it returned; the address is gone and it is in the member's history.
    desk_action("Returned")
    page.goto("/library/my-loans/")
    expect(page.get_by_text("returned on")).to_be_visible()
    page.get_by_role("link", name=catalogue.title).click()
    expect(page.get_by_text("12 Example Street")).to_have_count(0)
    desk_context.close()


def test_every_library_page_passes_axe(page, axe, login_page, catalogue):
    paths = [
        "/library/",
        "/library/?q=empire",
        "/library/?q=zzzz-nothing",
        "/library/?kind=video&theme=structural-racism",
        "/library/?language=ar",
        catalogue.get_absolute_url(),
        "/library/suggest/",
    ]
    for path in paths:
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        axe(page)

    # The suggestion form with errors: the summary links to the first field to fix.
    page.goto("/library/suggest/")
    page.get_by_label("Title").fill("Something")
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("Something")
    axe(page)

    member = UserFactory(email="axe@example.org")
    services.loan_request(resource=catalogue, borrower=member)
    login_page(page, member)
    for path in ["/library/my-loans/", catalogue.get_absolute_url()]:
        page.goto(path)
        axe(page)
    page.get_by_role("link", name="See your request").click()
    axe(page)

    other = BookFactory(title="So You Want to Talk About Race")
    page.goto(f"/library/resources/{other.pk}/borrow/")
    page.get_by_label("Post it to me").check()
    page.get_by_role("button", name="Ask to borrow").click()
    expect(page.locator(".error-summary")).to_be_visible()
    axe(page)


def test_search_and_suggestions_work_without_javascript(nojs_page, catalogue):
    page = nojs_page
    page.goto("/library/")
    page.get_by_label("Kind").select_option(label="Video")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="The danger of a single story")).to_be_visible()
    expect(page.get_by_role("link", name=catalogue.title)).to_have_count(0)

    page.goto("/library/")
    page.get_by_role("search", name="Find resources").get_by_label("Language").select_option(
        label="Arabic"
    )
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"language=ar"))
    arabic = page.get_by_role("link", name="موسم الهجرة إلى الشمال")
    expect(arabic).to_have_attribute("lang", "ar")
    expect(page.get_by_role("link", name=catalogue.title)).to_have_count(0)
    arabic.click()
    expect(page.locator("dl")).to_contain_text("Arabic")

    page.goto("/library/suggest/")
    page.get_by_label("Title").fill("Black Skin, White Masks")
    page.get_by_label("What kind of resource is it?").select_option(label="Book")
    page.get_by_label("Why do you recommend it?").fill("A classic.")
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.get_by_text("Thank you for your suggestion")).to_be_visible()


@pytest.mark.parametrize("path", ["/library/", "/library/suggest/"])
def test_no_sideways_scrolling_at_320_px(page, catalogue, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
