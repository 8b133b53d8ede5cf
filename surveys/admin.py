"""The survey builder: survey → sections (pages) → questions → choices, each a page of its own
linked from the one above (the admin has no nested inlines), plus publishing, invitations,
duplication and retention as actions."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Q, Subquery
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from collective.lib import audit
from collective.lib.adminscale import CappedInlineMixin, LatestRelatedFilter
from surveys import services
from surveys.forms import InvitationForm
from surveys.models import Choice, InvitationSend, Question, SealedResponse, Section, Survey


class SectionInline(CappedInlineMixin, admin.TabularInline):
    model = Section
    cap = 100
    verbose_name_plural = "sections (the first 100: the sections list has every one)"
    inline_select_related = ["survey"]
    fields = ["position", "title", "intro"]
    extra = 0
    show_change_link = True


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "mode", "audience", "opens_at", "closes_at", "responses"]
    list_filter = ["status", "mode", "audience"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["links"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "intro", "status", "links"]}),
        ("Who and when", {"fields": ["audience", "mode", "opens_at", "closes_at"]}),
        ("Results", {"fields": ["threshold"]}),
    ]
    inlines = [SectionInline]
    actions = ["publish", "close", "duplicate", "send_invitation", "delete_responses"]

    def get_queryset(self, request):
        waiting = (
            SealedResponse.objects.filter(survey=OuterRef("pk"))
            .values("survey")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(response_count=Count("responses"), waiting_count=Subquery(waiting))
        )

    @admin.display(ordering="response_count")
    def responses(self, survey):
        # Anonymous answers wait sealed until a batch is released into the results.
        if survey.waiting_count:
            return f"{survey.response_count} ({survey.waiting_count} waiting for release)"
        return survey.response_count

    @admin.display(description="Links")
    def links(self, survey):
        if not survey.pk:
            return "Save the survey first."
        return format_html(
            '<a href="{}">Preview as a respondent</a> · <a href="{}">Results</a> · '
            "Address to share: <code>{}</code>",
            reverse("surveys:survey-preview", args=[survey.slug, 1]),
            reverse("surveys:survey-results", args=[survey.slug]),
            survey.share_path(),
        )

    @admin.action(description="Publish the selected surveys", permissions=["change"])
    def publish(self, request, queryset):
        for survey in queryset:
            try:
                services.survey_publish(survey=survey)
            except ValidationError as error:
                self.message_user(request, error.messages[0], messages.ERROR)
            else:
                audit.record(request, survey, "Published")
                self.message_user(request, f"“{survey}” is published.")

    @admin.action(description="Close the selected surveys", permissions=["change"])
    def close(self, request, queryset):
        for survey in queryset:
            services.survey_close(survey=survey)
            audit.record(request, survey, "Closed")
        self.message_user(request, f"{queryset.count()} survey(s) closed.")

    @admin.action(description="Duplicate the selected surveys", permissions=["add"])
    def duplicate(self, request, queryset):
        for survey in queryset:
            copy = services.survey_duplicate(survey=survey)
            audit.record(request, copy, f"Created as a copy of “{survey}”", flag=audit.ADDITION)
            audit.record(request, survey, f"Duplicated as “{copy}”")
            self.message_user(request, f"“{copy}” is a draft copy of “{survey}”.")

    @admin.action(
        description="Delete all responses (closed surveys only; participation is kept)",
        permissions=["delete"],
    )
    def delete_responses(self, request, queryset):
        for survey in queryset:
            try:
                deleted = services.survey_delete_responses(survey=survey)
            except ValidationError as error:
                self.message_user(request, error.messages[0], messages.ERROR)
            else:
                audit.record(request, survey, f"Deleted all responses ({deleted})")
                self.message_user(request, f"Deleted {deleted} response(s) of “{survey}”.")

    @admin.action(description="Send an invitation or a reminder…", permissions=["invite"])
    def send_invitation(self, request, queryset):
        form = InvitationForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            for survey in queryset:
                try:
                    services.invitation_send_start(
                        survey=survey,
                        kind=form.cleaned_data["kind"],
                        group=form.cleaned_data["group"],
                        by=request.user,
                    )
                except ValidationError as error:
                    self.message_user(request, error.messages[0], messages.ERROR)
                else:
                    kind = form.cleaned_data["kind"]
                    audit.record(
                        request, survey, f"Started sending: {kind} to {form.cleaned_data['group']}"
                    )
                    self.message_user(request, f"Sending for “{survey}” has started.")
            return None
        ctx = {
            **self.admin_site.each_context(request),
            "title": "Send an invitation or a reminder",
            "surveys": queryset,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "surveys/admin/send_invitation.html", ctx)

    def has_invite_permission(self, request):
        return request.user.has_perm("surveys.add_invitationsend")


class QuestionInline(CappedInlineMixin, admin.TabularInline):
    model = Question
    cap = 100
    verbose_name_plural = "questions (the first 100: the questions list has every one)"
    inline_select_related = ["section"]
    fields = ["position", "text", "kind", "required"]
    extra = 0
    show_change_link = True


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "survey", "position"]
    list_filter = [("survey", LatestRelatedFilter)]
    list_select_related = ["survey"]
    search_fields = ["title", "survey__title"]
    # A search box, not a <select> of every survey ever made.
    autocomplete_fields = ["survey"]
    inlines = [QuestionInline]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for question in formset.new_objects + [obj for obj, _ in formset.changed_objects]:
            services.question_prepare(question=question)


class ChoiceInline(CappedInlineMixin, admin.TabularInline):
    model = Choice
    cap = 100
    verbose_name_plural = "choices (the first 100)"
    inline_select_related = ["question"]
    fields = ["position", "text", "group", "is_other", "is_prefer_not_to_say"]
    extra = 0


def _order(section, position, pk):
    """Where a question comes in its survey; a question not saved yet comes last."""
    return (section.position, section.pk, position or 0, pk or float("inf"))


class QuestionAdminForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = [
            "section",
            "position",
            "text",
            "help_text",
            "kind",
            "required",
            "min_value",
            "max_value",
            "min_label",
            "max_label",
            "show_if_question",
            "show_if_choices",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        section = self.instance.section if self.instance.section_id else None
        if section is not None:
            self.fields["show_if_question"].queryset = Question.objects.filter(
                section__survey=section.survey_id, kind__in=Question.CHOICE_KINDS
            ).exclude(pk=self.instance.pk)
            self.fields["show_if_choices"].queryset = Choice.objects.filter(
                question__section__survey=section.survey_id
            ).select_related("question")

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_value"), cleaned.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error("max_value", "The highest value must not be below the lowest.")
        if cleaned.get("kind") == Question.Kind.RATING and (high or 5) - (low or 1) > 20:
            self.add_error("max_value", "A rating scale has at most 21 points.")
        self._clean_condition(cleaned)
        return cleaned

    def _clean_condition(self, cleaned):
        condition, choices = cleaned.get("show_if_question"), cleaned.get("show_if_choices")
        section = cleaned.get("section")
        if condition is None:
            if choices:
                self.add_error("show_if_question", "Choose the question these answers belong to.")
            return
        if condition.kind not in Question.CHOICE_KINDS:
            self.add_error("show_if_question", "A condition can only use a choice question.")
        if section is not None:
            theirs = _order(condition.section, condition.position, condition.pk)
            mine = _order(section, cleaned.get("position"), self.instance.pk)
            if condition.section.survey_id != section.survey_id or theirs >= mine:
                self.add_error("show_if_question", "Choose an earlier question of this survey.")
        if not choices:
            self.add_error("show_if_choices", "Choose the answers that show this question.")
        elif any(choice.question_id != condition.pk for choice in choices):
            self.add_error("show_if_choices", "Choose answers of the question chosen above.")


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    form = QuestionAdminForm
    list_display = ["text", "kind", "required", "section", "survey"]
    list_filter = ["kind", ("section__survey", LatestRelatedFilter)]
    list_select_related = ["section__survey"]
    search_fields = ["text", "section__survey__title"]
    filter_horizontal = ["show_if_choices"]
    # A search box, not a <select> of every section of every survey.
    autocomplete_fields = ["section"]
    inlines = [ChoiceInline]
    fieldsets = [
        (None, {"fields": ["section", "position", "text", "help_text", "kind", "required"]}),
        (
            "Rating scale and number",
            {"fields": ["min_value", "max_value", "min_label", "max_label"]},
        ),
        ("Show only if…", {"fields": ["show_if_question", "show_if_choices"]}),
    ]

    @admin.display(ordering="section__survey__title")
    def survey(self, question):
        return question.section.survey

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.question_prepare(question=form.instance)


@admin.register(InvitationSend)
class InvitationSendAdmin(admin.ModelAdmin):
    """A record of each send. New sends start from the survey list's action."""

    list_display = ["survey", "kind", "group", "created_on", "created_by", "recipients_sent"]
    list_filter = ["kind", ("survey", LatestRelatedFilter)]
    list_select_related = ["survey", "group", "created_by"]
    search_fields = ["survey__title"]
    readonly_fields = ["survey", "kind", "group", "created_on", "created_by"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                sent=Count("recipients", filter=~Q(recipients__sent_on=None)),
                total=Count("recipients"),
            )
        )

    @admin.display(description="e-mailed")
    def recipients_sent(self, send):
        return f"{send.sent} of {send.total}"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# "What we heard" lives in its own module; importing it here registers it with the admin.
from surveys import admin_findings  # noqa: E402, F401
