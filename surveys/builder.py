"""The survey builder's view of a survey: pages and numbered questions, each show-if rule in
words. The moves it offers are services (surveys.services.question_move and others)."""

from django.urls import reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext, pgettext

from surveys.models import Question
from surveys.selectors import survey_structure


def _either(texts):
    quoted = [f"“{text}”" for text in texts]
    # "“a”, “b” or “c”", with the comma and the "or" of the active language.
    return get_text_list(quoted, pgettext("between alternatives", "or"))


def show_if_in_words(question, condition):
    """ "Shown when question 1 is “Yes”" — `condition` is the question it depends on."""
    if condition is None:
        return ""
    answers = _either(choice.text for choice in question.show_if_choices.all())
    if condition.kind == Question.Kind.MULTIPLE:
        return gettext("Shown when the answer to question %(number)s includes %(answers)s.") % {
            "number": condition.number,
            "answers": answers,
        }
    return gettext("Shown when question %(number)s is %(answers)s.") % {
        "number": condition.number,
        "answers": answers,
    }


def survey_outline(survey):
    """The survey's structure with `question.show_if_words` set on each question."""
    structure = survey_structure(survey)
    by_pk = {question.pk: question for question in structure.questions}
    for question in structure.questions:
        condition = by_pk.get(question.show_if_question_id)
        question.show_if_words = show_if_in_words(question, condition)
    return structure


def builder_url(survey_id, anchor=""):
    """The survey's builder page in the admin, at `anchor` (a page or a question) when given."""
    url = reverse("admin:surveys_survey_builder", args=[survey_id])
    return f"{url}#{anchor}" if anchor else url
