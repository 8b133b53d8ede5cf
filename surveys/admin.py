"""The survey builder: one page per survey shows its pages and questions, each show-if rule in
words, with up and down buttons (plain POST forms) and links to add, edit and preview. A
question's own form holds its choices. Publishing, invitations, duplication and retention are
actions on the survey list. Every change made here goes to the admin log."""

import re

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from collective.lib import audit
from collective.lib.admin_widgets import ACCESSIBLE_FORMFIELDS
from collective.lib.adminscale import LatestRelatedFilter
from surveys import services
from surveys.admin_translations import OriginalTextForm, SurveyTranslationsMixin
from surveys.builder import builder_url, survey_outline
from surveys.content_languages import every_language
from surveys.forms import InvitationForm
from surveys.models import InvitationSend, Question, SealedResponse, Section, Survey


class PageAddForm(forms.Form):
    title = forms.CharField(label=_("Title of the new page"), max_length=200)


@admin.register(Survey)
class SurveyAdmin(SurveyTranslationsMixin, admin.ModelAdmin):
    form = OriginalTextForm  # the original text; translations on their own page
    list_display = ["title", "builder_link", "status", "mode", "audience", "opens_at", "responses"]
    list_filter = ["status", "mode", "audience"]
    search_fields = [*every_language("title"), "slug"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["links"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "intro", "status", "links"]}),
        (_("Who and when"), {"fields": ["audience", "mode", "opens_at", "closes_at"]}),
        (_("Results"), {"fields": ["threshold"]}),
    ]
    formfield_overrides = ACCESSIBLE_FORMFIELDS
    change_form_template = "surveys/admin/survey_change_form.html"
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

    @admin.display(description=_("responses"), ordering="response_count")
    def responses(self, survey):
        # Anonymous answers wait sealed until a batch is released into the results.
        if survey.waiting_count:
            return gettext("%(count)s (%(waiting)s waiting for release)") % {
                "count": survey.response_count,
                "waiting": survey.waiting_count,
            }
        return survey.response_count

    @admin.display(description=_("pages and questions"))
    def builder_link(self, survey):
        return format_html(
            '<a href="{}" aria-label="{}">{}</a>',
            builder_url(survey.pk),
            gettext("Build “%(title)s”") % {"title": survey.title},
            gettext("Build"),
        )

    @admin.display(description=_("Links"))
    def links(self, survey):
        if not survey.pk:
            return gettext("Save the survey first.")
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a> · {} <code>{}</code>',
            builder_url(survey.pk),
            gettext("Pages and questions"),
            reverse("surveys:survey-preview", args=[survey.slug, 1]),
            gettext("Preview as a respondent"),
            reverse("surveys:survey-results", args=[survey.slug]),
            gettext("Results"),
            gettext("Address to share:"),
            survey.share_path(),
        )

    @admin.action(description=_("Publish the selected surveys"), permissions=["change"])
    def publish(self, request, queryset):
        for survey in queryset:
            try:
                services.survey_publish(survey=survey)
            except ValidationError as error:
                self.message_user(request, error.messages[0], messages.ERROR)
            else:
                audit.record(request, survey, "Published")
                self.message_user(
                    request, gettext("“%(survey)s” is published.") % {"survey": survey}
                )

    @admin.action(description=_("Close the selected surveys"), permissions=["change"])
    def close(self, request, queryset):
        for survey in queryset:
            services.survey_close(survey=survey)
            audit.record(request, survey, "Closed")
        count = queryset.count()
        self.message_user(
            request,
            ngettext("%(count)s survey(s) closed.", "%(count)s survey(s) closed.", count)
            % {"count": count},
        )

    @admin.action(description=_("Duplicate the selected surveys"), permissions=["add"])
    def duplicate(self, request, queryset):
        for survey in queryset:
            copy = services.survey_duplicate(survey=survey)
            audit.record(request, copy, f"Created as a copy of “{survey}”", flag=audit.ADDITION)
            audit.record(request, survey, f"Duplicated as “{copy}”")
            self.message_user(
                request,
                gettext("“%(copy)s” is a draft copy of “%(survey)s”.")
                % {"copy": copy, "survey": survey},
            )

    @admin.action(
        description=_("Delete all responses (closed surveys only; participation is kept)"),
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
                self.message_user(
                    request,
                    ngettext(
                        "Deleted %(count)s response(s) of “%(survey)s”.",
                        "Deleted %(count)s response(s) of “%(survey)s”.",
                        deleted,
                    )
                    % {"count": deleted, "survey": survey},
                )

    @admin.action(description=_("Send an invitation or a reminder…"), permissions=["invite"])
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
                    self.message_user(
                        request,
                        gettext("Sending for “%(survey)s” has started.") % {"survey": survey},
                    )
            return None
        ctx = {
            **self.admin_site.each_context(request),
            "title": gettext("Send an invitation or a reminder"),
            "surveys": queryset,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "surveys/admin/send_invitation.html", ctx)

    def has_invite_permission(self, request):
        return request.user.has_perm("surveys.add_invitationsend")

    def response_post_save_add(self, request, obj):
        return redirect(builder_url(obj.pk))  # a new survey's next step: its pages

    # ---- the builder

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path("<path:object_id>/build/", view(self.builder_view), name="surveys_survey_builder"),
            path(
                "<path:object_id>/build/move/",
                view(self.builder_move_view),
                name="surveys_survey_builder_move",
            ),
            path(
                "<path:object_id>/build/pages/",
                view(self.builder_page_add_view),
                name="surveys_survey_builder_page_add",
            ),
            *super().get_urls(),
        ]

    def _builder_survey(self, request, object_id, *, change):
        allowed = (
            self.has_change_permission(request) if change else self.has_view_permission(request)
        )
        if not allowed:
            raise PermissionDenied
        if not object_id.isdigit():
            raise Http404("No such survey.")
        return get_object_or_404(Survey, pk=object_id)

    def builder_view(self, request, object_id, page_form=None):
        survey = self._builder_survey(request, object_id, change=False)
        outline = survey_outline(survey)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Pages and questions: %(title)s") % {"title": survey.title},
            "survey": survey,
            "outline": outline,
            "pages": list(enumerate(outline.sections, start=1)),
            "page_form": page_form or PageAddForm(),
            "can_change": self.has_change_permission(request),
            "opts": self.model._meta,
            "original": survey,
        }
        return TemplateResponse(request, "surveys/admin/builder.html", context)

    def builder_move_view(self, request, object_id):
        """One form holds every up and down button; the pressed one says what moves where."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        survey = self._builder_survey(request, object_id, change=True)
        match = re.fullmatch(r"(question|page)-(\d+)-(up|down)", request.POST.get("move", ""))
        if match is None:
            raise Http404("Nothing to move.")
        kind, pk, direction = match.groups()
        up = direction == "up"
        if kind == "question":
            moved = get_object_or_404(Question, pk=pk, section__survey=survey)
            what, move = f"question “{moved.text}”", services.question_move
            anchor = f"question-{moved.pk}"
        else:
            moved = get_object_or_404(Section, pk=pk, survey=survey)
            what, move = f"page “{moved.title}”", services.section_move
            anchor = f"page-{moved.pk}"
        try:
            move(**{"question" if kind == "question" else "section": moved, "up": up})
        except ValidationError as error:
            self.message_user(request, error.messages[0], messages.ERROR)
        else:
            done = f"Moved {what} {direction}."
            audit.record(request, survey, done)
            self.message_user(request, _moved(kind, moved, up), messages.SUCCESS)
        return redirect(builder_url(survey.pk, anchor))

    def builder_page_add_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        survey = self._builder_survey(request, object_id, change=True)
        form = PageAddForm(request.POST)
        if not form.is_valid():
            return self.builder_view(request, object_id, page_form=form)
        section = services.section_add(survey=survey, title=form.cleaned_data["title"])
        audit.record(request, survey, f"Added page “{section.title}”.")
        self.message_user(
            request,
            gettext("Page “%(title)s” added at the end.") % {"title": section.title},
            messages.SUCCESS,
        )
        return redirect(builder_url(survey.pk, f"page-{section.pk}"))


def _moved(kind, moved, up):
    """The message after a move in the builder (the admin log keeps its English record)."""
    if kind == "question":
        if up:
            return gettext("Moved question “%(name)s” up.") % {"name": moved.text}
        return gettext("Moved question “%(name)s” down.") % {"name": moved.text}
    if up:
        return gettext("Moved page “%(name)s” up.") % {"name": moved.title}
    return gettext("Moved page “%(name)s” down.") % {"name": moved.title}


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

    @admin.display(description=_("e-mailed"))
    def recipients_sent(self, send):
        return gettext("%(sent)s of %(total)s") % {"sent": send.sent, "total": send.total}

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# "What we heard", and a survey's pages and questions, live in their own modules; importing
# them here registers them with the admin.
from surveys import admin_findings, admin_pages  # noqa: E402, F401
