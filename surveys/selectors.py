"""Reading a survey's structure and working out which questions apply to a person."""

import copy
from dataclasses import dataclass, field, replace

from django.db import connection
from django.db.models import Prefetch

from collective.lib import versions
from collective.lib.memory import Kept
from surveys.models import Choice, Draft, Participation, Question, Section, Survey


@dataclass
class Structure:
    """A survey's pages, questions and choices, loaded in a fixed number of queries."""

    survey: Survey
    sections: list
    questions: list = field(default_factory=list)
    # The data version it was built from (cached_survey_structure), None when built uncached.
    version: str | None = None
    # The questions that apply before anything is answered, worked out once when kept.
    blank_visible: frozenset | None = None

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
    if not data and structure.blank_visible is not None:
        return set(structure.blank_visible)
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


def member_states(survey_ids, user):
    """{survey id: "done" or "draft"} for the member, among `survey_ids` (the others are new to
    them), in one query.

    Written out in SQL, as member_progress() is: the surveys list asks it on every view, and
    the page around it is the same for every member (kept under the surveys' data version).
    """
    if not survey_ids:
        return {}
    participation, draft = Participation._meta.db_table, Draft._meta.db_table
    among = ", ".join(["%s"] * len(survey_ids))
    sql = (
        f"SELECT survey_id, 'done' FROM {participation} WHERE user_id = %s"
        f" AND survey_id IN ({among})"
        f" UNION ALL SELECT survey_id, 'draft' FROM {draft} WHERE user_id = %s"
        f" AND survey_id IN ({among})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, *survey_ids, user.pk, *survey_ids])
        rows = cursor.fetchall()
    states = {survey_id: state for survey_id, state in rows if state == "draft"}
    states.update((survey_id, state) for survey_id, state in rows if state == "done")
    return states


@dataclass
class Progress:
    """How far one person is with a survey: whether they took part, and their draft."""

    took_part: bool = False
    data: dict = field(default_factory=dict)
    page: int = 1


def member_progress(survey, user):
    """The member's Progress with the survey, in one query.

    Every survey page asks this first. Written out in SQL: measured, the ORM took four times as
    long to build the two small queries (whether they took part, their draft) as PostgreSQL took
    to answer them. The two lookups use the two tables' unique (survey, user) indexes.
    """
    participation, draft = Participation._meta.db_table, Draft._meta.db_table
    sql = (
        f"SELECT EXISTS (SELECT 1 FROM {participation} WHERE survey_id = %s AND user_id = %s),"
        f" draft.data, draft.page FROM (SELECT 1) AS one"
        f" LEFT JOIN {draft} AS draft ON draft.survey_id = %s AND draft.user_id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [survey.pk, user.pk, survey.pk, user.pk])
        took_part, data, page = cursor.fetchone()
    if page is None:
        return Progress(bool(took_part))
    data = Draft._meta.get_field("data").from_db_value(data, None, connection)
    return Progress(bool(took_part), dict(data), page)


# Published surveys read in this process, by slug and the data version of every survey row
# and structure.
_published = Kept(64)
# Structures built in this process, by survey id and data version. Small: a handful of surveys
# are open at once, and an old version is never asked for again.
_structures = Kept(32)
STRUCTURE_MODELS = ("surveys.Section", "surveys.Question", "surveys.Choice")


def published_survey(slug):
    """The published (or closed) survey with this slug, or None.

    Every survey page starts here, and a survey row changes only when staff edit it: the row is
    read once per change of any survey (the data version of surveys and their structure,
    bumped on every save) and kept in this process, and each call gets its own copy, which it
    may change. The copy carries that version as `structure_version`, so that
    cached_survey_structure() need not ask Redis again. Without the cache (Redis down) it is
    read from the database each time.
    """

    def read():
        # Built only when read: building the query is most of the time a kept survey takes.
        statuses = [Survey.Status.PUBLISHED, Survey.Status.CLOSED]
        return Survey.objects.filter(slug=slug, status__in=statuses).first()

    version = versions.current("surveys.Survey", *STRUCTURE_MODELS)
    if version is None:
        return read()
    kept = _published.get_or_build((slug, version), read)
    if kept is None:
        return None
    survey = copy.copy(kept)
    survey.structure_version = version
    return survey


def cached_survey_structure(survey):
    """survey_structure(survey), built once per edit of the survey rather than per request.

    Keyed on the version of the survey row and of every section, question and choice (bumped
    when staff save or delete any of them, see collective.lib.versions), so an edit shows on the
    next request in every worker. The structure is shared between requests: read it, never
    change it. Without the cache (Redis down) it is built afresh each time.
    """
    version = getattr(survey, "structure_version", None) or versions.current(
        ("surveys.Survey", survey.pk), *STRUCTURE_MODELS
    )
    if version is None:
        return survey_structure(survey)

    def build():
        structure = replace(survey_structure(survey), version=version)
        return replace(structure, blank_visible=frozenset(visible_question_ids(structure, {})))

    cached = _structures.get_or_build((survey.pk, version), build)
    # This request's own survey row (its own copy, see published_survey()).
    return replace(cached, survey=survey)
