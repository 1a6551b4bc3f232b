"""Inflected queries built from the demo content, and the recall they reach: a query is
found when the page it was written for is among the first page of results. The word forms
differ from those in the page (case, number, definite article), so only lemma matching
finds them. Test data: used by the tests and by `bench/search.py --recall`."""

from wagtail.models import Site

from cms.search.engine import PER_PAGE, run_search

# (site, language, query, path of the page it must find)
QUERIES = [
    ("ternopil", "uk", "петицією", "/uk/elektronna-demokratiia/"),
    ("ternopil", "uk", "цифровою трансформацією", "/uk/tsyfrova-transformatsiia/"),
    (
        "ternopil",
        "uk",
        "громадським бюджетом",
        "/uk/events/publichne-obhovorennia-hromadskoho-biudzhetu/",
    ),
    ("ternopil", "uk", "відкритими даними", "/uk/ogp-action-plan-2021-2023/te-2021-03-open-data/"),
    (
        "ternopil",
        "uk",
        "затверджену концепцію",
        "/uk/novyny/zatverdzheno-kontseptsiiu-tsyfrovoi-transformatsii/",
    ),
    ("ternopil", "uk", "школи е-демократії", "/uk/events/shkola-e-demokratii/"),
    ("ternopil", "uk", "доступністю", "/uk/accessibility/"),
    (
        "ternopil",
        "uk",
        "кабінетом тернополянина",
        "/uk/ogp-action-plan-2021-2023/te-2021-01-resident-cabinet/",
    ),
    (
        "ternopil",
        "uk",
        "цифрової грамотності",
        "/uk/ogp-action-plan-2021-2023/te-2021-05-digital-skills/",
    ),
    (
        "ternopil",
        "uk",
        "громадському моніторингу",
        "/uk/ogp-action-plan-2021-2023/te-2021-04-infrastructure-transparency/",
    ),
    ("ternopil", "uk", "архіву документів", "/uk/arkhiv/"),
    (
        "ternopil",
        "uk",
        "інфраструктурного проєкту",
        "/uk/ogp-action-plan-2021-2023/te-2021-04-infrastructure-transparency/",
    ),
    ("banska-bystrica", "sk", "akčnými plánmi otvoreného vládnutia", "/sk/otvorene-vladnutie/"),
    (
        "banska-bystrica",
        "sk",
        "mapou otvoreného vládnutia",
        "/sk/novinky/mapa-otvoreneho-vladnutia-2030/",
    ),
    ("banska-bystrica", "sk", "participatívnych stretnutiach", "/sk/participativne-stretnutia/"),
    ("banska-bystrica", "sk", "vyhlásenia o prístupnosti", "/sk/accessibility/"),
    (
        "banska-bystrica",
        "sk",
        "mestskej spolupracovni",
        "/sk/akcny-plan-otvoreneho-vladnutia-2021-2023/bb-2021-02-mestska-spolupracovna/",
    ),
    (
        "banska-bystrica",
        "sk",
        "zručností zamestnancov",
        "/sk/akcny-plan-otvoreneho-vladnutia-2021-2023/bb-2021-03-zrucnosti-zamestnancov/",
    ),
    (
        "banska-bystrica",
        "sk",
        "sociálnych inovácií",
        "/sk/akcny-plan-otvoreneho-vladnutia-2024-2027/bb-2024-01-agenti-koexistencie/",
    ),
    ("banska-bystrica", "sk", "archíve dokumentov", "/sk/archiv/"),
    (
        "banska-bystrica",
        "sk",
        "priorizovaným podnetom",
        "/sk/akcny-plan-otvoreneho-vladnutia-2024-2027/bb-2024-02-priorizovane-podnety/",
    ),
    (
        "banska-bystrica",
        "sk",
        "odporúčanie krátkodobého cieľa",
        "/sk/archiv/10-odporucania-kratkodobych-cielov-otvoreneho-vladnutia/",
    ),
    (
        "banska-bystrica",
        "sk",
        "výstupov implementácie",
        "/sk/archiv/8-vystupy-implementacie-akcneho-planu-otvoreneho-vladnutia-2021-2022/",
    ),
    ("banska-bystrica", "sk", "kalendári podujatí", "/sk/events/"),
    ("levski", "bg", "платформи за гражданско участие", "/bg/chuy-me/"),
    ("levski", "bg", "онлайн консултацията", "/bg/onlayn-konsultatsii/"),
    ("levski", "bg", "декларацията за достъпност", "/bg/accessibility/"),
    ("levski", "bg", "архива на документите", "/bg/arhiv/"),
    ("levski", "bg", "гражданския мониторинг", "/bg/novini/grazhdanski-monitoring-na-piro/"),
    ("levski", "bg", "обучения за гражданите", "/bg/events/obuchenie-za-grazhdani-chuy-me/"),
    ("levski", "bg", "календара на събитията", "/bg/events/"),
    ("levski", "bg", "интегрираното развитие", "/bg/events/obshtestvena-konsultatsiya-piro/"),
    ("levski", "bg", "българските общини", "/bg/novini/chetiri-obshtini-vavezhdat-consul/"),
    (
        "levski",
        "bg",
        "представянето на платформата",
        "/bg/events/predstavyane-na-platformata-chuy-me/",
    ),
    ("levski", "bg", "новината", "/bg/novini/"),
]


def measure():
    """{language: (found, total, [missed queries])} over QUERIES."""
    sites = {site.site_name: site for site in Site.objects.select_related("root_page")}
    outcome = {}
    for site_name, language, query, path in QUERIES:
        found, total, missed = outcome.get(language, (0, 0, []))
        result = run_search(query=query, site=sites[site_name], languages=(language,))
        urls = [entry.url for entry in result.entries[:PER_PAGE]]
        if path in urls:
            found += 1
        else:
            missed = [*missed, query]
        outcome[language] = (found, total + 1, missed)
    return outcome
