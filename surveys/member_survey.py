"""The member survey from the Collective's "next steps in becoming an anti-racist community".

Shipped as content: `manage.py load_member_survey` creates it once (as a draft, or published
with --publish); after that staff edit it in the admin like any other survey.
"""

from django.db import transaction

from surveys.content_languages import original_language, translations_fill
from surveys.member_survey_languages import TRANSLATIONS
from surveys.models import Choice, Question, Section, Survey

SLUG = "member-survey"

PREFER_NOT = {"text": "Prefer not to say", "is_prefer_not_to_say": True}

# ONS Census 2021, England and Wales: 19 ethnic groups under 5 headings.
ETHNIC_GROUPS = [
    (
        "Asian, Asian British or Asian Welsh",
        ["Bangladeshi", "Chinese", "Indian", "Pakistani", "Any other Asian background"],
    ),
    (
        "Black, Black British, Black Welsh, Caribbean or African",
        ["African", "Caribbean", "Any other Black, Black British or Caribbean background"],
    ),
    (
        "Mixed or Multiple ethnic groups",
        [
            "White and Asian",
            "White and Black African",
            "White and Black Caribbean",
            "Any other Mixed or Multiple ethnic background",
        ],
    ),
    (
        "White",
        [
            "English, Welsh, Scottish, Northern Irish or British",
            "Irish",
            "Gypsy or Irish Traveller",
            "Roma",
            "Any other White background",
        ],
    ),
    ("Other ethnic group", ["Arab", "Any other ethnic group"]),
]


def _ethnic_choices():
    choices = []
    for heading, names in ETHNIC_GROUPS:
        for name in names:
            choices.append({"text": name, "group": heading, "is_other": name.startswith("Any ")})
    return choices + [PREFER_NOT]


SECTIONS = [
    {
        "title": "Finding the Collective",
        "intro": "First, a little about how you came to the Collective.",
        "questions": [
            {
                "key": "found",
                "text": "How did you find out about the Collective?",
                "required_message": "Choose how you found out about the Collective",
                "kind": Question.Kind.SINGLE,
                "required": True,
                "choices": [
                    {"text": "A friend, family member or colleague"},
                    {"text": "A university or research organisation"},
                    {"text": "A charity, community group or health service"},
                    {"text": "Social media"},
                    {"text": "An event or talk"},
                    {"text": "Our website or newsletter"},
                    {"text": "Other", "is_other": True},
                ],
            },
            {
                "key": "why",
                "text": "Why did you join the Collective?",
                "required_message": "Tell us why you joined the Collective",
                "kind": Question.Kind.LONG_TEXT,
                "required": True,
                "help_text": "A sentence or two is plenty.",
            },
        ],
    },
    {
        "title": "Being part of the Collective",
        "intro": "",
        "questions": [
            {
                "key": "value",
                "text": "What do you get out of being part of the Collective?",
                "kind": Question.Kind.MULTIPLE,
                "required": False,
                "choices": [
                    {"text": "Taking part in research that matters to me"},
                    {"text": "Meeting people with similar experiences"},
                    {"text": "Learning new skills"},
                    {"text": "Being paid for my time and expertise"},
                    {"text": "Changing how research and services are done"},
                    {"text": "Something else", "is_other": True},
                ],
            },
            {
                "key": "welcome",
                "text": "How welcome do you feel in the Collective?",
                "kind": Question.Kind.RATING,
                "required": False,
                "min_value": 1,
                "max_value": 5,
                "min_label": "Not at all welcome",
                "max_label": "Very welcome",
            },
        ],
    },
    {
        "title": "Taking part",
        "intro": "We want to remove whatever gets in the way of people taking part.",
        "questions": [
            {
                "key": "barriers",
                "text": "Is there anything that stops you, or anyone you know, being more "
                "active in the Collective?",
                "required_message": "Choose yes or no",
                "kind": Question.Kind.YES_NO,
                "required": True,
            },
            {
                "key": "barriers_what",
                "text": "What gets in the way?",
                "required_message": "Tell us what gets in the way",
                "kind": Question.Kind.LONG_TEXT,
                "required": True,
                "help_text": "For example times of meetings, costs, language, access needs, "
                "or not feeling that people like you are welcome.",
                "show_if": ("barriers", ["Yes"]),
            },
        ],
    },
    {
        "title": "About you (optional)",
        "intro": "These equality-monitoring questions are optional. They help us see whether "
        "some communities are missing from the Collective. Results are only ever shown for "
        "groups of at least 5 people.",
        "questions": [
            {
                "key": "ethnic_group",
                "text": "What is your ethnic group?",
                "kind": Question.Kind.SINGLE,
                "required": False,
                "help_text": "The categories of the 2021 Census for England and Wales. Choose "
                "the one that best describes your ethnic group or background.",
                "choices": _ethnic_choices(),
            },
        ],
    },
]


def load_member_survey(*, publish=False):
    """Create the member survey if it does not exist, and give it its Arabic and Polish
    content where a text has no translation yet. Returns (survey, created)."""
    # The texts below are the original (English): written to its columns whatever language
    # is active where this runs.
    with original_language(), transaction.atomic():
        survey, created = _load(publish)
        member_survey_translate(survey)
    return survey, created


def member_survey_translate(survey):
    """Fill the survey's untranslated texts whose original is still the shipped one (staff's
    own edits and translations are left as they are)."""
    objects = [survey, *Section.objects.filter(survey=survey)]
    questions = Question.objects.filter(section__survey=survey)
    objects += [*questions, *Choice.objects.filter(question__in=questions)]
    return sum(translations_fill(obj, TRANSLATIONS) for obj in objects)


def _load(publish):
    survey = Survey.objects.filter(slug=SLUG).first()
    if survey is not None:
        return survey, False
    survey = Survey.objects.create(
        slug=SLUG,
        title="Member survey: taking part in the Collective",
        intro="This survey helps us understand how people find the Collective, why they "
        "join, what they get from it, and what stops people taking part more. It takes "
        "about 5 minutes. It is anonymous: we record that you took part, but your answers "
        "are stored separately and are never linked to you.",
        mode=Survey.Mode.ANONYMOUS,
        audience=Survey.Audience.MEMBERS,
        threshold=5,
        status=Survey.Status.PUBLISHED if publish else Survey.Status.DRAFT,
    )
    questions = {}
    for section_position, spec in enumerate(SECTIONS):
        section = Section.objects.create(
            survey=survey, title=spec["title"], intro=spec["intro"], position=section_position
        )
        for position, item in enumerate(spec["questions"]):
            questions[item["key"]] = _create_question(section, position, item, questions)
    return survey, True


def _create_question(section, position, item, questions):
    question = Question.objects.create(
        section=section,
        position=position,
        text=item["text"],
        help_text=item.get("help_text", ""),
        kind=item["kind"],
        required=item["required"],
        required_message=item.get("required_message", ""),
        min_value=item.get("min_value"),
        max_value=item.get("max_value"),
        min_label=item.get("min_label", ""),
        max_label=item.get("max_label", ""),
    )
    Choice.objects.bulk_create(
        [
            Choice(question=question, position=index, **choice)
            for index, choice in enumerate(item.get("choices", []))
        ]
    )
    question.ensure_yes_no_choices()
    if "show_if" in item:
        key, texts = item["show_if"]
        question.show_if_question = questions[key]
        question.save(update_fields=["show_if_question"])
        question.show_if_choices.set(questions[key].choices.filter(text__in=texts))
    return question
