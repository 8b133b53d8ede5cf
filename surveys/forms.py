"""The form for one page of a survey, built from its questions."""

from dataclasses import dataclass, field

from django import forms
from django.contrib.auth.models import Group
from django.utils.datastructures import MultiValueDict
from django.utils.html import conditional_escape
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from collective.lib.groups import group_label
from surveys.models import InvitationSend, Question
from surveys.selectors import survey_structure

SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 5000
# Keeps numbers inside a PostgreSQL integer whatever the admin set (or left empty).
NUMBER_LIMIT = 1_000_000_000
RAW_VALUE_MAX = 10_000


@dataclass
class AnswerValue:
    question: Question
    choices: list = field(default_factory=list)
    number: int | None = None
    text: str = ""
    #: "Please specify" texts of the chosen "other" choices: {choice id: text}.
    texts: dict = field(default_factory=dict)

    def display(self):
        if self.question.kind in Question.TEXT_KINDS:
            return self.text
        if self.number is not None:
            return str(self.number)
        labels = []
        for choice in self.choices:
            said = self.texts.get(choice.pk)
            labels.append(
                gettext("%(choice)s (you said: %(said)s)") % {"choice": choice.text, "said": said}
                if said
                else choice.text
            )
        return ", ".join(labels)


def raw_page_data(post, questions):
    """What the person typed on a page, as {field name: [values]}, safe to keep in a draft.

    NUL characters are removed (PostgreSQL cannot store them) and values are capped in length,
    so a draft can always be saved, whatever was sent.
    """
    data = {}
    for question in questions:
        for name in (question.field_name, *question.other_field_names):
            values = post.getlist(name)
            if values:
                data[name] = [value.replace("\x00", "")[:RAW_VALUE_MAX] for value in values[:200]]
    return data


def _choice_list(question):
    choices = list(question.choices.all())
    if not any(choice.group for choice in choices):
        return [(str(choice.pk), choice.text) for choice in choices]
    grouped, groups = [], {}
    for choice in choices:
        if not choice.group:
            grouped.append((str(choice.pk), choice.text))
            continue
        if choice.group not in groups:
            groups[choice.group] = []
            grouped.append((choice.group, groups[choice.group]))
        groups[choice.group].append((str(choice.pk), choice.text))
    return grouped


def rating_choices(question):
    low, high = question.min_value or 1, question.max_value or 5
    choices = []
    for value in range(low, min(high, low + 20) + 1):
        label = str(value)
        if value == low and question.min_label:
            label = f"{value} – {question.min_label}"
        elif value == high and question.max_label:
            label = f"{value} – {question.max_label}"
        choices.append((str(value), label))
    return choices


def _condition_hint(question):
    if question.show_if_question_id is None:
        return ""
    either = " {} ".format(pgettext("between alternatives", "or"))
    names = either.join(f"“{choice.text}”" for choice in question.show_if_choices.all())
    return gettext("Answer this only if you chose %(answers)s in question %(number)s.") % {
        "answers": names,
        "number": question.show_if_number,
    }


def question_field(question, *, required):
    Kind = Question.Kind
    hints = [question.help_text, _condition_hint(question)]
    if question.kind == Kind.MULTIPLE:
        hints.insert(0, gettext("Choose all that apply."))
    common = {
        "label": f"{question.number}. {question.text}",
        "required": required,
        # crispy renders help text as HTML: escape what staff typed.
        "help_text": conditional_escape(" ".join(filter(None, hints))),
        "error_messages": {
            "required": question.what_to_do(),
            "invalid_choice": gettext("Choose one of the answers shown"),
            "invalid": gettext("Enter a whole number, like 3"),
        },
    }
    if question.kind == Kind.SHORT_TEXT:
        return forms.CharField(max_length=SHORT_TEXT_MAX, **common)
    if question.kind == Kind.LONG_TEXT:
        widget = forms.Textarea(attrs={"rows": 5})
        return forms.CharField(max_length=LONG_TEXT_MAX, widget=widget, **common)
    if question.kind in (Kind.SINGLE, Kind.YES_NO):
        return forms.ChoiceField(choices=_choice_list(question), widget=forms.RadioSelect, **common)
    if question.kind == Kind.MULTIPLE:
        widget = forms.CheckboxSelectMultiple
        return forms.MultipleChoiceField(choices=_choice_list(question), widget=widget, **common)
    if question.kind == Kind.RATING:
        return forms.ChoiceField(
            choices=rating_choices(question), widget=forms.RadioSelect, **common
        )
    low = max(question.min_value, -NUMBER_LIMIT) if question.min_value is not None else None
    high = min(question.max_value, NUMBER_LIMIT) if question.max_value is not None else None
    return forms.IntegerField(
        min_value=low if low is not None else -NUMBER_LIMIT,
        max_value=high if high is not None else NUMBER_LIMIT,
        **common,
    )


class PageForm(forms.Form):
    """One survey page. `visible` is the set of question ids that apply: the others are
    optional, and whatever was entered for them is discarded. `version` is the survey
    structure's data version: the markup of a blank page is kept in memory under it."""

    def __init__(self, *args, questions, visible, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.visible = visible
        self.version = version
        for question in questions:
            applies = question.pk in visible
            self.fields[question.field_name] = question_field(
                question, required=question.required and applies
            )
            for choice in self._other_choices(question):
                # A box of its own for each "other" choice, labelled for it and shown under it.
                self.fields[choice.other_field_name] = forms.CharField(
                    label=choice.other_label, max_length=SHORT_TEXT_MAX, required=False
                )

    def as_html(self):
        """The questions' markup (surveys.rendering: no template per field)."""
        from surveys.rendering import page_form_html

        return page_form_html(self)

    @staticmethod
    def _other_choices(question):
        return [choice for choice in question.choices.all() if choice.is_other]

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            if question.pk not in self.visible:
                continue
            value = cleaned.get(question.field_name)
            if question.kind == Question.Kind.MULTIPLE and value:
                self._check_prefer_not_to_say(question, value)
            chosen = set(value if isinstance(value, list) else [value] if value else [])
            for choice in self._other_choices(question):
                said = (cleaned.get(choice.other_field_name) or "").strip()
                if str(choice.pk) in chosen and question.required and not said:
                    self.add_error(choice.other_field_name, f"{choice.other_label}")
        return cleaned

    def _check_prefer_not_to_say(self, question, value):
        opt_out = {
            str(choice.pk) for choice in question.choices.all() if choice.is_prefer_not_to_say
        }
        if opt_out & set(value) and len(value) > 1:
            self.add_error(
                question.field_name,
                gettext(
                    "You chose “Prefer not to say” and another answer: choose one or the other."
                ),
            )

    def answers(self):
        """The answers to the questions that apply, ready to save (after is_valid())."""
        answers = []
        for question in self.questions:
            value = self.cleaned_data.get(question.field_name)
            if question.pk not in self.visible or value in (None, "", []):
                continue
            answer = AnswerValue(question=question)
            if question.kind in Question.TEXT_KINDS:
                answer.text = value.strip()
                if not answer.text:
                    continue
            elif question.kind in (Question.Kind.RATING, Question.Kind.NUMBER):
                answer.number = int(value)
            else:
                wanted = set(value if isinstance(value, list) else [value])
                answer.choices = [c for c in question.choices.all() if str(c.pk) in wanted]
                for choice in answer.choices:
                    said = self.cleaned_data.get(choice.other_field_name) if choice.is_other else ""
                    if said and said.strip():
                        answer.texts[choice.pk] = said.strip()
            answers.append(answer)
        return answers


def initial_from_draft(data, questions):
    """Unbound initial values for a page from a draft's {name: [values]}."""
    initial = {}
    for question in questions:
        values = data.get(question.field_name)
        if values:
            multiple = question.kind == Question.Kind.MULTIPLE
            initial[question.field_name] = values if multiple else values[0]
        for name in question.other_field_names:
            if data.get(name):
                initial[name] = data[name][0]
    return initial


def bound_page_form(data, section, visible):
    return PageForm(MultiValueDict(data), questions=section.question_list, visible=visible)


class InvitationForm(forms.Form):
    """The intermediate page of the admin's invitation and reminder actions."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=InvitationSend.Kind.choices, widget=forms.RadioSelect
    )
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=Group.objects.order_by("name"),
        required=False,
        empty_label=_("Every member"),
        help_text=_("Send to the members of one group only, or leave as every member."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].label_from_instance = group_label


class BreakdownForm(forms.Form):
    question = forms.ChoiceField(label=_("Show the answers to"))
    by = forms.ChoiceField(label=_("Broken down by the answers to"))

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.structure = survey_structure(survey)
        questions = self.structure.questions
        self.fields["question"].choices = [
            (q.pk, f"{q.number}. {q.text}")
            for q in questions
            if q.kind in Question.CATEGORICAL_KINDS | Question.TEXT_KINDS
        ]
        self.fields["by"].choices = [
            (q.pk, f"{q.number}. {q.text}")
            for q in questions
            if q.kind in Question.CATEGORICAL_KINDS
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("question") and cleaned.get("question") == cleaned.get("by"):
            self.add_error(
                "by", gettext("Choose a different question to break the answers down by.")
            )
        return cleaned

    def questions(self):
        by_id = {str(q.pk): q for q in self.structure.questions}
        return by_id[self.cleaned_data["question"]], by_id[self.cleaned_data["by"]]
