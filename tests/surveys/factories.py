import factory
from django.utils import timezone

from surveys.models import Answer, Choice, Participation, Question, Response, Section, Survey


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Survey {n}")
    slug = factory.Sequence(lambda n: f"survey-{n}")
    status = Survey.Status.PUBLISHED
    mode = Survey.Mode.ANONYMOUS


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    survey = factory.SubFactory(SurveyFactory)
    title = factory.Sequence(lambda n: f"Page {n}")
    position = factory.Sequence(int)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    section = factory.SubFactory(SectionFactory)
    text = factory.Sequence(lambda n: f"Question {n}?")
    kind = Question.Kind.SHORT_TEXT
    position = factory.Sequence(int)


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory, kind=Question.Kind.SINGLE)
    text = factory.Sequence(lambda n: f"Choice {n}")
    position = factory.Sequence(int)


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    survey = factory.SubFactory(SurveyFactory)
    submitted_on = factory.LazyFunction(timezone.localdate)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    question = factory.SubFactory(QuestionFactory)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    survey = factory.SubFactory(SurveyFactory)
    took_part_on = factory.LazyFunction(timezone.localdate)


def choice_question(section, text, choices, *, kind=Question.Kind.SINGLE, **fields):
    question = QuestionFactory(section=section, text=text, kind=kind, **fields)
    for position, label in enumerate(choices):
        ChoiceFactory(question=question, text=label, position=position)
    return question


def add_responses(survey, question, counts):
    """Responses whose answer to `question` is each choice text `counts[text]` times."""
    choices = {choice.text: choice for choice in question.choices.all()}
    answers = []
    for text, count in counts.items():
        for _ in range(count):
            response = Response.objects.create(survey=survey, submitted_on=timezone.localdate())
            answers.append(Answer(response=response, question=question, choice=choices[text]))
    Answer.objects.bulk_create(answers)


def add_pairs(survey, first, second, counts, *, texts=None):
    """Responses answering two questions: counts {(first choice, second choice): n}.

    A second choice of None leaves `second` unanswered. `texts` {(a, b): "text"} also fills the
    `other` text of the first answer, for breakdowns of written answers.
    """
    first_choices = {c.text: c for c in first.choices.all()}
    second_choices = {c.text: c for c in second.choices.all()}
    answers = []
    for (a, b), count in counts.items():
        for _ in range(count):
            response = Response.objects.create(survey=survey, submitted_on=timezone.localdate())
            if first.kind in (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT):
                answers.append(Answer(response=response, question=first, text=a))
            else:
                answers.append(Answer(response=response, question=first, choice=first_choices[a]))
            if b is not None:
                answers.append(Answer(response=response, question=second, choice=second_choices[b]))
    Answer.objects.bulk_create(answers)
