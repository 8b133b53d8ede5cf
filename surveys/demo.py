"""Demo content: the member survey, published, with some made-up responses so that the results
page has something to show. Safe to run again."""

import random

from django.core.management import call_command

from surveys.member_survey import SLUG
from surveys.models import Answer, Question, SealedResponse, Survey
from surveys.sealing import seal
from surveys.selectors import survey_structure
from surveys.services import responses_release

DEMO_RESPONSES = 40
WHY = [
    "I wanted my experience of the mental health system to change how research is done.",
    "A friend told me about it and I liked that people are paid for their time.",
    "To meet others who care about co-production.",
    "I am a researcher and wanted to learn to work with people, not on them.",
    "Because research about people like me should include people like me.",
]
BARRIERS = [
    "Meetings are often in working hours.",
    "I am not sure people like me are welcome.",
    "Travel costs up front are hard for me.",
    "Some of the language in the papers is hard to follow.",
]


def fake_answers(structure, rng, response):
    """Plausible answers to every question, as unsaved Answer rows (also used by bench/)."""
    rows, chosen = [], {}
    for question in structure.questions:
        if question.show_if_question_id is not None:
            wanted = {choice.pk for choice in question.show_if_choices.all()}
            if not wanted & chosen.get(question.show_if_question_id, set()):
                continue
        choices = list(question.choices.all())
        kind = question.kind
        if kind in Question.TEXT_KINDS:
            pool = BARRIERS if question.show_if_question_id else WHY
            rows.append(Answer(response=response, question=question, text=rng.choice(pool)))
        elif kind == Question.Kind.MULTIPLE:
            picked = rng.sample(choices, k=rng.randint(1, min(3, len(choices))))
            picked = [c for c in picked if not c.is_prefer_not_to_say] or picked[:1]
            chosen[question.pk] = {c.pk for c in picked}
            rows += [Answer(response=response, question=question, choice=c) for c in picked]
        elif kind in Question.CHOICE_KINDS:
            # Skewed towards the first choices, so that some cells are small.
            choice = choices[min(int(rng.expovariate(0.45)), len(choices) - 1)]
            chosen[question.pk] = {choice.pk}
            text = "Through my GP surgery" if choice.is_other else ""
            rows.append(Answer(response=response, question=question, choice=choice, text=text))
        else:
            low, high = question.min_value or 1, question.max_value or 5
            rows.append(Answer(response=response, question=question, number=rng.randint(low, high)))
    return rows


def _items(answers):
    return [
        {"question": a.question_id, "choice": a.choice_id, "number": a.number, "text": a.text}
        for a in answers
    ]


def seed(stdout):
    call_command("load_member_survey", "--publish", stdout=stdout)
    survey = Survey.objects.get(slug=SLUG)
    if survey.responses.exists() or survey.sealed_responses.exists():
        return
    structure = survey_structure(survey)
    rng = random.Random(2021)
    # The way real answers go: sealed first, then released into the results in one batch.
    SealedResponse.objects.bulk_create(
        [
            SealedResponse(survey=survey, answers=seal(_items(fake_answers(structure, rng, None))))
            for _ in range(DEMO_RESPONSES)
        ]
    )
    responses_release(survey=survey)
    stdout.write(
        f"Member survey published with {DEMO_RESPONSES} made-up responses "
        "(results: staff@example.org → /surveys/results/).\n"
    )
