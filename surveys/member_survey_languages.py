"""The member survey's content in Arabic and Polish, keyed by the original English text.

Written for people answering, not word for word: plain, warm, and the usual terms. The ethnic
groups follow the translations the 2021 Census categories are commonly given; "Gypsy" and
"Irish Traveller" keep their English names in brackets, as the communities name themselves.
Arabic addresses the reader in the usual masculine-generic form; Polish uses the informal "Ty"
and avoids gendered past forms where it can.
"""

ARABIC = {
    # The survey
    "Member survey: taking part in the Collective": "استبيان الأعضاء: المشاركة في Collective",
    "This survey helps us understand how people find the Collective, why they join, what they "
    "get from it, and what stops people taking part more. It takes about 5 minutes. It is "
    "anonymous: we record that you took part, but your answers are stored separately and are "
    "never linked to you.": "يساعدنا هذا الاستبيان على فهم كيف يتعرّف الناس على Collective، "
    "ولماذا ينضمّون إليه، وما الذي يستفيدونه منه، وما الذي يمنعهم من المشاركة أكثر. يستغرق نحو "
    "5 دقائق. وهو مجهول الهوية: نسجّل أنك شاركت، لكن إجاباتك تُحفظ بشكل منفصل ولا تُربط بك أبدًا.",
    # Finding the Collective
    "Finding the Collective": "كيف تعرّفت على Collective",
    "First, a little about how you came to the Collective.": "أولًا، قليلٌ عن كيفية وصولك إلى "
    "Collective.",
    "How did you find out about the Collective?": "كيف عرفت بـ Collective؟",
    "Choose how you found out about the Collective": "اختر كيف عرفت بـ Collective",
    "A friend, family member or colleague": "صديق أو أحد أفراد العائلة أو زميل",
    "A university or research organisation": "جامعة أو مؤسسة بحثية",
    "A charity, community group or health service": "جمعية خيرية أو مجموعة مجتمعية أو خدمة صحية",
    "Social media": "وسائل التواصل الاجتماعي",
    "An event or talk": "فعالية أو محاضرة",
    "Our website or newsletter": "موقعنا الإلكتروني أو نشرتنا الإخبارية",
    "Other": "غير ذلك",
    "Why did you join the Collective?": "لماذا انضممت إلى Collective؟",
    "Tell us why you joined the Collective": "أخبرنا لماذا انضممت إلى Collective",
    "A sentence or two is plenty.": "جملة أو جملتان تكفيان.",
    # Being part of the Collective
    "Being part of the Collective": "أن تكون جزءًا من Collective",
    "What do you get out of being part of the Collective?": "ماذا تستفيد من كونك جزءًا من "
    "Collective؟",
    "Taking part in research that matters to me": "المشاركة في أبحاث تهمّني",
    "Meeting people with similar experiences": "التعرّف على أشخاص مرّوا بتجارب مشابهة",
    "Learning new skills": "تعلّم مهارات جديدة",
    "Being paid for my time and expertise": "الحصول على أجر مقابل وقتي وخبرتي",
    "Changing how research and services are done": "تغيير طريقة إجراء الأبحاث وتقديم الخدمات",
    "Something else": "شيء آخر",
    "How welcome do you feel in the Collective?": "إلى أي مدى تشعر بالترحيب في Collective؟",
    "Not at all welcome": "لا أشعر بالترحيب إطلاقًا",
    "Very welcome": "أشعر بترحيب كبير",
    # Taking part
    "Taking part": "المشاركة",
    "We want to remove whatever gets in the way of people taking part.": "نريد أن نزيل كل ما "
    "يعيق مشاركة الناس.",
    "Is there anything that stops you, or anyone you know, being more active in the "
    "Collective?": "هل هناك ما يمنعك، أو يمنع أي شخص تعرفه، من أن يكون أكثر نشاطًا في Collective؟",
    "Choose yes or no": "اختر نعم أو لا",
    "Yes": "نعم",
    "No": "لا",
    "What gets in the way?": "ما الذي يعيق ذلك؟",
    "Tell us what gets in the way": "أخبرنا بما يعيق ذلك",
    "For example times of meetings, costs, language, access needs, or not feeling that people "
    "like you are welcome.": "مثل مواعيد الاجتماعات، أو التكاليف، أو اللغة، أو احتياجات "
    "إمكانية الوصول، أو الشعور بأن أشخاصًا مثلك غير مُرحَّب بهم.",
    # About you
    "About you (optional)": "عنك (اختياري)",
    "These equality-monitoring questions are optional. They help us see whether some "
    "communities are missing from the Collective. Results are only ever shown for groups of at "
    "least 5 people.": "أسئلة رصد المساواة هذه اختيارية. تساعدنا على معرفة ما إذا كانت بعض "
    "المجتمعات غائبة عن Collective. لا تُعرض النتائج إلا لمجموعات من 5 أشخاص على الأقل.",
    "What is your ethnic group?": "ما هي مجموعتك العرقية؟",
    "The categories of the 2021 Census for England and Wales. Choose the one that best "
    "describes your ethnic group or background.": "فئات تعداد عام 2021 في إنجلترا وويلز. اختر "
    "الفئة التي تصف مجموعتك العرقية أو خلفيتك على أفضل وجه.",
    "Asian, Asian British or Asian Welsh": "آسيوي، أو بريطاني آسيوي، أو ويلزي آسيوي",
    "Bangladeshi": "بنغلاديشي",
    "Chinese": "صيني",
    "Indian": "هندي",
    "Pakistani": "باكستاني",
    "Any other Asian background": "أي خلفية آسيوية أخرى",
    "Black, Black British, Black Welsh, Caribbean or African": "أسود، أو بريطاني أسود، أو ويلزي "
    "أسود، أو كاريبي، أو أفريقي",
    "African": "أفريقي",
    "Caribbean": "كاريبي",
    "Any other Black, Black British or Caribbean background": "أي خلفية أخرى سوداء أو بريطانية "
    "سوداء أو كاريبية",
    "Mixed or Multiple ethnic groups": "مختلط أو متعدد الأعراق",
    "White and Asian": "أبيض وآسيوي",
    "White and Black African": "أبيض وأسود أفريقي",
    "White and Black Caribbean": "أبيض وأسود كاريبي",
    "Any other Mixed or Multiple ethnic background": "أي خلفية أخرى مختلطة أو متعددة الأعراق",
    "White": "أبيض",
    "English, Welsh, Scottish, Northern Irish or British": "إنجليزي، أو ويلزي، أو اسكتلندي، أو "
    "من أيرلندا الشمالية، أو بريطاني",
    "Irish": "أيرلندي",
    "Gypsy or Irish Traveller": "غجري (Gypsy) أو من الرحّالة الأيرلنديين (Irish Traveller)",
    "Roma": "من الروما",
    "Any other White background": "أي خلفية بيضاء أخرى",
    "Other ethnic group": "مجموعة عرقية أخرى",
    "Arab": "عربي",
    "Any other ethnic group": "أي مجموعة عرقية أخرى",
    "Prefer not to say": "أفضّل عدم الإجابة",
}

POLISH = {
    # The survey
    "Member survey: taking part in the Collective": "Ankieta dla członków: udział w Collective",
    "This survey helps us understand how people find the Collective, why they join, what they "
    "get from it, and what stops people taking part more. It takes about 5 minutes. It is "
    "anonymous: we record that you took part, but your answers are stored separately and are "
    "never linked to you.": "Ta ankieta pomoże nam zrozumieć, jak ludzie trafiają do "
    "Collective, dlaczego dołączają, co im to daje i co powstrzymuje ich przed większym "
    "zaangażowaniem. Jej wypełnienie zajmuje około 5 minut. Jest anonimowa: odnotowujemy Twój "
    "udział, ale Twoje odpowiedzi przechowujemy osobno i nigdy nie łączymy ich z Tobą.",
    # Finding the Collective
    "Finding the Collective": "Jak trafić do Collective",
    "First, a little about how you came to the Collective.": "Na początek kilka pytań o Twoją "
    "drogę do Collective.",
    "How did you find out about the Collective?": "Skąd wiesz o Collective?",
    "Choose how you found out about the Collective": "Wybierz, skąd wiesz o Collective",
    "A friend, family member or colleague": "Od znajomych, rodziny lub współpracowników",
    "A university or research organisation": "Od uczelni lub instytucji badawczej",
    "A charity, community group or health service": "Od organizacji charytatywnej, grupy "
    "społecznej lub placówki ochrony zdrowia",
    "Social media": "Z mediów społecznościowych",
    "An event or talk": "Z wydarzenia lub wykładu",
    "Our website or newsletter": "Z naszej strony internetowej lub newslettera",
    "Other": "Inne",
    "Why did you join the Collective?": "Co skłoniło Cię do dołączenia do Collective?",
    "Tell us why you joined the Collective": "Napisz, co skłoniło Cię do dołączenia do Collective",
    "A sentence or two is plenty.": "Wystarczy zdanie lub dwa.",
    # Being part of the Collective
    "Being part of the Collective": "Bycie częścią Collective",
    "What do you get out of being part of the Collective?": "Co daje Ci bycie częścią Collective?",
    "Taking part in research that matters to me": "Udział w badaniach, które są dla mnie ważne",
    "Meeting people with similar experiences": "Poznawanie osób o podobnych doświadczeniach",
    "Learning new skills": "Zdobywanie nowych umiejętności",
    "Being paid for my time and expertise": "Wynagrodzenie za mój czas i wiedzę",
    "Changing how research and services are done": "Zmienianie tego, jak prowadzi się badania i "
    "świadczy usługi",
    "Something else": "Coś innego",
    "How welcome do you feel in the Collective?": "Na ile czujesz się w Collective u siebie?",
    "Not at all welcome": "Wcale nie czuję się u siebie",
    "Very welcome": "Czuję się w pełni u siebie",
    # Taking part
    "Taking part": "Udział",
    "We want to remove whatever gets in the way of people taking part.": "Chcemy usunąć "
    "wszystko, co utrudnia ludziom udział.",
    "Is there anything that stops you, or anyone you know, being more active in the "
    "Collective?": "Czy coś powstrzymuje Ciebie lub kogoś, kogo znasz, przed większą "
    "aktywnością w Collective?",
    "Choose yes or no": "Wybierz „Tak” lub „Nie”",
    "Yes": "Tak",
    "No": "Nie",
    "What gets in the way?": "Co stoi na przeszkodzie?",
    "Tell us what gets in the way": "Napisz, co stoi na przeszkodzie",
    "For example times of meetings, costs, language, access needs, or not feeling that people "
    "like you are welcome.": "Na przykład godziny spotkań, koszty, język, potrzeby związane z "
    "dostępnością albo poczucie, że osoby takie jak Ty nie są tu mile widziane.",
    # About you
    "About you (optional)": "O Tobie (nieobowiązkowe)",
    "These equality-monitoring questions are optional. They help us see whether some "
    "communities are missing from the Collective. Results are only ever shown for groups of at "
    "least 5 people.": "Te pytania, służące monitorowaniu równego traktowania, są "
    "nieobowiązkowe. Pomagają nam sprawdzić, czy jakichś społeczności nie brakuje w Collective. "
    "Wyniki pokazujemy wyłącznie dla grup liczących co najmniej 5 osób.",
    "What is your ethnic group?": "Jaka jest Twoja grupa etniczna?",
    "The categories of the 2021 Census for England and Wales. Choose the one that best "
    "describes your ethnic group or background.": "Kategorie ze spisu powszechnego 2021 w "
    "Anglii i Walii. Wybierz tę, która najlepiej opisuje Twoją grupę etniczną lub pochodzenie.",
    "Asian, Asian British or Asian Welsh": "Azjatycka, azjatycko-brytyjska lub azjatycko-walijska",
    "Bangladeshi": "Bangladeska",
    "Chinese": "Chińska",
    "Indian": "Indyjska",
    "Pakistani": "Pakistańska",
    "Any other Asian background": "Inne pochodzenie azjatyckie",
    "Black, Black British, Black Welsh, Caribbean or African": "Czarnoskóra, czarnoskóra "
    "brytyjska, czarnoskóra walijska, karaibska lub afrykańska",
    "African": "Afrykańska",
    "Caribbean": "Karaibska",
    "Any other Black, Black British or Caribbean background": "Inne pochodzenie czarnoskóre, "
    "czarnoskóre brytyjskie lub karaibskie",
    "Mixed or Multiple ethnic groups": "Mieszana lub wieloetniczna",
    "White and Asian": "Biała i azjatycka",
    "White and Black African": "Biała i czarnoskóra afrykańska",
    "White and Black Caribbean": "Biała i czarnoskóra karaibska",
    "Any other Mixed or Multiple ethnic background": "Inne pochodzenie mieszane lub wieloetniczne",
    "White": "Biała",
    "English, Welsh, Scottish, Northern Irish or British": "Angielska, walijska, szkocka, "
    "północnoirlandzka lub brytyjska",
    "Irish": "Irlandzka",
    "Gypsy or Irish Traveller": "Cygańska (Gypsy) lub irlandzkich wędrowców (Irish Traveller)",
    "Roma": "Romska",
    "Any other White background": "Inne pochodzenie białe",
    "Other ethnic group": "Inna grupa etniczna",
    "Arab": "Arabska",
    "Any other ethnic group": "Dowolna inna grupa etniczna",
    "Prefer not to say": "Wolę nie odpowiadać",
}

TRANSLATIONS = {"ar": ARABIC, "pl": POLISH}
