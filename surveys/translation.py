"""Survey content in several languages, with django-modeltranslation.

Each field named here gets a column per language in LANGUAGES beside the original
(`title_en_gb`, `title_ar`, `title_pl`); reading `survey.title` gives the active language's
text, or the original (the default language's, `title_en_gb`) where that part is not translated
yet. The translations live in the same rows, so the survey page loads them in the same queries
and its cached structure (surveys.selectors) holds every language at once.

Only the questionnaire is translated. What people answer is stored the same whatever language
they answered in (choices by id), so results, breakdowns and exports merge every language; and
nothing records which language that was (an anonymous response must not say it: the one person
who answered in Somali would stand out).
"""

from modeltranslation.translator import TranslationOptions, register

from surveys.models import Choice, Findings, Question, Section, Survey


@register(Survey)
class SurveyTranslation(TranslationOptions):
    fields = ("title", "intro")


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("title", "intro")


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "help_text", "required_message", "min_label", "max_label")


@register(Choice)
class ChoiceTranslation(TranslationOptions):
    fields = ("text", "group")


@register(Findings)
class FindingsTranslation(TranslationOptions):
    fields = ("summary", "actions")
