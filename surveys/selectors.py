"""Reading a survey's structure and working out which questions apply to a person."""

from dataclasses import dataclass, field, replace

from django.db.models import Prefetch

from collective.lib import versions
from surveys.models import Choice, Participation, Question, Section, Survey


@dataclass
class Structure:
    """A survey's pages, questions and choices, loaded in a fixed number of queries."""

    survey: Survey
    sections: list
    questions: list = field(default_factory=list)

    @property
    def page_count(self):
        return len(self.sections)

    def section(self, page):
        """The section shown on page `page` (1-based), or None."""
        if 1 <= page <= len(self.sections):
            return self.sections[page - 1]
        return None


def survey_structure(survey):
    questions = Question.objects.prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("position", "id")),
        "show_if_choices",
    ).order_by("position", "id")
    sections = list(
        Section.objects.filter(survey=survey)
        .order_by("position", "id")
        .prefetch_related(Prefetch("questions", queryset=questions, to_attr="question_list"))
    )
    structure = Structure(survey=survey, sections=sections)
    number = 0
    for section in sections:
        for question in section.question_list:
            number += 1
            question.number = number
            structure.questions.append(question)
    numbers = {question.pk: question.number for question in structure.questions}
    for question in structure.questions:
        question.show_if_number = numbers.get(question.show_if_question_id)
    return structure


def visible_question_ids(structure, data):
    """Questions that apply given the answers in `data` ({field name: [values]}).

    A question with a show-if condition applies only when its (earlier) question applies and
    was answered with one of the listed choices. Conditions only point backwards, so one pass
    in survey order settles every question.
    """
    visible = set()
    for question in structure.questions:
        condition = question.show_if_question_id
        if condition is None:
            visible.add(question.pk)
            continue
        if condition not in visible:
            continue
        chosen = {str(value) for value in data.get(f"q{condition}", [])}
        wanted = {str(choice.pk) for choice in question.show_if_choices.all()}
        if chosen & wanted:
            visible.add(question.pk)
    return visible


def member_survey_states(user, surveys):
    """{survey id: "done" | "draft" | "new"} for the member, in two queries."""
    ids = [survey.pk for survey in surveys]
    done = set(
        Participation.objects.filter(user=user, survey_id__in=ids).values_list(
            "survey_id", flat=True
        )
    )
    drafts = set(user.survey_drafts.filter(survey_id__in=ids).values_list("survey_id", flat=True))
    return {pk: "done" if pk in done else "draft" if pk in drafts else "new" for pk in ids}


# Structures built in this process, by survey id and data version. Small: a handful of surveys
# are open at once, and an old version is never asked for again.
_structures = {}
_STRUCTURES_KEPT = 32
STRUCTURE_MODELS = ("surveys.Section", "surveys.Question", "surveys.Choice")


def cached_survey_structure(survey):
    """survey_structure(survey), built once per edit of the survey rather than per request.

    Keyed on the version of the survey row and of every section, question and choice (bumped
    when staff save or delete any of them, see collective.lib.versions), so an edit shows on the
    next request in every worker. The structure is shared between requests: read it, never
    change it. Without the cache (Redis down) it is built afresh each time.
    """
    version = versions.current(("surveys.Survey", survey.pk), *STRUCTURE_MODELS)
    if version is None:
        return survey_structure(survey)
    cached = _structures.get((survey.pk, version))
    if cached is None:
        if len(_structures) >= _STRUCTURES_KEPT:
            _structures.clear()
        cached = _structures[(survey.pk, version)] = survey_structure(survey)
    # This request's own survey row: its status and dates are read fresh.
    return replace(cached, survey=survey)
