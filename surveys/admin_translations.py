"""A survey's translations in the admin.

"Translations" shows every text of a survey (title, introduction, pages, questions, hints,
messages, rating labels, choices, What we heard) with its original and each language's
translation side by side, flags the missing ones and counts them per language; a survey
manager writes one language's translations on its own page (one language at a time keeps the
form well under Django's limit on the number of fields sent).

The rest of the admin edits the original text only (`OriginalTextForm`), whatever language the
admin itself is shown in: otherwise a survey manager reading the admin in Polish would, by
saving a question, write its Polish column and leave the original behind.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info, gettext, ngettext

from collective.lib import audit
from surveys.content_languages import ORIGINAL, column, original_language, translation_languages
from surveys.models import Findings, Survey
from surveys.selectors import survey_structure


class OriginalTextForm(forms.ModelForm):
    """A ModelForm that shows and saves a translated model's original text (the default
    language's columns), whatever language is active."""

    def __init__(self, *args, **kwargs):
        with original_language():
            super().__init__(*args, **kwargs)

    def _post_clean(self):
        with original_language():
            super()._post_clean()

    def save(self, commit=True):
        with original_language():
            return super().save(commit)


@dataclass
class Part:
    """One text of the survey: `field` on `objects` (a choices' heading is on each choice)."""

    key: str
    label: str
    field: str
    objects: list

    def text(self, language):
        return getattr(self.objects[0], column(self.field, language)) or ""

    @property
    def original(self):
        return self.text(ORIGINAL)

    @property
    def model_field(self):
        return self.objects[0]._meta.get_field(self.field)


def _parts_of(obj, prefix, labels):
    return [
        Part(f"{prefix}-{field}", label, field, [obj])
        for field, label in labels
        if getattr(obj, column(field, ORIGINAL))
    ]


def _question_parts(question):
    n = question.number
    parts = _parts_of(
        question,
        f"question-{question.pk}",
        [
            ("text", gettext("Question %(n)s") % {"n": n}),
            ("help_text", gettext("Question %(n)s: hint") % {"n": n}),
            ("required_message", gettext("Question %(n)s: message when left empty") % {"n": n}),
            ("min_label", gettext("Question %(n)s: label of the lowest rating") % {"n": n}),
            ("max_label", gettext("Question %(n)s: label of the highest rating") % {"n": n}),
        ],
    )
    groups = {}
    for m, choice in enumerate(question.choices.all(), start=1):
        label = gettext("Question %(n)s, choice %(m)s") % {"n": n, "m": m}
        parts += _parts_of(choice, f"choice-{choice.pk}", [("text", label)])
        heading = getattr(choice, column("group", ORIGINAL))
        if heading:
            groups.setdefault(heading, []).append(choice)
    for choices in groups.values():
        label = gettext("Question %(n)s, heading of choices") % {"n": n}
        parts.append(Part(f"group-{choices[0].pk}", label, "group", choices))
    return parts


def survey_parts(survey):
    """Every text of the survey, in the order a respondent meets them."""
    structure = survey_structure(survey)
    parts = _parts_of(
        survey,
        f"survey-{survey.pk}",
        [("title", gettext("Survey title")), ("intro", gettext("Survey introduction"))],
    )
    for number, section in enumerate(structure.sections, start=1):
        parts += _parts_of(
            section,
            f"section-{section.pk}",
            [
                ("title", gettext("Page %(n)s: title") % {"n": number}),
                ("intro", gettext("Page %(n)s: introduction") % {"n": number}),
            ],
        )
        for question in section.question_list:
            parts += _question_parts(question)
    findings = Findings.objects.filter(survey=survey).first()
    if findings is not None:
        parts += _parts_of(
            findings,
            f"findings-{findings.pk}",
            [
                ("summary", gettext("What we heard: summary")),
                ("actions", gettext("What we heard: what we will do")),
            ],
        )
    return parts


def missing_counts(parts):
    """[(code, name, number of parts with no translation)] for each translation language."""
    return [
        (code, name, sum(1 for part in parts if not part.text(code)))
        for code, name in translation_languages()
    ]


def in_its_own_words(code):
    """A language's name as its speakers write it, marked as that language (WCAG 3.1.2): a
    screen reader says "Polski" in Polish, whatever language the admin is shown in."""
    return format_html('<span lang="{}">{}</span>', code, dict(settings.LANGUAGES)[code])


class TranslationsForm(forms.Form):
    """One language's translations of every part, each box named after its part."""

    def __init__(self, *args, parts, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.parts, self.language = parts, language
        direction = "rtl" if get_language_info(language)["bidi"] else "ltr"
        for part in parts:
            model_field = part.model_field
            long = isinstance(model_field, models.TextField)
            attrs = {"lang": language, "dir": direction}
            self.fields[part.key] = forms.CharField(
                # The language's name in its own words and `lang`, as on the overview.
                label=mark_safe(  # the part's label is escaped; the name comes from format_html
                    gettext("%(part)s in %(language)s")
                    % {"part": escape(part.label), "language": in_its_own_words(language)}
                ),
                required=False,
                max_length=None if long else model_field.max_length,
                initial=part.text(language),
                widget=forms.Textarea(attrs={**attrs, "rows": 3})
                if long
                else forms.TextInput(attrs={**attrs, "size": 60}),
            )

    def save(self):
        """Write the changed translations (an emptied box clears one). Returns how many."""
        changed, count = {}, 0
        for part in self.parts:
            value = self.cleaned_data[part.key].strip()
            if value == part.text(self.language):
                continue
            count += 1
            name = column(part.field, self.language)
            for obj in part.objects:
                setattr(obj, name, value or None)
                changed.setdefault(obj, []).append(name)
        with transaction.atomic():
            for obj, fields in changed.items():
                obj.save(update_fields=fields)  # each save moves the survey's cached structure on
        return count


class SurveyTranslationsMixin:
    """The "Translations" pages of SurveyAdmin."""

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path(
                "<path:object_id>/translations/",
                view(self.translations_view),
                name="surveys_survey_translations",
            ),
            path(
                "<path:object_id>/translations/<str:language>/",
                view(self.translations_view),
                name="surveys_survey_translations_edit",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        response = super().render_change_form(request, context, add, change, form_url, obj)
        if obj is not None and obj.pk:  # a saved survey's page links to its translations
            response.template_name = "surveys/admin/survey_change_form_languages.html"
        return response

    def translations_view(self, request, object_id, language=None):
        editing = language is not None
        allowed = self.has_change_permission if editing else self.has_view_permission
        if not allowed(request):
            raise PermissionDenied
        if not object_id.isdigit() or (editing and language not in dict(translation_languages())):
            raise Http404("No such survey or language.")
        survey = get_object_or_404(Survey, pk=object_id)
        parts = survey_parts(survey)
        form = None
        if editing:
            data = request.POST if request.method == "POST" else None
            form = TranslationsForm(data, parts=parts, language=language)
            if form.is_valid():
                return self._translations_saved(request, survey, form)
        return TemplateResponse(
            request,
            "surveys/admin/translations.html",
            self._translations_context(request, survey, parts, form),
        )

    def _translations_saved(self, request, survey, form):
        count = form.save()
        name = dict(settings.LANGUAGES)[form.language]
        if count:
            audit.record(request, survey, f"Changed {count} translation(s) into {name}.")
        self.message_user(
            request,
            ngettext(
                "%(count)s translation into %(language)s saved.",
                "%(count)s translations into %(language)s saved.",
                count,
            )
            % {"count": count, "language": name},
            messages.SUCCESS,
        )
        return redirect("admin:surveys_survey_translations", survey.pk)

    def _translations_context(self, request, survey, parts, form):
        languages = [
            {"code": code, "name": name, "bidi": get_language_info(code)["bidi"]}
            for code, name in translation_languages()
        ]
        rows = [
            {
                "part": part,
                "bound": form[part.key] if form is not None else None,
                "cells": [
                    {**language, "text": part.text(language["code"])} for language in languages
                ],
            }
            for part in parts
        ]
        title = gettext("Translations: %(title)s") % {"title": survey.title}
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "survey": survey,
            "original_name": in_its_own_words(ORIGINAL),
            "languages": languages,
            "missing": [
                (code, in_its_own_words(code), count)
                for code, _name, count in missing_counts(parts)
            ],
            "part_count": len(parts),
            "rows": rows,
            "form": form,
            "editing": form.language if form is not None else None,
            "can_change": self.has_change_permission(request),
            "opts": self.model._meta,
            "original": survey,
        }
