"""The analyst attack: a survey manager combines every table the portal lets them download.

The attacker signs in as a survey manager and, through the test client, reads everything there
is for a survey: the results index, the results page (counts and percentages), the results CSV
(counts, percentages, averages, written-answer counts), the CSV of every breakdown the form
offers, and every page of written answers. It knows the survey's questions (the admin shows
them), that counts are whole numbers of 0 or more, and what each label implies:

- a number is exact; a percentage is the count over those who answered, rounded;
- "fewer than N" (the labels of the old pages) means 1 to N - 1; "not shown" means 0 or at
  least N; "withheld" means nothing more than "0 or more".

It then writes one integer program over the number of respondents with each possible pattern
of answers (every question's answer, and whether "please specify" text was written) — stronger
than any table-by-table reasoning, since every published number is a sum of those counts — and,
with SciPy's HiGHS (`scipy.optimize.milp`), finds the smallest and largest value each
published-but-hidden count can take. A count from 1 to threshold - 1 is *determined* when the
two are equal. Against the code before the joint audit, the first case recovers C = 1.
"""

import csv
import html
import io
import itertools
import random
import re

import numpy as np
import pytest
from django.urls import reverse
from django.utils import timezone
from scipy.optimize import Bounds, LinearConstraint, milp

from surveys.forms import rating_choices
from surveys.models import Answer, Question, Response
from tests.surveys.factories import (
    ChoiceFactory,
    QuestionFactory,
    SectionFactory,
    SurveyFactory,
    add_pairs,
    add_responses,
    choice_question,
)

pytestmark = pytest.mark.django_db

BIG = 10_000


# ---- the survey as the attacker knows it (from the admin) --------------------------------------


def answer_states(question):
    """Every possible answer of one person to a question, as (frozenset of categories, texts)."""
    kind = question.kind
    if kind in Question.TEXT_KINDS or kind == Question.Kind.NUMBER:
        return [(frozenset(), frozenset()), (frozenset({"answered"}), frozenset())]
    if kind == Question.Kind.RATING:
        values = [int(v) for v, _ in rating_choices(question)]
        return [(frozenset(), frozenset())] + [(frozenset({v}), frozenset()) for v in values]
    choices = list(question.choices.all())
    if kind == Question.Kind.MULTIPLE:
        picks = [
            frozenset(s)
            for k in range(len(choices) + 1)
            for s in itertools.combinations(choices, k)
        ]
    else:
        picks = [frozenset()] + [frozenset({c}) for c in choices]
    states = []
    for pick in picks:
        others = [c.pk for c in pick if c.is_other]
        for wrote in itertools.product([False, True], repeat=len(others)):
            texts = frozenset(pk for pk, w in zip(others, wrote, strict=True) if w)
            states.append((frozenset(c.pk for c in pick), texts))
    return states


def category_labels(question):
    if question.kind == Question.Kind.RATING:
        return {label: int(value) for value, label in rating_choices(question)}
    if question.kind in Question.TEXT_KINDS:
        return {"Answered": "answered"}
    return {choice.text: choice.pk for choice in question.choices.all()}


class Attacker:
    def __init__(self, survey):
        self.survey = survey
        self.threshold = survey.threshold
        self.questions = list(
            Question.objects.filter(section__survey=survey)
            .order_by("section__position", "position", "id")
            .prefetch_related("choices")
        )
        self.by_text = {q.text: q for q in self.questions}
        states = [answer_states(q) for q in self.questions]
        self.patterns = list(itertools.product(*states))
        assert len(self.patterns) < 5000, "keep attacked surveys small"
        self.facts = []  # (name, expression vector, label)

    def expression(self, test):
        """A published count: how many respondents' patterns pass `test(pattern)`."""
        return np.array([1.0 if test(p) else 0.0 for p in self.patterns])

    def index(self, question):
        return self.questions.index(question)

    def answered(self, q):
        i = self.index(q)
        return self.expression(lambda p: bool(p[i][0]))

    def chose(self, q, key):
        i = self.index(q)
        return self.expression(lambda p: key in p[i][0])

    def wrote(self, q, choice_pk):
        i = self.index(q)
        return self.expression(lambda p: choice_pk in p[i][1])

    def cross(self, q, r, by, c):
        i, j = self.index(q), self.index(by)
        if r is None:
            return self.expression(lambda p: bool(p[i][0]) and (c in p[j][0] if c else not p[j][0]))
        return self.expression(lambda p: r in p[i][0] and (c in p[j][0] if c else not p[j][0]))

    def publish(self, name, vector, label, *, of=None):
        self.facts.append((name, vector, label.strip(), of))

    # ---- reading what a survey manager can download -------------------------------------------

    def read_everything(self, client):
        slug = self.survey.slug
        index = client.get(reverse("surveys:results-index")).content.decode()
        page = client.get(reverse("surveys:survey-results", args=[slug])).content.decode()
        self.read_index(index)
        self.read_results_csv(download(client, reverse("surveys:results-export", args=[slug])))
        self.read_results_page(page)
        for question_id in set(
            re.findall(rf"/surveys/{slug}/results/questions/(\d+)/answers/", page)
        ):
            self.read_written_answers(client, int(question_id))
        rows = re.search(r'<select name="question".*?</select>', page, re.S)
        bys = re.search(r'<select name="by".*?</select>', page, re.S)
        if rows and bys:
            for q in re.findall(r'<option value="(\d+)"', rows.group(0)):
                for by in re.findall(r'<option value="(\d+)"', bys.group(0)):
                    if q != by:
                        url = reverse("surveys:results-export", args=[slug])
                        self.read_breakdown_csv(download(client, url, question=q, by=by), q, by)

    def total(self):
        return self.expression(lambda p: True)

    def read_index(self, content):
        match = re.search(
            rf">{re.escape(html.escape(self.survey.title))}</a></th>\s*<td>.*?</td>\s*<td>(.*?)</td>",
            content,
            re.S,
        )
        if match:
            self.publish("responses (index)", self.total(), html.unescape(match.group(1)))

    def question_of(self, label):
        return self.by_text[label.split(". ", 1)[1]]

    def read_results_csv(self, rows):
        for row in rows:
            if len(row) >= 2 and row[0] == "responses":
                self.publish("responses", self.total(), row[1])
            if len(row) < 3 or not re.match(r"\d+\. ", row[0]) or row[1] == "answer":
                continue
            q = self.question_of(row[0])
            what, value = row[1], row[2]
            if what == "(answered)":
                self.publish(f"{q.text} answered", self.answered(q), value)
            elif what == "(average)":
                self.average(q, float(value), decimals=2)
            elif what.endswith(" (written answers)"):
                choice = q.choices.get(text=what[: -len(" (written answers)")])
                self.publish(f"{q.text}/{choice.text} wrote", self.wrote(q, choice.pk), value)
            else:
                key = category_labels(q)[what]
                self.publish(f"{q.text}/{what}", self.chose(q, key), value, of=None)
                if len(row) > 3 and row[3]:
                    self.percent(q, self.chose(q, key), row[3])

    def read_results_page(self, content):
        for section in content.split('<section class="result"')[1:]:
            title = re.search(r'<h2 class="h4" id="result-\d+">(.*?)</h2>', section)
            q = self.question_of(html.unescape(title.group(1)))
            answered = re.search(
                r"<p>Answered by:? ([^<]*?)(?: of \d+ people| people)?\.</p>", section
            )
            if answered:
                self.publish(f"{q.text} answered (page)", self.answered(q), answered.group(1))
            for label, value, percent in re.findall(
                r'<tr><th scope="row">(.*?)</th><td class="text-end">(.*?)</td>'
                r'<td class="text-end">(.*?)</td></tr>',
                section,
            ):
                key = category_labels(q)[html.unescape(label)]
                self.publish(f"{q.text}/{label} (page)", self.chose(q, key), value)
                if percent:
                    self.percent(q, self.chose(q, key), percent)

    def read_written_answers(self, client, question_id):
        q = next(q for q in self.questions if q.pk == question_id)
        url = reverse("surveys:results-text", args=[self.survey.slug, question_id])
        counts, page = {}, 1
        for _ in range(100):
            content = client.get(url, {"page": page}).content.decode()
            for label, value in re.findall(
                r'<tr><th scope="row">(.*?)</th><td class="text-end">(.*?)</td></tr>', content
            ):
                choice = q.choices.get(text=html.unescape(label))
                self.publish(f"{q.text}/{label} wrote (page)", self.wrote(q, choice.pk), value)
            items = re.findall(
                r"<li>(.*?)</li>", content.split('class="text-answers"', 1)[-1], re.S
            )
            if 'class="text-answers"' not in content:
                items = []
            for item in items:
                match = re.match(r'<span class="fw-bold">(.*?):</span>', item)
                label = html.unescape(match.group(1)) if match else None
                counts[label] = counts.get(label, 0) + 1
            if "Next page" not in content:
                break
            page += 1
        for label, count in counts.items():
            if label is None and q.kind in Question.TEXT_KINDS:
                self.publish(f"{q.text} written (pages)", self.answered(q), str(count))
            elif label is not None:
                choice = q.choices.get(text=label)
                self.publish(
                    f"{q.text}/{label} written (pages)", self.wrote(q, choice.pk), str(count)
                )

    def read_breakdown_csv(self, rows, question_id, by_id):
        q = next(q for q in self.questions if q.pk == int(question_id))
        by = next(q for q in self.questions if q.pk == int(by_id))
        header = next((row for row in rows if row and row[0] == "" and row[-1] == "total"), None)
        if header is None:
            return
        cols = [
            category_labels(by).get(label) if label != "No answer" else 0 for label in header[1:-1]
        ]
        start = rows.index(header) + 1
        for row in rows[start:]:
            if not row:
                continue
            r = None if row[0] == "total" else category_labels(q)[row[0]]
            for c, value in zip(cols, row[1:-1], strict=True):
                self.publish(f"{q.text}×{by.text}[{row[0]}, {c}]", self.cross(q, r, by, c), value)
            if r is None:
                self.publish(f"{q.text} answered (breakdown)", self.answered(q), row[-1])
            else:
                self.publish(f"{q.text}/{row[0]} (breakdown)", self.chose(q, r), row[-1])

    # ---- rounded numbers: intervals -------------------------------------------------------------

    def percent(self, q, count, text):
        self.facts.append(
            ("percent", (count, self.answered(q), float(text.rstrip("%"))), "%", None)
        )

    def average(self, q, value, *, decimals):
        if q.kind != Question.Kind.RATING:
            return  # an average of free numbers is not a sum of counts
        i = self.index(q)
        weighted = self.expression(lambda p: 0) + np.array(
            [next(iter(p[i][0])) if p[i][0] else 0 for p in self.patterns], dtype=float
        )
        self.facts.append(("average", (weighted, self.answered(q), value, decimals), "avg", None))

    # ---- the integer program ---------------------------------------------------------------

    def program(self):
        """Constraints over [pattern counts..., one binary per "not shown" label]."""
        n = len(self.patterns)
        notshown = [f for f in self.facts if f[2] == "not shown"]
        width = n + len(notshown)
        rows, low, high = [], [], []

        def add(vector, lo, hi, extra=None):
            row = np.zeros(width)
            row[:n] = vector
            if extra:
                row[extra[0]] = extra[1]
            rows.append(row)
            low.append(lo)
            high.append(hi)

        binary = n
        t = self.threshold
        for name, vector, label, _ in self.facts:
            if name == "percent":
                count, answered, p = vector
                add(100 * count - (p - 0.5) * answered, 0, np.inf)
                add(100 * count - (p + 0.5) * answered, -np.inf, 0)
            elif name == "average":
                weighted, answered, value, decimals = vector
                half = 0.5 * 10**-decimals
                add(weighted - (value - half) * answered, 0, np.inf)
                add(weighted - (value + half) * answered, -np.inf, 0)
            elif re.fullmatch(r"\d+", label):
                add(vector, int(label), int(label))
            elif label.startswith("fewer than"):
                add(vector, 1, int(label.split()[-1]) - 1)
            elif label == "not shown":
                # 0, or at least t: count <= BIG * b and count >= t * b
                add(vector, -np.inf, 0, (binary, -BIG))
                add(vector, 0, np.inf, (binary, -t))
                binary += 1
            # "withheld" (and anything else): 0 or more, which every count already is
        integrality = np.ones(width)
        bounds = Bounds(np.zeros(width), np.r_[np.full(n, BIG), np.ones(width - n)])
        return LinearConstraint(np.array(rows), low, high), integrality, bounds, width

    def ranges(self):
        """(name, lowest, highest) of every published count that is not shown as a number."""
        constraint, integrality, bounds, width = self.program()
        found = {}
        for name, vector, label, _ in self.facts:
            if name in ("percent", "average") or re.fullmatch(r"\d+", label):
                continue
            key = tuple(vector)
            if key in found:
                continue
            objective = np.zeros(width)
            objective[: len(vector)] = vector
            lowest = milp(objective, constraints=constraint, integrality=integrality, bounds=bounds)
            highest = milp(
                -objective, constraints=constraint, integrality=integrality, bounds=bounds
            )
            assert lowest.status == 0 and highest.status == 0, f"published numbers disagree: {name}"
            found[key] = (name, round(lowest.fun), round(-highest.fun), vector)
        return list(found.values())


def download(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode())))


def true_value(attacker, vector):
    """The count behind a published cell, from the stored answers (the test knows the truth)."""
    counts = {}
    for response in Response.objects.filter(survey=attacker.survey).prefetch_related("answers"):
        states = []
        for q in attacker.questions:
            answers = [a for a in response.answers.all() if a.question_id == q.pk]
            keys = set()
            texts = set()
            for a in answers:
                if q.kind in Question.TEXT_KINDS or q.kind == Question.Kind.NUMBER:
                    keys.add("answered")
                elif q.kind == Question.Kind.RATING:
                    keys.add(a.number)
                else:
                    keys.add(a.choice_id)
                    if a.text:
                        texts.add(a.choice_id)
            states.append((frozenset(keys), frozenset(texts)))
        pattern = tuple(states)
        counts[pattern] = counts.get(pattern, 0) + 1
    z = np.array([counts.get(p, 0) for p in attacker.patterns], dtype=float)
    return round(float(vector @ z))


def attack(client, survey_manager, survey):
    client.force_login(survey_manager)
    attacker = Attacker(survey)
    attacker.read_everything(client)
    assert attacker.facts, "the attacker read nothing"
    t = survey.threshold
    determined, provably_small = [], []
    for name, lowest, highest, vector in attacker.ranges():
        truth = true_value(attacker, vector)
        if lowest == highest and 0 < lowest < t:
            determined.append(f"{name} = {lowest}")
        if 0 < truth < t and lowest > 0 and highest < t:
            provably_small.append(f"{name} in [{lowest}, {highest}] (truth {truth})")
    return determined, provably_small


# ---- the cases ---------------------------------------------------------------------------------


def test_answered_12_a_6_b_5_c_1_gives_nothing_away(client, survey_manager):
    # From issue 9: "answered 12, A 6, B not shown, C fewer than 5" gave C = 1 and B = 5.
    survey = SurveyFactory(slug="example")
    question = choice_question(SectionFactory(survey=survey), "Pick one?", ["A", "B", "C"])
    add_responses(survey, question, {"A": 6, "B": 5, "C": 1})
    determined, small = attack(client, survey_manager, survey)
    assert determined == []
    assert small == []


def test_an_answer_given_by_a_single_person(client, survey_manager):
    survey = SurveyFactory(slug="single")
    section = SectionFactory(survey=survey)
    heard = choice_question(section, "Heard?", ["Friend", "Web", "Event"], position=0)
    group = choice_question(section, "Group?", ["G1", "G2"], position=1)
    counts = {("Friend", "G1"): 7, ("Friend", "G2"): 6, ("Web", "G1"): 5, ("Web", "G2"): 8}
    counts[("Event", "G2")] = 1  # the one person who came from an event
    add_pairs(survey, heard, group, counts)
    determined, small = attack(client, survey_manager, survey)
    assert determined == []
    assert small == []


def test_two_crossed_questions_with_small_cells(client, survey_manager):
    survey = SurveyFactory(slug="crossed")
    section = SectionFactory(survey=survey)
    heard = choice_question(section, "Heard?", ["Friend", "Web", "Event"], position=0)
    group = choice_question(section, "Group?", ["G1", "G2", "G3"], position=1)
    add_pairs(
        survey,
        heard,
        group,
        {
            ("Friend", "G1"): 3,
            ("Friend", "G2"): 12,
            ("Friend", "G3"): 9,
            ("Web", "G1"): 8,
            ("Web", "G2"): 2,
            ("Web", "G3"): 7,
            ("Event", "G1"): 6,
            ("Event", "G2"): 11,
            ("Event", "G3"): 1,
            ("Event", None): 2,
        },
    )
    determined, small = attack(client, survey_manager, survey)
    assert determined == []
    assert small == []


def test_a_survey_at_exactly_the_threshold(client, survey_manager):
    survey = SurveyFactory(slug="exactly")
    section = SectionFactory(survey=survey)
    heard = choice_question(section, "Heard?", ["Friend", "Web"], position=0)
    rate = QuestionFactory(
        section=section,
        text="Rate?",
        kind=Question.Kind.RATING,
        min_value=1,
        max_value=3,
        position=1,
    )
    add_responses(survey, heard, {"Friend": 4, "Web": 1})
    for number, answer in zip([1, 3, 3, 3, 2], Answer.objects.filter(question=heard), strict=True):
        Answer.objects.create(response=answer.response, question=rate, number=number)
    determined, small = attack(client, survey_manager, survey)
    assert determined == []
    assert small == []


def test_other_please_specify_text(client, survey_manager):
    survey = SurveyFactory(slug="other")
    section = SectionFactory(survey=survey)
    heard = choice_question(section, "Heard?", ["Friend", "Web"], position=0)
    other = ChoiceFactory(question=heard, text="Other", position=9, is_other=True)
    said = QuestionFactory(section=section, text="Say?", kind=Question.Kind.LONG_TEXT, position=1)
    today = timezone.localdate()
    plan = [("Friend", "kind people")] * 6 + [("Web", None)] * 6 + [("Other", "my village")] * 2
    plan += [("Other", None)] * 5
    for n, (choice_text, text) in enumerate(plan):
        response = Response.objects.create(survey=survey, submitted_on=today)
        choice = other if choice_text == "Other" else heard.choices.get(text=choice_text)
        Answer.objects.create(
            response=response,
            question=heard,
            choice=choice,
            text=text if choice_text == "Other" and text else "",
        )
        if text and n % 2 == 0:
            Answer.objects.create(response=response, question=said, text=text)
    determined, small = attack(client, survey_manager, survey)
    assert determined == []
    assert small == []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_small_surveys_with_a_multiple_choice_and_a_rating(client, survey_manager, seed):
    # Small, skewed random answers: many cells of 1 to 4, crossed three ways, including a
    # multiple-choice question (whose counts add up to more than the number who answered).
    rng = random.Random(seed)
    survey = SurveyFactory(slug=f"random-{seed}")
    section = SectionFactory(survey=survey)
    group = choice_question(section, "Group?", ["G1", "G2", "G3"], position=0)
    ticks = choice_question(
        section, "Ticks?", ["X", "Y", "Z"], kind=Question.Kind.MULTIPLE, position=1
    )
    rate = QuestionFactory(
        section=section,
        text="Rate?",
        kind=Question.Kind.RATING,
        min_value=1,
        max_value=3,
        position=2,
    )
    groups, boxes = list(group.choices.all()), list(ticks.choices.all())
    today = timezone.localdate()
    for _ in range(rng.randint(12, 30)):
        response = Response.objects.create(survey=survey, submitted_on=today)
        if rng.random() < 0.9:
            choice = groups[min(int(rng.expovariate(0.8)), 2)]
            Answer.objects.create(response=response, question=group, choice=choice)
        for box in rng.sample(boxes, k=rng.randint(0, 2)):
            Answer.objects.create(response=response, question=ticks, choice=box)
        if rng.random() < 0.8:
            Answer.objects.create(response=response, question=rate, number=rng.randint(1, 3))
    determined, small = attack(client, survey_manager, survey)
    assert determined == []
    assert small == []


def test_a_published_what_we_heard_page_gives_nothing_more_away(client, survey_manager):
    # Issue 12: the analyst reads the staff tables and the published page together.
    from surveys.models import Findings, Survey

    survey = SurveyFactory(slug="heard", status=Survey.Status.CLOSED)
    section = SectionFactory(survey=survey)
    first = choice_question(section, "Pick one?", ["A", "B", "C"], position=0)
    second = choice_question(section, "And?", ["Yes", "No"], position=1)
    add_pairs(
        survey,
        first,
        second,
        {("A", "Yes"): 5, ("A", "No"): 1, ("B", "Yes"): 2, ("B", "No"): 3, ("C", "Yes"): 1},
    )
    findings = Findings.objects.create(
        survey=survey,
        summary="What we heard.",
        actions="What we will do.",
        audience=Findings.Audience.EVERYONE,
        published_on=timezone.localdate(),
    )
    client.force_login(survey_manager)
    attacker = Attacker(survey)
    attacker.read_everything(client)
    staff_facts = len(attacker.facts)
    client.logout()
    published = client.get(findings.get_absolute_url()).content.decode()
    # The public page uses the staff page's markup with a lower heading level.
    attacker.read_results_page(published.replace("<h3 ", "<h2 ").replace("</h3>", "</h2>"))
    assert len(attacker.facts) > staff_facts, "the attacker read the published page"
    assert ">withheld<" in published, "the case has small counts on the published page too"
    t = survey.threshold
    shown_small = [
        value
        for value in re.findall(r'<td class="text-end">(\d+)</td>', published)
        if 0 < int(value) < t
    ]
    determined = [
        f"{name} = {lowest}"
        for name, lowest, highest, _ in attacker.ranges()
        if lowest == highest and 0 < lowest < t
    ]
    assert shown_small == [] and determined == []
