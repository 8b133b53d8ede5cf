from django.conf import settings
from django.urls import reverse

from collective.lib.apps import portal_apps


def portal(request):
    nav = [(config.nav[0], reverse(config.nav[1])) for config in portal_apps() if config.nav]
    footer = [
        (config.footer[0], reverse(config.footer[1])) for config in portal_apps() if config.footer
    ]
    return {"portal_nav": nav, "portal_footer": footer, "contact_email": settings.CONTACT_EMAIL}
