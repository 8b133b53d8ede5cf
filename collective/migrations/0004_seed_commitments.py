import datetime

from django.db import migrations

SEED_DATE = datetime.date(2021, 4, 19)

# The commitments of "Our next steps in becoming an anti-racist community" (19 April 2021), with
# that post as their first update. Staff edit them, and add updates, in the admin.
COMMITMENTS = [
    (
        "facilitated-discussions",
        "Hold safe-space discussions with an external facilitator",
        "Find an external facilitator who can help us hold honest discussions where people can ask "
        "questions without being judged: on being an effective ally in co-production, and on "
        "responding to microaggressions when they happen in our work together.",
        "started",
        "Everyone we spoke to felt that the first step is to find an external facilitator who can "
        "create a safe space for these discussions. We have already had several recommendations "
        "of people who are skilled at facilitating them, and we welcome more.",
    ),
    (
        "members-survey",
        "Survey members on what stops people taking part",
        "Ask members how they found out about the Collective, why they joined, what they get out "
        "of it, and whether anything stops them, or anyone they know, from being more active.",
        "started",
        "We are starting work on the survey with several members of our community and the group "
        "of people who came forward to help shape our work on being an anti-racist community.",
    ),
    (
        "library-of-resources",
        "Build a Library of Resources",
        "Collect blogs, videos, books and more, recommended by members, about what it means to be "
        "anti-racist, and lend the books we own so nobody has to buy them.",
        "started",
        "We have started the collection from our community's recommendations. If you would like "
        "to borrow a book on the reading list, you can ask us for a copy.",
    ),
    (
        "remove-barriers",
        "Remove barriers to people from different communities joining",
        "Understand what stops people from different communities joining the Collective and "
        "taking part, and remove those barriers. This will not happen overnight: we are "
        "committed for the long term.",
        "ongoing",
        "We agreed that the first step is to understand the barriers, through the members' "
        "survey. Thank you to everyone who shared their thoughts on how we could take this forward.",
    ),
]


def seed(apps, schema_editor):
    Commitment = apps.get_model("collective", "Commitment")
    for position, (slug, title, summary, status, update) in enumerate(COMMITMENTS, start=1):
        commitment, created = Commitment.objects.get_or_create(
            slug=slug,
            defaults={"title": title, "summary": summary, "status": status, "position": position},
        )
        if created:
            commitment.updates.create(published_on=SEED_DATE, text=update)


def unseed(apps, schema_editor):
    slugs = [slug for slug, *_ in COMMITMENTS]
    apps.get_model("collective", "Commitment").objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("collective", "0003_commitments")]

    operations = [migrations.RunPython(seed, unseed)]
