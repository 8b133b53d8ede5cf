"""Admin widgets every staff group can use with a keyboard and a screen reader.

Django's own admin widgets fail WCAG 2.2 in a few places (axe, issue 13): the split date/time
boxes have no labels, the `filter_horizontal` picker puts ARIA on elements that may not carry
it, and tabular inline rows have column headings but no label on each box. These replace them
with plain HTML controls that work without JavaScript.
"""

from django import forms
from django.db import models
from django.forms.models import BaseInlineFormSet, BaseModelFormSet
from django.utils.translation import gettext

from collective.lib.adminscale import CappedInlineFormSet


class DateInput(forms.DateInput):
    """The browser's own date picker: labelled, keyboard-friendly, no extra JavaScript."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class SplitDateTime(forms.SplitDateTimeWidget):
    """A date box and a time box, each with its own visible label."""

    # An app template: the form renderer looks in apps' templates/, not in templates/.
    template_name = "collective/widgets/split_datetime.html"

    def __init__(self, attrs=None):
        forms.MultiWidget.__init__(self, [DateInput, TimeInput], attrs)


#: formfield_overrides for a ModelAdmin: labelled date and time boxes, and checkboxes instead
#: of the two-list picker for many-to-many fields (use it instead of filter_horizontal).
ACCESSIBLE_FORMFIELDS = {
    models.DateTimeField: {"widget": SplitDateTime},
    models.DateField: {"widget": DateInput},
    models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
}


class _LabelledRows:
    """Give each box of a row of a table of forms a name: "Code, row 2" (a column heading is
    not a label for screen readers)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if index is None:
            row = gettext("new row")
        else:
            row = gettext("row %(number)d") % {"number": index + 1}
        for field in form.fields.values():
            if not field.widget.is_hidden:
                label = field.label or ""
                name = (
                    gettext("%(label)s, %(row)s") % {"label": label, "row": row} if label else row
                )
                field.widget.attrs.setdefault("aria-label", name)


class LabelledInlineFormSet(_LabelledRows, BaseInlineFormSet):
    """For a tabular inline: `formset = LabelledInlineFormSet`."""


class LabelledCappedInlineFormSet(_LabelledRows, CappedInlineFormSet):
    """For a CappedInlineMixin inline (collective.lib.adminscale): capped, and each box named."""


class LabelledModelFormSet(_LabelledRows, BaseModelFormSet):
    """For a changelist with `list_editable`: pass it as `formset` from
    `ModelAdmin.get_changelist_formset`."""
