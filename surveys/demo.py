"""Demo content: the member survey, published, with some made-up responses so that the results
page has something to show. Safe to run again."""

import random

from django.core.management import call_command

from surveys.member_survey import SLUG
from surveys.models import Answer, Question, SealedResponse, Survey
from surveys.sealing import seal
from surveys.selectors import survey_structure
from surveys.services import responses_release

# Made-up answers to the ethnic-group question follow London's mix in the 2021 Census (per cent,
# ONS TS021), at least one person in every group, so the breakdown by ethnic group looks like the
# community the Collective serves: a few large groups and many below the threshold.
LONDON_2021 = {
    "English, Welsh, Scottish, Northern Irish or British": 36.8,
    "Irish": 1.8,
    "Gypsy or Irish Traveller": 0.1,
    "Roma": 0.4,
    "Any other White background": 14.7,
    "White and Asian": 1.2,
    "White and Black African": 0.8,
    "White and Black Caribbean": 1.5,
    "Any other Mixed or Multiple ethnic background": 2.2,
    "Bangladeshi": 3.7,
    "Chinese": 1.7,
    "Indian": 7.5,
    "Pakistani": 3.3,
    "Any other Asian background": 4.6,
    "African": 7.9,
    "Caribbean": 3.9,
    "Any other Black, Black British or Caribbean background": 1.6,
    "Arab": 1.6,
    "Any other ethnic group": 4.7,
}
PEOPLE = 110  # before rounding each group up to at least one person
PREFER_NOT_TO_SAY = 3
OTHER_TEXTS = {
    "Any other White background": "Polish",
    "Any other Mixed or Multiple ethnic background": "Black Caribbean and Chinese",
    "Any other Asian background": "Sri Lankan Tamil",
    "Any other Black, Black British or Caribbean background": "Black British and Somali",
    "Any other ethnic group": "Turkish Cypriot",
}


def ethnic_mix():
    """The ethnic group of each made-up respondent, in London's proportions."""
    mix = []
    for group, share in LONDON_2021.items():
        mix += [group] * max(1, round(PEOPLE * share / 100))
    return mix + ["Prefer not to say"] * PREFER_NOT_TO_SAY


DEMO_RESPONSES = len(ethnic_mix())
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


def fake_answers(structure, rng, response, *, fixed=None):
    """Plausible answers to every question, as unsaved Answer rows (also used by bench/).

    `fixed` maps a question's id to the text of the choice this respondent gives."""
    rows, chosen, fixed = [], {}, fixed or {}
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
            if question.pk in fixed:
                choice = next(c for c in choices if c.text == fixed[question.pk])
            else:
                # Skewed towards the first choices, so that some cells are small.
                choice = choices[min(int(rng.expovariate(0.45)), len(choices) - 1)]
            chosen[question.pk] = {choice.pk}
            text = OTHER_TEXTS.get(choice.text, "Through my GP surgery") if choice.is_other else ""
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
    ethnic = next(q for q in structure.questions if q.text == "What is your ethnic group?")
    groups = ethnic_mix()
    rng.shuffle(groups)
    # The way real answers go: sealed first, then released into the results in one batch.
    SealedResponse.objects.bulk_create(
        [
            SealedResponse(
                survey=survey,
                answers=seal(_items(fake_answers(structure, rng, None, fixed={ethnic.pk: group}))),
            )
            for group in groups
        ]
    )
    responses_release(survey=survey)
    stdout.write(
        f"Member survey published with {DEMO_RESPONSES} made-up responses "
        "(results: staff@example.org → /surveys/results/).\n"
    )
