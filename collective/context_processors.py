import functools

from django.conf import settings
from django.urls import get_script_prefix, reverse

from collective.lib.apps import portal_apps


@functools.lru_cache(maxsize=8)
def _links(script_prefix):
    """The navigation and footer links, reversed once per process (they never change)."""
    nav = [(config.nav[0], reverse(config.nav[1])) for config in portal_apps() if config.nav]
    footer = [
        (config.footer[0], reverse(config.footer[1])) for config in portal_apps() if config.footer
    ]
    return nav, footer


def portal(request):
    nav, footer = _links(get_script_prefix())
    return {"portal_nav": nav, "portal_footer": footer, "contact_email": settings.CONTACT_EMAIL}
