"""A survey's pages and questions in the admin: a page's title and introduction, and a
question's own form with its choices and its show-if rule. Both return to the survey's builder
(surveys.admin) once saved. Registered by surveys.admin.
"""

from django import forms
from django.contrib import admin
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from collective.lib.admin_widgets import LabelledCappedInlineFormSet
from collective.lib.adminscale import CappedInlineMixin, LatestRelatedFilter
from surveys import services
from surveys.admin_translations import OriginalTextForm
from surveys.builder import builder_url
from surveys.content_languages import every_language
from surveys.models import Choice, Question, Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    """A page's title and introduction. Its questions and its place are set in the builder."""

    form = OriginalTextForm
    list_display = ["title", "survey", "position"]
    list_filter = [("survey", LatestRelatedFilter)]
    list_select_related = ["survey"]
    search_fields = [*every_language("title"), *every_language("title", "survey__")]
    fields = ["survey", "title", "intro"]
    # A search box, not a <select> of every survey ever made.
    autocomplete_fields = ["survey"]

    def get_readonly_fields(self, request, obj=None):
        return ["survey"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        if not change:  # a new page comes last
            obj.position = Section.objects.filter(survey=obj.survey_id).count()
        super().save_model(request, obj, form, change)

    def response_post_save_add(self, request, obj):
        return redirect(builder_url(obj.survey_id, f"page-{obj.pk}"))

    def response_post_save_change(self, request, obj):
        return redirect(builder_url(obj.survey_id, f"page-{obj.pk}"))


class ChoiceInline(CappedInlineMixin, admin.TabularInline):
    model = Choice
    form = OriginalTextForm
    formset = LabelledCappedInlineFormSet  # capped, and each box named
    cap = 100
    verbose_name_plural = _("choices (the first 100)")
    inline_select_related = ["question"]
    fields = ["position", "text", "group", "is_other", "is_prefer_not_to_say"]
    extra = 0


def _order(section, position, pk):
    """Where a question comes in its survey; a question not saved yet comes last."""
    return (section.position, section.pk, position, pk or float("inf"))


class ConditionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, choice):
        return f"{choice.question.text} — {choice.text}"


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, section):
        return f"{section.survey} — {section.title}"


class QuestionAdminForm(OriginalTextForm):
    """A question. Its place is set in the builder (new questions come last on their page)."""

    class Meta:
        model = Question
        fields = [
            "section",
            "text",
            "help_text",
            "kind",
            "required",
            "required_message",
            "min_value",
            "max_value",
            "min_label",
            "max_label",
            "show_if_question",
            "show_if_choices",
        ]
        field_classes = {"section": SectionChoiceField, "show_if_choices": ConditionChoiceField}
        widgets = {"show_if_choices": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        survey_id = self._survey_id()
        self.fields["section"].queryset = Section.objects.select_related("survey")
        if survey_id is None:
            # Conditions need the survey: without it every survey's questions would be listed.
            self.fields["show_if_question"].queryset = Question.objects.none()
            self.fields["show_if_choices"].queryset = Choice.objects.none()
            self.fields["show_if_question"].help_text = gettext(
                "To show this question only after a given answer, add it from its survey’s "
                "“Pages and questions”, or save it and edit it again."
            )
        else:
            self.fields["section"].queryset = self.fields["section"].queryset.filter(
                survey=survey_id
            )
            self.fields["show_if_question"].queryset = Question.objects.filter(
                section__survey=survey_id, kind__in=Question.CHOICE_KINDS
            ).exclude(pk=self.instance.pk)
            self.fields["show_if_choices"].queryset = (
                Choice.objects.filter(question__section__survey=survey_id)
                .select_related("question")
                .order_by("question__section__position", "question__position", "position")
            )

    def _survey_id(self):
        """The survey this question belongs to, or will: the page chosen on the form sent, or
        the page it is added to from the builder (?section=)."""
        if self.instance.section_id:
            return self.instance.section.survey_id
        section = self.data.get("section") if self.is_bound else self.initial.get("section")
        if section and str(section).isdigit():
            return Section.objects.filter(pk=section).values_list("survey", flat=True).first()
        return None

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_value"), cleaned.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error("max_value", gettext("The highest value must not be below the lowest."))
        if cleaned.get("kind") == Question.Kind.RATING and (high or 5) - (low or 1) > 20:
            self.add_error("max_value", gettext("A rating scale has at most 21 points."))
        self._clean_condition(cleaned)
        return cleaned

    def _my_position(self, section):
        """A question that stays on its page keeps its place; otherwise it goes last."""
        if self.instance.pk and self.instance.section_id == section.pk:
            return self.instance.position
        return float("inf")

    def _clean_condition(self, cleaned):
        condition, choices = cleaned.get("show_if_question"), cleaned.get("show_if_choices")
        section = cleaned.get("section")
        if condition is None:
            if choices:
                self.add_error(
                    "show_if_question", gettext("Choose the question these answers belong to.")
                )
            return
        if condition.kind not in Question.CHOICE_KINDS:
            self.add_error(
                "show_if_question", gettext("A condition can only use a choice question.")
            )
        if section is not None:
            theirs = _order(condition.section, condition.position, condition.pk)
            mine = _order(section, self._my_position(section), self.instance.pk)
            if condition.section.survey_id != section.survey_id or theirs >= mine:
                self.add_error(
                    "show_if_question", gettext("Choose an earlier question of this survey.")
                )
        if not choices:
            self.add_error(
                "show_if_choices", gettext("Choose the answers that show this question.")
            )
        elif any(choice.question_id != condition.pk for choice in choices):
            self.add_error(
                "show_if_choices", gettext("Choose answers of the question chosen above.")
            )


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    form = QuestionAdminForm
    list_display = ["text", "kind", "required", "section", "survey"]
    list_filter = ["kind", ("section__survey", LatestRelatedFilter)]
    list_select_related = ["section__survey"]
    search_fields = [*every_language("text"), *every_language("title", "section__survey__")]
    # A search box, not a <select> of every section of every survey.
    autocomplete_fields = ["section"]
    inlines = [ChoiceInline]
    fieldsets = [
        (
            None,
            {"fields": ["section", "text", "help_text", "kind", "required", "required_message"]},
        ),
        (
            _("Rating scale and number"),
            {"fields": ["min_value", "max_value", "min_label", "max_label"]},
        ),
        (_("Show only if…"), {"fields": ["show_if_question", "show_if_choices"]}),
    ]

    @admin.display(description=_("survey"), ordering="section__survey__title")
    def survey(self, question):
        return question.section.survey

    def save_model(self, request, obj, form, change):
        moved = change and "section" in form.changed_data
        super().save_model(request, obj, form, change)
        if not change or moved:
            services.question_place(question=obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.question_prepare(question=form.instance)

    change_form_template = "surveys/admin/question_change_form.html"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        survey_id = context["adminform"].form._survey_id()
        context["builder_url"] = builder_url(survey_id) if survey_id else ""
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_post_save_add(self, request, obj):
        return redirect(builder_url(obj.section.survey_id, f"question-{obj.pk}"))

    def response_post_save_change(self, request, obj):
        return redirect(builder_url(obj.section.survey_id, f"question-{obj.pk}"))
