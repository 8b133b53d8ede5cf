from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from collective.lib import apps as portal
from collective.lib.groups import FACILITATION_COORDINATORS


class FacilitationConfig(portal.PortalAppConfig):
    name = "facilitation"
    verbose_name = _("Facilitation")
    nav = (_("Facilitation"), "facilitation:index")
    footer = (_("Meeting notes"), "facilitation:note-list")
    privacy_template = "facilitation/includes/_privacy.html"
    deletion_template = "facilitation/includes/_deletion.html"
    # Never Question or Support: questions are asked anonymously.
    versioned_models = (
        "facilitation.Facilitator",
        "facilitation.Session",
        "facilitation.Registration",
        "facilitation.MeetingNote",
    )
    # Coordinators run the review, the sessions, the moderation and the notes. There is no
    # permission on Support at all: nobody, staff included, browses who supported what.
    staff_permissions = {
        FACILITATION_COORDINATORS: [
            "facilitation.view_facilitator",
            "facilitation.add_facilitator",
            "facilitation.change_facilitator",
            "facilitation.delete_facilitator",
            "facilitation.view_recommendation",
            "facilitation.view_session",
            "facilitation.add_session",
            "facilitation.change_session",
            "facilitation.delete_session",
            "facilitation.view_registration",
            "facilitation.change_registration",
            "facilitation.view_question",
            "facilitation.change_question",
            "facilitation.view_meetingnote",
            "facilitation.add_meetingnote",
            "facilitation.change_meetingnote",
            "facilitation.delete_meetingnote",
        ]
    }

    def staff_work(self, request):
        from facilitation.selectors import staff_work

        return staff_work(request.user)

    def home_panel(self, request):
        from facilitation.models import Session

        sessions = list(Session.objects.upcoming().select_related("facilitator")[:3])
        return "facilitation/includes/_home_panel.html", {"sessions": sessions}

    def account_panel(self, request):
        from collective.lib.pages import latest
        from facilitation.models import Recommendation, Registration

        recommendations, more_recommendations = latest(
            Recommendation.objects.filter(member=request.user)
            .select_related("facilitator")
            .order_by("-created_on", "-id")
        )
        registrations, more_registrations = latest(
            Registration.objects.filter(member=request.user, status__in=Registration.ACTIVE)
            .select_related("session")
            .order_by("-session__starts_at", "-id")
        )
        return "facilitation/includes/_account_panel.html", {
            "recommendations": recommendations,
            "more_recommendations": more_recommendations,
            "registrations": registrations,
            "more_registrations": more_registrations,
        }

    def export_user_data(self, user):
        from facilitation.models import Recommendation, Registration

        recommendations = Recommendation.objects.filter(member=user).select_related("facilitator")
        registrations = Registration.objects.filter(member=user).select_related("session")
        return {
            "recommendations": [
                {
                    "facilitator": r.facilitator.name,
                    "organisation": r.facilitator.organisation,
                    "how_you_know_them": r.how_known,
                    "why_you_recommend_them": r.why,
                    "date": r.created_on.isoformat(),
                }
                for r in recommendations
            ],
            "session_registrations": [
                {
                    "session": r.session.title,
                    "starts_at": r.session.starts_at.isoformat(),
                    "status": r.get_status_display(),
                    "access_needs": r.access_needs,
                }
                for r in registrations
            ],
            "questions_and_supports": gettext(
                "Questions you asked and questions you supported are stored without your "
                "name, so we cannot find them to include here."
            ),
        }

    def delete_user_data(self, user):
        from facilitation import services
        from facilitation.models import Recommendation, Registration

        # Free the member's places first, so people waiting get them (and are told).
        for registration in Registration.objects.filter(
            member=user, status__in=Registration.ACTIVE
        ):
            services.registration_cancel(registration=registration)
        for recommendation in Recommendation.objects.filter(member=user):
            services.recommendation_withdraw(recommendation=recommendation)
