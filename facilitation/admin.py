from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from collective.lib import audit
from collective.lib.admin_widgets import ACCESSIBLE_FORMFIELDS
from collective.lib.adminscale import CappedInlineMixin, LatestRelatedFilter
from facilitation import services
from facilitation.forms import FacilitatorAdminForm, NotTakenForwardForm
from facilitation.models import Facilitator, MeetingNote, Question, Recommendation, Registration
from facilitation.models import Session as FacilitationSession

# Support rows are deliberately not registered: there is nothing a person should browse there.


class RecommendationInline(CappedInlineMixin, admin.TabularInline):
    """Members' reasons side by side, as they wrote them: coordinators read, never edit.
    The newest 50: a facilitator can gather any number."""

    model = Recommendation
    verbose_name_plural = _("recommendations (the newest 50)")
    inline_select_related = ["member", "facilitator"]  # each row's name reads both
    ordering = ["-created_on", "-id"]
    fields = ["member", "how_known", "why", "created_on"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _move_action(status, description):
    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        moved, refused = 0, []
        for facilitator in queryset:
            try:
                services.facilitator_move(facilitator=facilitator, status=status)
                audit.record(request, facilitator, f"Moved to {Facilitator.Status(status).label}")
                moved += 1
            except ValidationError as error:
                refused.extend(error.messages)
        if moved:
            label = Facilitator.Status(status).label.lower()
            said = ngettext(
                "%(count)s facilitator(s) moved to %(status)s.",
                "%(count)s facilitator(s) moved to %(status)s.",
                moved,
            )
            modeladmin.message_user(request, said % {"count": moved, "status": label})
        for message in refused:
            modeladmin.message_user(request, message, messages.WARNING)

    action.__name__ = f"move_to_{status}"
    return action


@admin.register(Facilitator)
class FacilitatorAdmin(admin.ModelAdmin):
    form = FacilitatorAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "organisation", "status", "recommendation_count", "created"]
    list_filter = ["status"]
    search_fields = ["name", "organisation", "website", "contact_email"]
    readonly_fields = ["status", "not_taken_forward_reason", "created"]
    fieldsets = [
        (None, {"fields": ["name", "organisation", "website", "areas"]}),
        (_("Contact details (coordinators only)"), {"fields": ["contact_email", "contact_phone"]}),
        (_("Review"), {"fields": ["status", "not_taken_forward_reason", "notes", "created"]}),
    ]
    inlines = [RecommendationInline]
    actions = [
        _move_action(Facilitator.Status.UNDER_REVIEW, _("Move to under review")),
        _move_action(Facilitator.Status.SHORTLISTED, _("Shortlist")),
        _move_action(Facilitator.Status.CONTACTED, _("Mark as contacted")),
        _move_action(Facilitator.Status.ENGAGED, _("Mark as engaged")),
        "not_taken_forward",
        "merge",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_recommendations=Count("recommendations"))

    @admin.display(description=_("Recommended by"), ordering="_recommendations")
    def recommendation_count(self, obj):
        return obj._recommendations

    @admin.action(description=_("Not taken forward (give a reason)"), permissions=["change"])
    def not_taken_forward(self, request, queryset):
        form = NotTakenForwardForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            moved = 0
            for facilitator in queryset:
                try:
                    services.facilitator_move(
                        facilitator=facilitator,
                        status=Facilitator.Status.NOT_TAKEN_FORWARD,
                        reason=form.cleaned_data["reason"],
                    )
                    audit.record(request, facilitator, "Not taken forward (reason noted)")
                    moved += 1
                except ValidationError as error:
                    self.message_user(request, " ".join(error.messages), messages.WARNING)
            if moved:
                said = ngettext(
                    "%(count)s facilitator(s) not taken forward.",
                    "%(count)s facilitator(s) not taken forward.",
                    moved,
                )
                self.message_user(request, said % {"count": moved})
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Not taken forward"),
            "facilitators": queryset,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/facilitation/facilitator/not_taken_forward.html", context
        )

    @admin.action(description=_("Merge two records of the same person"), permissions=["delete"])
    def merge(self, request, queryset):
        facilitators = list(queryset.order_by("created", "pk"))
        if len(facilitators) != 2:
            self.message_user(
                request, gettext("Select exactly two facilitators to merge."), messages.WARNING
            )
            return
        keep, duplicate = facilitators
        audit.record(request, duplicate, f"Merged into “{keep}”", flag=audit.DELETION)
        services.facilitator_merge(keep=keep, duplicate=duplicate)
        audit.record(request, keep, f"Merged “{duplicate}” into this record")
        self.message_user(
            request,
            gettext(
                "Merged “%(duplicate)s” into “%(keep)s” (the first recommended): recommendations "
                "and notes moved across, and the duplicate record was deleted."
            )
            % {"duplicate": duplicate, "keep": keep},
        )


class RegistrationInline(CappedInlineMixin, admin.TabularInline):
    """The first 50 registrations in the order they came; the registrations list has them all."""

    model = Registration
    verbose_name_plural = _("registrations (the first 50: the registrations list has every one)")
    inline_select_related = ["member", "session"]  # each row's name reads both
    ordering = ["created", "id"]
    fields = ["member", "status", "access_needs", "created"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FacilitationSession)
class SessionAdmin(admin.ModelAdmin):
    formfield_overrides = {**ACCESSIBLE_FORMFIELDS, models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "title",
        "starts_at",
        "format",
        "facilitator",
        "capacity",
        "registered",
        "waiting",
        "questions_link",
    ]
    list_filter = ["format"]
    search_fields = ["title", "topic"]
    list_select_related = ["facilitator"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["facilitator"]
    inlines = [RegistrationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=_("registered"), ordering="registered_count")
    def registered(self, obj):
        return obj.registered_count

    @admin.display(description=_("waiting"), ordering="waiting_count")
    def waiting(self, obj):
        return obj.waiting_count

    @admin.display(description=_("Questions for the facilitator"))
    def questions_link(self, obj):
        url = reverse("facilitation:session-questions-print", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Approved questions"))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            promoted = services.session_fill_places(session=obj)
            if promoted:
                said = ngettext(
                    "%(count)s person(s) moved in from the waiting list.",
                    "%(count)s person(s) moved in from the waiting list.",
                    len(promoted),
                )
                self.message_user(request, said % {"count": len(promoted)})


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["member", "session", "status", "created"]
    list_filter = ["status", ("session", LatestRelatedFilter)]
    search_fields = ["member__email", "member__display_name", "session__title"]
    list_select_related = ["member", "session"]
    readonly_fields = ["member", "session", "status", "access_needs", "created", "reminded_on"]
    actions = ["cancel"]

    def has_add_permission(self, request):
        return False

    @admin.action(
        description=_("Cancel (gives the place to the first person waiting)"),
        permissions=["change"],
    )
    def cancel(self, request, queryset):
        for registration in queryset:
            services.registration_cancel(registration=registration)
            audit.record(
                request, registration, "Cancelled (place given to the next person waiting)"
            )
        count = queryset.count()
        said = ngettext(
            "%(count)s registration(s) cancelled.", "%(count)s registration(s) cancelled.", count
        )
        self.message_user(request, said % {"count": count})


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    """Moderation: coordinators read each question before the facilitator sees it."""

    list_display = ["excerpt", "session", "status", "asked_on", "supports"]
    list_filter = ["status", ("session", LatestRelatedFilter)]
    search_fields = ["text"]
    list_select_related = ["session"]
    readonly_fields = ["session", "text", "status", "asked_on"]
    actions = ["approve", "reject"]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_supports=Count("supports"))

    @admin.display(description=_("Question"))
    def excerpt(self, obj):
        return obj.text if len(obj.text) <= 100 else obj.text[:99] + "…"

    @admin.display(description=_("Supported by"), ordering="_supports")
    def supports(self, obj):
        return obj._supports

    @admin.action(
        description=_("Approve (registered members and the facilitator see it)"),
        permissions=["change"],
    )
    def approve(self, request, queryset):
        for question in queryset:
            services.question_moderate(question=question, status=Question.Status.APPROVED)
            audit.record(request, question, "Approved")
        count = len(queryset)
        said = ngettext("%(count)s question(s) approved.", "%(count)s question(s) approved.", count)
        self.message_user(request, said % {"count": count})

    @admin.action(description=_("Reject (nobody else sees it)"), permissions=["change"])
    def reject(self, request, queryset):
        for question in queryset:
            services.question_moderate(question=question, status=Question.Status.REJECTED)
            audit.record(request, question, "Rejected")
        count = len(queryset)
        said = ngettext("%(count)s question(s) rejected.", "%(count)s question(s) rejected.", count)
        self.message_user(request, said % {"count": count})


@admin.register(MeetingNote)
class MeetingNoteAdmin(admin.ModelAdmin):
    formfield_overrides = ACCESSIBLE_FORMFIELDS
    list_display = ["title", "session", "published", "published_on"]
    list_filter = ["published"]
    search_fields = ["title", "body", "session__title"]
    list_select_related = ["session"]
    autocomplete_fields = ["session"]
    actions = ["publish", "unpublish"]

    @admin.action(description=_("Publish"), permissions=["change"])
    def publish(self, request, queryset):
        for note in queryset:
            services.note_publish(note=note)
            audit.record(request, note, "Published")
        count = len(queryset)
        said = ngettext("%(count)s note(s) published.", "%(count)s note(s) published.", count)
        self.message_user(request, said % {"count": count})

    @admin.action(description=_("Unpublish"), permissions=["change"])
    def unpublish(self, request, queryset):
        for note in queryset:
            services.note_publish(note=note, published=False)
            audit.record(request, note, "Unpublished")
        count = len(queryset)
        said = ngettext("%(count)s note(s) unpublished.", "%(count)s note(s) unpublished.", count)
        self.message_user(request, said % {"count": count})
