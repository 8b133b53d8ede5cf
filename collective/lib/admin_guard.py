"""No server error from any admin input: three gaps in Django's admin, closed for every ModelAdmin.

Applied once at start-up (CollectiveConfig.ready), so every app's admin, present and future, is
covered without each having to remember a mixin:

- An autocomplete field re-rendered with a value that is not an id (`resource=abc` on a form
  with errors) made the widget filter `pk__in=["abc"]`: ValueError, a 500. Values that are not
  valid ids are now left out, so the form shows with its "Select a valid choice" message.
- An action posted with `_selected_action=abc` made the changelist filter on it: a 500. Such a
  request now gets a 400.
- A date hierarchy given a year too large for a date (`starts_at__year=99999999999`) raised
  OverflowError, which the changelist does not catch (it catches ValueError): a 500. It is now
  an incorrect lookup, like any other bad filter value: the list opens with "?e=1".
- An inline formset's TOTAL_FORMS is believed up to 2,000 forms (Django's absolute_max), so
  `sections-TOTAL_FORMS=1000000` built and rendered 2,000 forms. Inlines are now capped at
  ADMIN_MAX_INLINE_FORMS; more is answered with the form and "Please submit at most … forms".
"""

from django.conf import settings
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters, InlineModelAdmin, ModelAdmin
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import BadRequest, ValidationError

DEFAULT_MAX_INLINE_FORMS = 200


def _valid_for(field, value):
    try:
        field.to_python(value)
    except (ValidationError, ValueError, TypeError):
        return False
    return True


_GUARDS = []


def _patch(owner, name):
    """Register the decorated function, which wraps the original `owner.name`; install() puts
    the wrapper in its place."""

    def register(wrap):
        _GUARDS.append((owner, name, wrap))
        return wrap

    return register


@_patch(AutocompleteMixin, "optgroups")
def _guard_autocomplete(original):
    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        target = remote.model._meta.get_field(
            getattr(remote, "field_name", None) or remote.model._meta.pk.name
        )
        value = [v for v in value if v in (None, "") or _valid_for(target, str(v))]
        return original(self, name, value, attr)

    return optgroups


@_patch(ModelAdmin, "response_action")
def _guard_actions(original):
    def response_action(self, request, queryset):
        pk = self.model._meta.pk
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(_valid_for(pk, value) for value in selected):
            raise BadRequest("An action was sent for items that are not ids.")
        return original(self, request, queryset)

    return response_action


@_patch(ChangeList, "get_filters")
def _guard_date_hierarchy(original):
    def get_filters(self, request):
        try:
            return original(self, request)
        except OverflowError as exc:
            raise IncorrectLookupParameters(exc) from exc

    return get_filters


@_patch(InlineModelAdmin, "get_formset")
def _cap_inline_formsets(original):
    def get_formset(self, request, obj=None, **kwargs):
        cap = getattr(settings, "ADMIN_MAX_INLINE_FORMS", DEFAULT_MAX_INLINE_FORMS)
        max_num = kwargs.get("max_num", self.get_max_num(request, obj, **kwargs))
        kwargs["max_num"] = cap if max_num is None else min(max_num, cap)
        kwargs.setdefault("absolute_max", cap)
        return original(self, request, obj, **kwargs)

    return get_formset


def install():
    """Every guard in place, once: a second call (tests) does not wrap a guard again."""
    for owner, name, wrap in _GUARDS:
        original = getattr(owner, name)
        if getattr(original, "_guarded", False):
            continue
        guarded = wrap(original)
        guarded._guarded = True
        setattr(owner, name, guarded)
