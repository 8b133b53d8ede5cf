from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def feedback_retention_days():
    """The retention period, for pages rendered by other apps' views (the privacy notice)."""
    return settings.FEEDBACK_RETENTION_DAYS
