"""'What we heard' in the admin: survey managers write a closed survey's findings, preview
them as a member would see them, and publish or withdraw them with one click each."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from collective.lib import audit
from surveys import services
from surveys.admin_translations import OriginalTextForm
from surveys.models import Findings, Survey


class FindingsForm(OriginalTextForm):
    class Meta:
        model = Findings
        fields = ["survey", "summary", "actions", "audience", "show_results"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Findings are for closed surveys (every answer is in); a draft may be started on any.
        self.fields["survey"].queryset = Survey.objects.order_by("title")
        self.fields["survey"].help_text = gettext(
            "Findings are published once the survey is closed; you can write them before."
        )


@admin.register(Findings)
class FindingsAdmin(admin.ModelAdmin):
    form = FindingsForm
    list_display = ["survey", "audience", "published", "preview"]
    list_filter = ["audience", ("published_on", admin.EmptyFieldListFilter)]
    list_select_related = ["survey"]
    search_fields = ["survey__title", "summary"]
    actions = ["publish", "unpublish"]

    @admin.display(description=_("Published"), ordering="published_on")
    def published(self, obj):
        # "1 December 2026", with the month in the reader's language.
        if obj.published_on is None:
            return gettext("Draft")
        return date_format(obj.published_on, "DATE_FORMAT")

    @admin.display(description=_("Page"))
    def preview(self, obj):
        label = gettext("View") if obj.is_published else gettext("Preview")
        return format_html(
            '<a href="{}">{}<span class="visually-hidden"> {}</span></a>',
            obj.get_absolute_url(),
            label,
            obj,
        )

    @admin.action(description=_("Publish the selected findings"), permissions=["change"])
    def publish(self, request, queryset):
        for findings in queryset.select_related("survey"):
            try:
                services.findings_publish(findings=findings)
            except ValidationError as error:
                self.message_user(
                    request, f"{findings.survey}: {error.messages[0]}", messages.ERROR
                )
                continue
            audit.record(request, findings, f"Published to {findings.get_audience_display()}")
            self.message_user(
                request,
                gettext("“%(survey)s”: what we heard is published to %(audience)s at %(url)s.")
                % {
                    "survey": findings.survey,
                    "audience": findings.get_audience_display().lower(),
                    "url": findings.get_absolute_url(),
                },
                messages.SUCCESS,
            )

    @admin.action(description=_("Withdraw the selected findings"), permissions=["change"])
    def unpublish(self, request, queryset):
        for findings in queryset.select_related("survey"):
            services.findings_unpublish(findings=findings)
            audit.record(request, findings, "Withdrawn from publication")
            self.message_user(
                request,
                gettext("“%(survey)s”: withdrawn.") % {"survey": findings.survey},
                messages.SUCCESS,
            )
