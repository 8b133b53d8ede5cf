from django.urls import reverse

from surveys.models import Question


def field(survey, text):
    return Question.objects.get(section__survey=survey, text=text).field_name


def choice_value(survey, question_text, choice_text):
    question = Question.objects.get(section__survey=survey, text=question_text)
    return str(question.choices.get(text=choice_text).pk)


def other_field(survey, question_text, choice_text="Other"):
    """The form field of that "other" choice's own "please specify" box."""
    question = Question.objects.get(section__survey=survey, text=question_text)
    return question.choices.get(text=choice_text).other_field_name


def fill_small_survey(client, survey, *, colour="Blue", extra=None):
    """Answer both pages of the `small_survey` fixture; returns the review page response."""
    data = {field(survey, "Favourite colour?"): choice_value(survey, "Favourite colour?", colour)}
    data.update(extra or {})
    client.post(reverse("surveys:survey-page", args=[survey.slug, 1]), data)
    client.post(
        reverse("surveys:survey-page", args=[survey.slug, 2]),
        {field(survey, "Anything else?"): "Lovely people."},
    )
    return client.get(reverse("surveys:survey-review", args=[survey.slug]))


def release_now(survey):
    """Release the survey's waiting anonymous answers into the results, however few (in
    production a batch needs at least the survey's threshold, or the survey to be closed)."""
    from surveys.services import responses_release

    return responses_release(survey=survey, minimum=1)
