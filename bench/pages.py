"""Requests per second of the pages people use, as a ratio of /healthz measured in the same run.

    DATABASE_URL=postgres://…/throwaway REDIS_URL=redis://127.0.0.1:6379/N \\
        .venv/bin/python bench/pages.py [--seconds 5] [--rounds 3] [--port 8180]

Migrates the database, seeds the demo content, starts gunicorn -w 2 with gunicorn.conf.py and
DEBUG=0, then runs `wrk -t2 -c16` against /healthz and then a page, pair after pair, round after
round (signed-in pages carry a session cookie made with Client.force_login; every request says
X-Forwarded-Proto: https as the TLS proxy would). Prints each page's median ratio to /healthz;
the target is 0.3x or more. Ratios only: the cores are shared with wrk and anything else running.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness  # noqa: E402

TARGET = 0.3
REFERENCE = "/healthz signed in"


def pages():
    """(name, path, signed in?) for each page, from the seeded demo content."""
    from facilitation.models import Session
    from library.models import Resource
    from surveys.member_survey import SLUG

    resource = Resource.objects.order_by("pk").first()
    session = Session.objects.order_by("pk").first()
    return [
        ("/", "/", False),
        ("/library/", "/library/", False),
        ("/library/?q=racism", "/library/?q=racism", False),
        ("a resource page", f"/library/resources/{resource.pk}/", False),
        ("/surveys/", "/surveys/", True),
        ("a survey page", f"/surveys/{SLUG}/page/1/", True),
        ("/facilitation/", "/facilitation/", False),
        ("/facilitation/sessions/", "/facilitation/sessions/", False),
        ("a session page", f"/facilitation/sessions/{session.pk}/", True),
        ("/feedback/", "/feedback/", False),
        # Not a page: what signing in alone costs (the session and the user, read on every
        # signed-in request), the ceiling for the member pages above.
        (REFERENCE, "/healthz", True),
    ]


def bench_member():
    """A member who has not taken part in the member survey, so its pages are there to fill."""
    from allauth.account.models import EmailAddress

    from collective.models import User

    user, _ = User.objects.get_or_create(email="bench-member@example.org")
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    user.survey_drafts.all().delete()
    return user


def main():
    args = _harness.start(__doc__)
    cookie = _harness.session_cookie(bench_member())
    targets = pages()
    ratios = {name: [] for name, _, _ in targets}
    with _harness.gunicorn(args.port) as base:
        for name, path, signed_in in targets:
            status, _ = _harness.fetch(base + path, cookie if signed_in else None)
            if status != 200:
                sys.exit(f"{name} ({path}) answered {status}, not 200: check the seeded data.")
        for round_number in range(1, args.rounds + 1):
            print(f"round {round_number}:", flush=True)
            for name, path, signed_in in targets:
                # /healthz right before each page: the load on the machine drifts.
                healthz = _harness.wrk(base + "/healthz", seconds=args.seconds)
                rate = _harness.wrk(
                    base + path, seconds=args.seconds, cookie=cookie if signed_in else None
                )
                ratios[name].append(rate / healthz)
                print(
                    f"  {name:<26} {rate:8.0f} req/s, /healthz {healthz:6.0f}: "
                    f"{rate / healthz:.2f}x",
                    flush=True,
                )

    print(f"\nMedian of {args.rounds} rounds, req/s as a ratio of /healthz (target ≥ {TARGET}x):")
    failing = []
    for name, values in ratios.items():
        ratio = _harness.median(values)
        if name == REFERENCE:
            print(f"  {name:<26} {ratio:.2f}x  (reference: signing in alone)")
            continue
        mark = "ok" if ratio >= TARGET else "BELOW TARGET"
        failing += [name] if ratio < TARGET else []
        print(f"  {name:<26} {ratio:.2f}x  {mark}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
