from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from collective.lib import apps as portal
from collective.lib import groups

_MODELS = ["survey", "section", "question", "choice", "findings"]


class SurveysConfig(portal.PortalAppConfig):
    name = "surveys"
    verbose_name = _("Surveys")

    nav = (_("Surveys"), "surveys:survey-list")
    staff_permissions = {
        groups.SURVEY_MANAGERS: [
            f"surveys.{action}_{model}"
            for model in _MODELS
            for action in ("view", "add", "change", "delete")
        ]
        + ["surveys.view_results", "surveys.view_invitationsend", "surveys.add_invitationsend"],
    }
    privacy_template = "surveys/includes/_privacy.html"
    deletion_template = "surveys/includes/_deletion.html"
    # The questionnaire only: never responses or participations (anonymous).
    versioned_models = (
        "surveys.Survey",
        "surveys.Section",
        "surveys.Question",
        "surveys.Choice",
        "surveys.Findings",
    )

    def home_panel(self, request):
        from surveys.models import Findings, Survey

        surveys = list(Survey.objects.listed()[:5])
        heard = Findings.objects.visible_to(request.user).select_related("survey")[:3]
        return "surveys/includes/_home_panel.html", {"surveys": surveys, "heard": list(heard)}

    def account_panel(self, request):
        from collective.lib.pages import latest
        from surveys.models import Draft, Participation

        participations, more_participations = latest(
            Participation.objects.filter(user=request.user)
            .select_related("survey")
            .order_by("-took_part_on", "survey__title")
        )
        drafts, more_drafts = latest(
            Draft.objects.filter(user=request.user)
            .select_related("survey")
            .order_by("-saved_on", "survey__title")
        )
        return "surveys/includes/_account_panel.html", {
            "participations": participations,
            "more_participations": more_participations,
            "drafts": drafts,
            "more_drafts": more_drafts,
        }

    def export_user_data(self, user):
        from surveys.models import Answer, Draft, Participation

        identified = (
            Answer.objects.filter(response__user=user)
            .select_related("response__survey", "question", "choice")
            .order_by(
                "response__survey__title", "question__section__position", "question__position"
            )
        )
        return {
            "participation": [
                {
                    "survey": p.survey.title,
                    "took_part_on": p.took_part_on.isoformat(),
                    "anonymous": p.survey.is_anonymous,
                }
                for p in Participation.objects.filter(user=user).select_related("survey")
            ],
            "identified_answers": [
                {
                    "survey": a.response.survey.title,
                    "question": a.question.text,
                    "answer": a.choice.text if a.choice else a.text or a.number,
                    "please_specify": a.text if a.choice else "",
                }
                for a in identified
            ],
            "drafts": [
                {"survey": d.survey.title, "saved_on": d.saved_on.isoformat(), "answers": d.data}
                for d in Draft.objects.filter(user=user).select_related("survey")
            ],
            "note": gettext(
                "Answers to anonymous surveys are not linked to you, so they cannot be "
                "included here, changed or deleted."
            ),
        }

    def delete_user_data(self, user):
        from surveys.models import Draft, Participation, Recipient, Response

        # Identified answers are about the member: they go with the account. Anonymous
        # responses are not linked to anyone and stay, as the deletion page says.
        Response.objects.filter(user=user).delete()
        Draft.objects.filter(user=user).delete()
        Participation.objects.filter(user=user).delete()
        Recipient.objects.filter(user=user).delete()
