"""Demo library: well-known anti-racism resources of every kind, copies, and loans in every state.

Idempotent: resources are found by title, copies by code, and loans are only created once.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from collective.demo import demo_user
from library.models import Copy, Loan, Resource, Suggestion, Theme

K = Resource.Kind

THEMES = [
    "Allyship",
    "Microaggressions",
    "Structural racism",
    "History",
    "Lived experience",
    "Co-production and research",
    "Health inequalities",
    "Identity and belonging",
    "Education",
]

# (kind, title, creators, year, themes, description, link, copies)
RESOURCES = [
    (
        K.BOOK,
        "Why I'm No Longer Talking to White People About Race",
        "Reni Eddo-Lodge",
        2017,
        ["Structural racism", "History", "Allyship"],
        "Began as a blog post and became a book about the eroded "
        "history of Black Britain, the link "
        "between class and race, and what white privilege means in practice.",
        "",
        3,
    ),
    (
        K.BOOK,
        "Me and White Supremacy",
        "Layla F. Saad",
        2020,
        ["Allyship", "Identity and belonging"],
        "A 28-day workbook that guides readers through examining their own biases, with journaling "
        "prompts for each day.",
        "",
        2,
    ),
    (
        K.BOOK,
        "Natives: Race and Class in the Ruins of Empire",
        "Akala",
        2018,
        ["Structural racism", "History", "Lived experience"],
        "Part memoir, part history: growing up in Britain, and how "
        "the legacy of empire shapes race "
        "and class today.",
        "",
        2,
    ),
    (
        K.BOOK,
        "So You Want to Talk About Race",
        "Ijeoma Oluo",
        2018,
        ["Allyship", "Microaggressions"],
        "Clear, practical answers to the questions people hesitate "
        "to ask, from intersectionality to "
        "affirmative action and microaggressions.",
        "",
        2,
    ),
    (
        K.BOOK,
        "The Good Immigrant",
        "Nikesh Shukla (ed.)",
        2016,
        ["Identity and belonging", "Lived experience"],
        "Twenty-one writers explore what it means to be Black, Asian "
        "and minority ethnic in Britain "
        "today.",
        "",
        1,
    ),
    (
        K.BOOK,
        "How to Be an Antiracist",
        "Ibram X. Kendi",
        2019,
        ["Allyship", "Structural racism"],
        "Mixes memoir with history and ethics to show that being "
        "antiracist is a daily practice, not "
        "an identity.",
        "",
        2,
    ),
    (
        K.BOOK,
        "White Fragility",
        "Robin DiAngelo",
        2018,
        ["Allyship"],
        "Why white people often respond defensively when racism is "
        "named, and how that protects the "
        "status quo.",
        "",
        1,
    ),
    (
        K.BOOK,
        "Black and British: A Forgotten History",
        "David Olusoga",
        2016,
        ["History"],
        "A history of the relationship between the British Isles and the people of Africa, from "
        "Roman Britain to the present.",
        "",
        1,
    ),
    (
        K.BOOK,
        "Brit(ish): On Race, Identity and Belonging",
        "Afua Hirsch",
        2018,
        ["Identity and belonging"],
        "A personal and political look at the question ‘where are you really from?’",
        "",
        1,
    ),
    (
        K.BOOK,
        "Queenie",
        "Candice Carty-Williams",
        2019,
        ["Lived experience"],
        "A novel about a young British Jamaican woman in London navigating work, love and "
        "microaggressions.",
        "",
        1,
    ),
    (
        K.BOOK,
        "Girl, Woman, Other",
        "Bernardine Evaristo",
        2019,
        ["Identity and belonging"],
        "Twelve interlinked lives, mostly of Black British women, across a century.",
        "",
        1,
    ),
    (
        K.BOOK,
        "Don't Touch My Hair",
        "Emma Dabiri",
        2019,
        ["Identity and belonging", "History"],
        "How Black hair carries history, culture and politics.",
        "",
        1,
    ),
    (
        K.BOOK,
        "The Racial Contract",
        "Charles W. Mills",
        1997,
        ["Structural racism"],
        "A short classic of political philosophy on how racism is built into the social contract.",
        "",
        0,
    ),
    (
        K.ARTICLE,
        "The Case for Reparations",
        "Ta-Nehisi Coates",
        2014,
        ["Structural racism", "History"],
        "A long-form essay in The Atlantic on housing discrimination and the debt it created.",
        "https://www.theatlantic.com/magazine/archive/2014/06/the-case-for-reparations/361631/",
        0,
    ),
    (
        K.ARTICLE,
        "White Privilege: Unpacking the Invisible Knapsack",
        "Peggy McIntosh",
        1989,
        ["Allyship"],
        "A short, widely taught list of everyday advantages that go unnoticed.",
        "",
        0,
    ),
    (
        K.ARTICLE,
        "Racial microaggressions in everyday life",
        "Derald Wing Sue et al.",
        2007,
        ["Microaggressions"],
        "The paper that set out a taxonomy of microaggressions and their effect on wellbeing.",
        "",
        0,
    ),
    (
        K.BLOG_POST,
        "Why I'm no longer talking to white people about race (the original post)",
        "Reni Eddo-Lodge",
        2014,
        ["Structural racism"],
        "The 2014 blog post that started a national conversation.",
        "https://renieddolodge.co.uk/why-im-no-longer-talking-to-white-people-about-race/",
        0,
    ),
    (
        K.BLOG_POST,
        "What being an ally in co-production means to me",
        "A Collective member",
        2021,
        ["Allyship", "Co-production and research"],
        "A member reflects on sharing power in research teams and noticing who is not in the room.",
        "",
        0,
    ),
    (
        K.BLOG_POST,
        "Responding to a microaggression in a meeting",
        "A Collective member",
        2021,
        ["Microaggressions", "Co-production and research"],
        "Practical phrases for calling in, not calling out, and looking after the person affected.",
        "",
        0,
    ),
    (
        K.VIDEO,
        "The danger of a single story",
        "Chimamanda Ngozi Adichie",
        2009,
        ["Identity and belonging"],
        "A TED talk on how single stories create stereotypes, and the power of many stories.",
        "https://www.ted.com/talks/chimamanda_ngozi_adichie_the_danger_of_a_single_story",
        0,
    ),
    (
        K.VIDEO,
        "How to deconstruct racism, one headline at a time",
        "Baratunde Thurston",
        2019,
        ["Allyship"],
        "A funny and sharp talk on the language of news headlines about race.",
        "https://www.ted.com/talks/baratunde_thurston_how_to_deconstruct_racism_one_headline_at_a_time",
        0,
    ),
    (
        K.VIDEO,
        "The urgency of intersectionality",
        "Kimberlé Crenshaw",
        2016,
        ["Identity and belonging", "Structural racism"],
        "The scholar who coined the term explains why we need it.",
        "https://www.ted.com/talks/kimberle_crenshaw_the_urgency_of_intersectionality",
        0,
    ),
    (
        K.PODCAST,
        "About Race with Reni Eddo-Lodge",
        "Reni Eddo-Lodge",
        2018,
        ["History", "Structural racism"],
        "Conversations about the recent history that led to today's racial politics in Britain.",
        "",
        0,
    ),
    (
        K.PODCAST,
        "Code Switch",
        "NPR",
        2016,
        ["Identity and belonging"],
        "Journalists of colour on how race shapes every part of society.",
        "https://www.npr.org/podcasts/510312/codeswitch",
        0,
    ),
    (
        K.PODCAST,
        "Intersectionality Matters!",
        "Kimberlé Crenshaw",
        2018,
        ["Structural racism"],
        "Conversations on race, gender and the politics of today.",
        "",
        0,
    ),
    (
        K.REPORT,
        "The Lammy Review",
        "David Lammy",
        2017,
        ["Structural racism"],
        "An independent review of the treatment of, and outcomes for, Black, Asian and minority "
        "ethnic people in the criminal justice system in England and Wales.",
        "",
        0,
    ),
    (
        K.REPORT,
        "Ethnic Inequalities in Healthcare: A Rapid Evidence Review",
        "NHS Race and Health Observatory",
        2022,
        ["Health inequalities"],
        "Evidence of inequalities in access to, experience of and outcomes of healthcare.",
        "",
        1,
    ),
    (
        K.REPORT,
        "Race Disparity Audit",
        "Cabinet Office",
        2017,
        ["Structural racism", "Education"],
        "How people of different ethnicities are treated across public services.",
        "",
        0,
    ),
    (
        K.REPORT,
        "Guidance on co-producing a research project",
        "NIHR INVOLVE",
        2018,
        ["Co-production and research"],
        "Key principles for co-producing research, including sharing power and including all "
        "perspectives.",
        "",
        0,
    ),
    (
        K.FILM,
        "I Am Not Your Negro",
        "Raoul Peck",
        2016,
        ["History"],
        "A documentary built on James Baldwin's unfinished "
        "manuscript about Medgar Evers, Malcolm X "
        "and Martin Luther King Jr.",
        "",
        1,
    ),
    (
        K.FILM,
        "13th",
        "Ava DuVernay",
        2016,
        ["Structural racism", "History"],
        "A documentary on race, justice and mass incarceration in the United States.",
        "",
        0,
    ),
    (
        K.FILM,
        "Small Axe",
        "Steve McQueen",
        2020,
        ["History", "Lived experience"],
        "Five films about London's West Indian community from the 1960s to the 1980s.",
        "",
        1,
    ),
    (
        K.FILM,
        "Rocks",
        "Sarah Gavron",
        2019,
        ["Lived experience"],
        "A teenage girl in east London holds her family together, with her friends' help.",
        "",
        0,
    ),
    (
        K.BOOK,
        "Ten Inny",
        "Ryszard Kapuściński",
        2006,
        ["Identity and belonging", "Lived experience"],
        "The Polish reporter's lectures on meeting the Other: what a lifetime of travel taught him "
        "about strangers, difference and our duty towards each other. In Polish.",
        "",
        1,
    ),
    (
        K.BOOK,
        "موسم الهجرة إلى الشمال",
        "الطيب صالح (Tayeb Salih)",
        1966,
        ["History", "Identity and belonging"],
        "The Sudanese classic of a young man home from his studies in England, and the stranger "
        "in his village with a past in London: colonialism, and the encounter between Africa and "
        "Europe. In Arabic (in English: Season of Migration to the North).",
        "",
        1,
    ),
    (
        K.BOOK,
        "Peau noire, masques blancs",
        "Frantz Fanon",
        1952,
        ["Structural racism", "Identity and belonging"],
        "Fanon's study of what racism does to the minds of the colonised. In French (in English: "
        "Black Skin, White Masks).",
        "",
        1,
    ),
]

# Resources in another language than English (ISO 639-1 code by title): the catalogue's
# language filter has something to find.
OTHER_LANGUAGES = {
    "Ten Inny": "pl",
    "موسم الهجرة إلى الشمال": "ar",
    "Peau noire, masques blancs": "fr",
}

CURATOR_NOTE = "Recommended at the 2021 members' meeting on becoming an anti-racist community."


def _resources():
    themes = {}
    for name in THEMES:
        themes[name], _ = Theme.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    made = {}
    for kind, title, creators, year, theme_names, description, link, copies in RESOURCES:
        resource, created = Resource.objects.get_or_create(
            title=title,
            defaults={
                "kind": kind,
                "language": OTHER_LANGUAGES.get(title, "en"),
                "creators": creators,
                "year": year,
                "description": description,
                "link": link,
                "recommended_by": "Members of the Collective",
                "why_recommended": CURATOR_NOTE,
                "published": True,
            },
        )
        if created:
            resource.themes.set([themes[name] for name in theme_names])
        prefix = "".join(word[0] for word in slugify(title).split("-") if word)[:6].upper()
        for number in range(1, copies + 1):
            Copy.objects.get_or_create(
                code=f"CPC-{prefix}-{number}", defaults={"resource": resource}
            )
        made[title] = resource
    return made


def _loans(resources):
    """One loan in every state, spread over the demo members (created once)."""
    if Loan.objects.exists():
        return
    from library import services

    today = timezone.localdate()
    amara, ben, chidi, dana, esther, farah = (
        demo_user(f"{name}@example.org")
        for name in ["amara", "ben", "chidi", "dana", "esther", "farah"]
    )
    r = resources
    natives = r["Natives: Race and Class in the Ruins of Empire"]
    talk = r["So You Want to Talk About Race"]
    immigrant = r["The Good Immigrant"]
    why = r["Why I'm No Longer Talking to White People About Race"]
    saad = r["Me and White Supremacy"]

    # On loan (by post), then one overdue.
    loan = services.loan_request(
        resource=why,
        borrower=amara,
        delivery="post",
        postal_address="1 Example Road\nLondon N1 1AA",
    )
    services.loan_mark_posted(loan=services.loan_approve(loan=loan))
    overdue = services.loan_mark_collected(
        loan=services.loan_request(resource=natives, borrower=ben)
    )
    Loan.objects.filter(pk=overdue.pk).update(
        loaned_on=today - timedelta(days=40), due_on=today - timedelta(days=12)
    )
    # The Good Immigrant has one copy: Chidi has it, Dana and Esther queue for it.
    services.loan_mark_collected(loan=services.loan_request(resource=immigrant, borrower=chidi))
    services.loan_request(resource=immigrant, borrower=dana)
    services.loan_request(resource=immigrant, borrower=esther)
    # A new request to approve, an approved one to collect, one declined, one cancelled.
    services.loan_request(resource=talk, borrower=farah)
    services.loan_approve(loan=services.loan_request(resource=saad, borrower=dana))
    services.loan_decline(
        loan=services.loan_request(resource=talk, borrower=ben),
        reason="We lend one copy per household at a time.",
    )
    services.loan_cancel(loan=services.loan_request(resource=natives, borrower=esther))
    # Returned long ago and since anonymised; returned recently; an offer that lapsed.
    returned = services.loan_mark_collected(loan=services.loan_request(resource=saad, borrower=ben))
    services.loan_return(loan=returned)
    services.loan_request(
        resource=r["Queenie"],
        borrower_name="Grace (asked by e-mail)",
        borrower_email="grace@example.org",
    )
    small_axe = r["Small Axe"]
    lapsed = services.loan_approve(loan=services.loan_request(resource=small_axe, borrower=esther))
    Loan.objects.filter(pk=lapsed.pk).update(pickup_by=today - timedelta(days=1))
    services.offer_expire(loan=lapsed)
    old = services.loan_mark_collected(
        loan=services.loan_request(resource=small_axe, borrower=chidi)
    )
    services.loan_return(loan=old)
    Loan.objects.filter(pk=old.pk).update(ended_on=today - timedelta(days=400))
    services.loans_anonymise(today=today)
    # A returned copy offered to the first person waiting.
    girl = r["Girl, Woman, Other"]
    first = services.loan_mark_collected(loan=services.loan_request(resource=girl, borrower=amara))
    services.loan_request(resource=girl, borrower=farah)
    services.loan_return(loan=first)


def _suggestions():
    if Suggestion.objects.exists():
        return
    Suggestion.objects.create(
        title="Black Skin, White Masks",
        kind=K.BOOK,
        creators="Frantz Fanon",
        why="A classic on the psychology of racism; it changed how I saw myself.",
        name="Chidi",
    )
    Suggestion.objects.create(
        title="Why I'm no longer talking to white people about race",
        kind=K.BOOK,
        why="Everyone should read this.",
    )
    Suggestion.objects.create(
        title="Seeing White (Scene on Radio)",
        kind=K.PODCAST,
        link="https://sceneonradio.org/seeing-white/",
        why="A 14-part series on where the idea of whiteness came from.",
    )


def seed(stdout):
    resources = _resources()
    _loans(resources)
    _suggestions()
    stdout.write(
        f"Library: {Resource.objects.count()} resources, {Copy.objects.count()} copies, "
        f"{Loan.objects.count()} loans, {Suggestion.objects.count()} suggestions.\n"
    )
