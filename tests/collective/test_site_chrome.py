"""The header and footer are kept in memory once per situation, and every request still gets
its own CSRF token, its own return address and the right links (collective_chrome)."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NEXT = re.compile(r'name="next" value="([^"]*)"')


def _header(response):
    html = response.content.decode()
    return html[html.index('<header class="site-header') : html.index("</header>")]


def test_each_request_gets_its_own_working_csrf_token():
    client = Client(enforce_csrf_checks=True)
    first = TOKEN.findall(_header(client.get("/library/")))
    second = TOKEN.findall(_header(client.get("/library/")))
    assert len(first) == len(second) == 1  # the language picker; a visitor has no sign-out form
    assert first != second  # masked afresh each time, as {% csrf_token %} does

    data = {"language": "pl", "next": "/library/", "csrfmiddlewaretoken": second[0]}
    response = client.post("/i18n/setlang/", data)
    assert response.status_code == 302


def test_a_member_gets_a_token_in_both_forms_and_can_sign_out(member):
    client = Client(enforce_csrf_checks=True)
    client.get("/library/")  # the visitor's header is kept first
    client.force_login(member)
    header = _header(client.get("/library/"))
    tokens = TOKEN.findall(header)
    assert len(tokens) == 2 and "Sign out" in header and "Sign in" not in header
    assert "Staff admin" not in header
    response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": tokens[0]})
    assert response.status_code == 302
    assert "Sign in" in _header(client.get("/library/"))


def test_staff_see_the_admin_link(client, superuser):
    client.force_login(superuser)
    assert "Staff admin" in _header(client.get("/library/"))


def test_the_picker_returns_to_this_page_escaped(client):
    header = _header(client.get('/library/?q="><script>alert(1)</script>'))
    assert NEXT.findall(header) == ["/library/?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"]
    assert "<script>" not in header
    assert NEXT.findall(_header(client.get("/feedback/"))) == ["/feedback/"]


def test_only_the_current_section_is_marked(client):
    current = re.findall(r'<a href="([^"]+)" aria-current="page"', _header(client.get("/library/")))
    assert current == ["/library/"]
    assert 'aria-current="page"' not in _header(client.get("/about/"))


def test_the_header_and_footer_follow_the_language(client):
    client.get("/library/")  # English kept first
    html = client.get("/library/", HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "Zmień język" in html  # "Change language"
    assert "Change language" not in html


def test_a_kept_part_is_given_only_its_own_values_and_varies_with_them(rf, member):
    from django.template import RequestContext, Template

    template = Template(
        "{% load i18n collective_chrome %}"
        "{% kept signed_in=user.is_authenticated %}{{ user.email }}|{{ signed_in }}|"
        '{% translate "Change language" %}{% endkept %}'
    )
    request = rf.get("/")
    request.user = member
    assert template.render(RequestContext(request, {"user": member})) == "|True|Change language"
    with translation.override("pl"):
        assert template.render(RequestContext(request, {"user": member})) == "|True|Zmień język"
    request.user = AnonymousUser()
    assert (
        template.render(RequestContext(request, {"user": request.user})) == "|False|Change language"
    )
