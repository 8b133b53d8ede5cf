from django import template
from django.conf import settings

register = template.Library()

ALLOWED = {
    "LIBRARY_LOAN_DAYS",
    "LIBRARY_PICKUP_DAYS",
    "LIBRARY_MAX_ACTIVE_LOANS",
    "LIBRARY_MAX_RENEWALS",
    "LIBRARY_ANONYMISE_AFTER_DAYS",
}


@register.simple_tag
def library_setting(name):
    """A lending rule, so that pages state the rules the site actually applies."""
    if name not in ALLOWED:
        raise template.TemplateSyntaxError(f"{name} is not a library rule")
    return getattr(settings, name)
