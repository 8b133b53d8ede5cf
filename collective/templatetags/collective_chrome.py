"""Parts of pages that are the same for everyone in the same situation, rendered once per
process: `{% site_header %}`, `{% site_footer %}` and `{% kept %}…{% endkept %}`.

The header (the site's name, the navigation, sign in or out, the language picker) and the footer
cost a page two dozen translated strings and a dozen reversed URLs, a large part of a cached
page's time. What they show depends only on the language, whether the visitor is signed in (and
is staff), which section of the navigation is the current page, and the settings: the markup is
kept in memory under those, with markers where each request's own values go (its CSRF token, and
the address the language picker returns to), filled in on every request. Nothing about the person
is kept. With DEBUG on, they are rendered afresh, so that an edited template shows at once.

`{% kept signed_in=user.is_authenticated %}…{% endkept %}` does the same for a part of a page
(its introduction, its fixed lists of links): rendered once per process for each language and
each set of the values named, and given nothing else. The request, the user and the CSRF token
are out of its reach, so nothing personal can be kept by mistake: a part that needs them stays
outside the tag.

`kept_page(request, version, key, template_name, context)` keeps a whole page the same way:
one that is the same for everyone in the same situation, but for the CSRF token, the address the
language picker returns to and the messages waiting for the person, which each request fills in.
"""

import itertools

from django import template
from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.base import token_kwargs
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from collective.context_processors import portal
from collective.lib.memory import Kept

register = template.Library()

_CSRF_MARKER = "site-chrome-csrf-marker"
_NEXT_MARKER = "site-chrome-next-marker"
_CSRF_INPUT = f'<input type="hidden" name="csrfmiddlewaretoken" value="{_CSRF_MARKER}">'
_MESSAGES_MARKER = "<!--site-chrome-messages-->"
_rendered = Kept(256)
_serials = itertools.count()


def _remembered(key, render):
    """render(), kept under `key` and the language (afresh each time with DEBUG on)."""
    if settings.DEBUG:
        return render()
    return _rendered.get_or_build((*key, get_language(), get_script_prefix()), render)


def _kept(key, template_name, values):
    return _remembered(
        (template_name, settings.CONTACT_EMAIL, *key),
        lambda: render_to_string(template_name, {**portal(None), **values}),
    )


def _csrf_input(context):
    # What {% csrf_token %} would have written here.
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":
        return ""
    return _CSRF_INPUT.replace(_CSRF_MARKER, escape(str(token)))


@register.simple_tag(takes_context=True)
def site_header(context):
    request = context.get("request")
    user = context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    is_staff = signed_in and user.is_staff
    nav_urls = [url for _label, url in portal(None)["portal_nav"]]
    current_url = request.path if request is not None and request.path in nav_urls else None
    html = _kept(
        (signed_in, is_staff, current_url),
        "includes/_site_header.html",
        {
            "signed_in": signed_in,
            "is_staff": is_staff,
            "current_url": current_url,
            "csrf_token": _CSRF_MARKER,
            "next_path": _NEXT_MARKER,
        },
    )
    html = html.replace(_CSRF_INPUT, _csrf_input(context))
    if not context.get("kept_page"):  # else filled in by kept_page(), for each request
        html = html.replace(_NEXT_MARKER, _next_path(request))
    return mark_safe(html)


def _next_path(request):
    return escape(request.get_full_path()) if request is not None else ""


@register.simple_tag(takes_context=True)
def site_messages(context):
    """The messages waiting for the person; in a page being kept (kept_page), a marker."""
    if context.get("kept_page"):
        return mark_safe(_MESSAGES_MARKER)
    return _messages_html(context.get("messages"))


def _messages_html(messages):
    if not messages:
        return ""
    return render_to_string("includes/_messages.html", {"messages": messages})


def kept_page(request, version, key, template_name, context, *, fill=None):
    """A whole page, rendered once per process for the data `version` of what it shows
    (collective.lib.versions), `key` and the situation (the language, the path, whether the
    person is signed in and staff), with markers where each request's own values go: the CSRF
    token, the address the language picker returns to, the messages. With no version (the
    cache is down) the page is rendered afresh and not kept.

    `context()` gives the page's context when it is rendered; `key` must name everything else
    it depends on, and neither may hold anything personal: the page is shown to everyone in the
    same situation. `fill(html)`, when given, adds what is the person's own (their state on the
    surveys list) to each request's copy.
    """
    if version is None:
        html = render_to_string(template_name, context(), request=request)
        return HttpResponse(fill(html) if fill else html)
    user = request.user
    signed_in = user.is_authenticated
    situation = (template_name, request.path, signed_in, signed_in and user.is_staff)

    def render():
        markers = {"kept_page": True, "csrf_token": _CSRF_MARKER, "messages": ()}
        return render_to_string(template_name, {**context(), **markers}, request=request)

    html = _remembered(("kept-page", *situation, version, *key), render)
    html = html.replace(_NEXT_MARKER, _next_path(request))
    if _CSRF_INPUT in html:
        html = html.replace(_CSRF_INPUT, _csrf_input({"csrf_token": get_token(request)}))
    html = html.replace(_MESSAGES_MARKER, _messages_html(get_messages(request)), 1)
    return HttpResponse(fill(html) if fill else html)


@register.simple_tag
def site_footer():
    return mark_safe(_kept((), "includes/_site_footer.html", {}))


class KeptNode(template.Node):
    def __init__(self, nodelist, values):
        self.nodelist = nodelist
        self.values = values
        self.serial = next(_serials)  # each {% kept %} of each template parsed: its own entries

    def render(self, context):
        values = {name: value.resolve(context) for name, value in self.values.items()}
        key = (self.serial, tuple(sorted(values.items())))
        return _remembered(key, lambda: self.nodelist.render(context.new(values)))


@register.tag
def kept(parser, token):
    bits = token.split_contents()[1:]
    values = token_kwargs(bits, parser)
    if bits:
        raise template.TemplateSyntaxError("{% kept %} takes only name=value pairs")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, values)
