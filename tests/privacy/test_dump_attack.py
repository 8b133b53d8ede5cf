"""The double envelope against a database backup and an SQL user (issue 9, "dump and SQL attack").

Thirty members answer an anonymous survey one after another, each submit its own transaction as
in production; then the release runs. The attacker holds a real `pg_dump --data-only` of the
database and can read every column of every table, with the system columns `xmin`, `xmax` and
`ctid`, over SQL. They try to pair each member's participation with their response by every
order the database keeps.

Chance: the release writes the batch in a uniformly random order, independent of the order
members answered in, so any pairing rule that does not read the answers themselves gets right
exactly the fixed points of a uniform random permutation of n = 30. That number is close to
Poisson(1): P(≥ 8 right) = 1.02e-5 (P(≥ 7) = 8.3e-5). With the ten strategies below, the test
fails by bad luck about once in 10,000 runs. Before the sealed release (participation and
response written in one transaction) dump order, ctid order and xmin each paired 30 of 30.
"""

import os
import re
import subprocess

import pytest
from django.db import connection

from collective.models import User
from surveys import services
from surveys.forms import AnswerValue
from surveys.models import Participation, Question, Response
from tests.conftest import missing_service, require_postgres
from tests.surveys.factories import SectionFactory, SurveyFactory, choice_question

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

MEMBERS = 30
MOST_BY_CHANCE = 7  # more right than this has probability 1.02e-5 (see the docstring)
PG_DUMP = "/usr/bin/pg_dump"


@pytest.fixture
def answered_survey():
    """An anonymous survey answered by MEMBERS members in a known order, then released.

    Returns the members in the order they answered; member i wrote "Answer of member i".
    """
    require_postgres()
    survey = SurveyFactory(title="Barriers", slug="barriers", threshold=5)
    section = SectionFactory(survey=survey, position=0)
    group = choice_question(section, "Ethnic group?", ["Asian", "Black", "Mixed", "White"])
    story = Question.objects.create(
        section=section, text="What gets in the way?", kind=Question.Kind.LONG_TEXT, position=9
    )
    choices = list(group.choices.order_by("position"))
    members = [User.objects.create(email=f"m{i:02d}@example.org") for i in range(MEMBERS)]
    for i, member in enumerate(members):  # autocommit: each submit is its own transaction
        answers = [
            AnswerValue(question=group, choices=[choices[i % len(choices)]]),
            AnswerValue(question=story, text=f"Answer of member {i}"),
        ]
        services.response_submit(survey=survey, user=member, answers=answers)
    release = getattr(services, "responses_release", None)
    if release is not None:  # the code before the sealed release had nothing to release
        release(survey=survey)
    return survey, members


def test_a_dump_and_sql_access_pair_no_more_members_with_their_answers_than_chance(
    answered_survey,
):
    survey, members = answered_survey
    truth = _true_pairs(members)
    dump = _copy_blocks(_pg_dump())
    sql = _every_table_with_system_columns()
    assert not dump.get("surveys_sealedresponse"), "answers still wait after the release"

    people, responses, answers = _attacker_view(survey, dump, sql)
    assert len(people) == len(responses) == len(truth) == MEMBERS  # the attack sees them all

    scores = {}
    for name, strategy in STRATEGIES.items():
        guesses = strategy(people, responses, answers, dump, sql)
        scores[name] = sum(truth.get(user) == response for user, response in guesses)
    assert max(scores.values()) <= MOST_BY_CHANCE, f"links recovered per strategy: {scores}"


# ---- what the test knows (the attacker does not) -------------------------------------------


def _true_pairs(members):
    """{user id: response id} from the answer texts."""
    index = {f"Answer of member {i}": str(member.pk) for i, member in enumerate(members)}
    rows = Response.objects.filter(answers__text__startswith="Answer of member ").values_list(
        "id", "answers__text"
    )
    return {index[text]: str(response) for response, text in rows}


# ---- what the attacker holds ----------------------------------------------------------------


def _pg_dump():
    if not os.access(PG_DUMP, os.X_OK):
        missing_service(f"this test needs {PG_DUMP} (Debian's postgresql-client)")
    db = connection.settings_dict
    args = [PG_DUMP, "--data-only", "--no-owner", "-U", db["USER"] or "postgres"]
    if db["HOST"]:
        args += ["-h", db["HOST"]]
    if db["PORT"]:
        args += ["-p", str(db["PORT"])]
    env = {**os.environ, "PGPASSWORD": db["PASSWORD"] or ""}
    done = subprocess.run(
        [*args, db["NAME"]], capture_output=True, text=True, env=env, timeout=120, check=True
    )
    return done.stdout


def _copy_blocks(dump):
    """{table: [row dicts in dump order]} from the COPY blocks of a plain-format dump."""
    tables, lines = {}, iter(dump.splitlines())
    for line in lines:
        match = re.match(r"COPY (\S+) \((.*)\) FROM stdin;$", line)
        if not match:
            continue
        columns = [name.strip().strip('"') for name in match[2].split(",")]
        rows = []
        for row in lines:
            if row == "\\.":
                break
            values = [None if value == "\\N" else value for value in row.split("\t")]
            rows.append(dict(zip(columns, values, strict=True)))
        tables[match[1].split(".")[-1].strip('"')] = rows
    return tables


def _every_table_with_system_columns():
    """{table: [row dicts]} for every table, each row with xmin, xmax and ctid, as an SQL user
    with read access sees them."""
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT xmin::text, xmax::text, ctid::text, * FROM "{table}"')
            names = [column[0] for column in cursor.description]
            names[:3] = ["_xmin", "_xmax", "_ctid"]
            tables[table] = [
                {
                    name: None if value is None else str(value)
                    for name, value in zip(names, row, strict=True)
                }
                for row in cursor.fetchall()
            ]
    return tables


def _ctid(text):
    page, item = text.strip("()").split(",")
    return int(page), int(item)


def _attacker_view(survey, dump, sql):
    """The survey's participations, responses and answers, each row with its place in the dump
    and its system columns."""
    survey_id = str(survey.pk)

    def rows(model, dump_filter):
        table = model._meta.db_table
        order = {row["id"]: n for n, row in enumerate(dump.get(table, []))}
        found = [row for row in sql[table] if dump_filter(row)]
        for row in found:
            row["_dump"] = order[row["id"]]
            row["_xmin"], row["_xmax"] = int(row["_xmin"]), int(row["_xmax"])
            row["_ctid"] = _ctid(row["_ctid"])
        return found

    people = rows(Participation, lambda row: row["survey_id"] == survey_id)
    responses = rows(Response, lambda row: row["survey_id"] == survey_id)
    ids = {row["id"] for row in responses}
    answers = rows(Response.answers.rel.related_model, lambda row: row["response_id"] in ids)
    # The member's own row: a submit locks it, which leaves its transaction in xmax.
    user_xmax = {row["id"]: int(row["_xmax"]) for row in sql[User._meta.db_table]}
    for person in people:
        person["_xids"] = {person["_xmin"], user_xmax[person["user_id"]]} - {0}
    return people, responses, answers


# ---- the strategies: each returns [(user id, response id)] ---------------------------------


def _zip(people, responses, person_key, response_key, reverse=False):
    people = sorted(people, key=person_key)
    responses = sorted(responses, key=response_key, reverse=reverse)
    return [(p["user_id"], r["id"]) for p, r in zip(people, responses, strict=False)]


def dump_order(people, responses, *_):
    return _zip(people, responses, lambda r: r["_dump"], lambda r: r["_dump"])


def dump_order_reversed(people, responses, *_):
    return _zip(people, responses, lambda r: r["_dump"], lambda r: r["_dump"], reverse=True)


def ctid_order(people, responses, *_):
    return _zip(people, responses, lambda r: r["_ctid"], lambda r: r["_ctid"])


def xmin_order(people, responses, *_):
    def key(row):
        return row["_xmin"], row["_ctid"]

    return _zip(people, responses, key, key)


def nearest_xmin(people, responses, *_):
    """Each participation (by its own transaction, or the one that locked the member's row)
    takes the free response written closest to it."""
    free, pairs = list(responses), []
    for person in sorted(people, key=lambda row: row["_xmin"]):
        best = min(
            free,
            key=lambda r: (min(abs(r["_xmin"] - xid) for xid in person["_xids"]), r["_ctid"]),
        )
        free.remove(best)
        pairs.append((person["user_id"], best["id"]))
    return pairs


def id_order(people, responses, *_):
    return _zip(people, responses, lambda r: r["id"], lambda r: r["id"])


def same_date(people, responses, *_):
    """By date, then by dump order, counting only pairs whose dates agree."""
    pairs = _zip(
        people,
        responses,
        lambda r: (r["took_part_on"], r["_dump"]),
        lambda r: (r["submitted_on"], r["_dump"]),
    )
    dates = {r["id"]: r["submitted_on"] for r in responses}
    took = {p["user_id"]: p["took_part_on"] for p in people}
    return [(user, response) for user, response in pairs if took[user] == dates[response]]


def answers_order(people, responses, answers, *_):
    """Responses in the order their answers were written (dump order of the answer table)."""
    first = {}
    for answer in sorted(answers, key=lambda row: row["_dump"]):
        first.setdefault(answer["response_id"], answer["_dump"])
    return _zip(people, responses, lambda r: r["_dump"], lambda r: first[r["id"]])


def answers_xmin(people, responses, answers, *_):
    first = {}
    for answer in sorted(answers, key=lambda row: (row["_xmin"], row["_ctid"])):
        first.setdefault(answer["response_id"], (answer["_xmin"], answer["_ctid"]))
    return _zip(people, responses, lambda r: (r["_xmin"], r["_ctid"]), lambda r: first[r["id"]])


def same_row_anywhere(people, responses, answers, dump, sql):
    """Any other row, in the dump or over SQL (a counter, a log, an e-mail, a sequence), that
    names one member and one response, or was written in a participation's transaction and
    names a response."""
    member_marks = {}
    for person in people:
        member_marks[person["id"]] = person["user_id"]
    users = {row["id"]: row for row in sql[User._meta.db_table]}
    for person in people:
        member_marks[users[person["user_id"]]["email"]] = person["user_id"]
    response_marks = {r["id"]: r["id"] for r in responses}
    for answer in answers:
        response_marks[answer["id"]] = answer["response_id"]
        if answer["text"]:
            response_marks[answer["text"]] = answer["response_id"]
    by_xid = {xid: person["user_id"] for person in people for xid in person["_xids"]}
    skip = {Participation._meta.db_table, Response._meta.db_table, "surveys_answer"}
    pairs = set()
    for source in (dump, sql):
        for table, rows in source.items():
            if table in skip:
                continue
            for row in rows:
                text = " ".join(str(value) for value in row.values())
                named = {user for mark, user in member_marks.items() if mark in text}
                if row.get("_xmin") and int(row["_xmin"]) in by_xid:
                    named.add(by_xid[int(row["_xmin"])])
                said = {resp for mark, resp in response_marks.items() if mark in text}
                if len(named) == 1 and len(said) == 1:
                    pairs.add((named.pop(), said.pop()))
    return sorted(pairs)


STRATEGIES = {
    "dump order": dump_order,
    "dump order, latest first": dump_order_reversed,
    "ctid order": ctid_order,
    "xmin order": xmin_order,
    "nearest xmin (or the member row's xmax)": nearest_xmin,
    "id order": id_order,
    "dates": same_date,
    "answer rows' dump order": answers_order,
    "answer rows' xmin": answers_xmin,
    "a row anywhere naming both (counters, logs, e-mail, same transaction)": same_row_anywhere,
}
