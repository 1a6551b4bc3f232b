"""Demo participatory budgets: Ternopil's civic budget (counted, its winners being built,
with districts) and its school budget (voting with one-time codes), and Banská Bystrica's
participatory budget (voting). Anonymous demo ballots make the results worth reading.
Safe to run again: a cycle that exists is left as it is."""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Site

from cms.core.profiles import all_profiles
from cms.core.siterights import moderators_group
from fixtures.pages import ensure_translation, publish
from plugins.budgets import rights
from plugins.budgets.codes import generate_codes
from plugins.budgets.counting import count
from plugins.budgets.models import (
    Ballot,
    BallotChoice,
    BudgetCategory,
    BudgetCyclePage,
    BudgetDistrict,
    BudgetProject,
    ProjectMilestone,
    ProjectSpending,
    ProjectStatus,
)

F, NF, W = ProjectStatus.FEASIBLE, ProjectStatus.INFEASIBLE, ProjectStatus.WITHDRAWN

TERNOPIL_CIVIC = {
    "slug": "hromadskyi-biudzhet-2026",
    "slug_en": "civic-budget-2026",
    "title": {"uk": "Громадський бюджет Тернополя 2026", "en": "Ternopil Civic Budget 2026"},
    "intro": {
        "uk": "<p>Тернополяни самі пропонують, як витратити частину міського бюджету, і "
        "голосують за проєкти. Перемагають проєкти з найбільшою кількістю голосів, поки "
        "вистачає коштів.</p>",
        "en": "<p>Ternopil residents propose how to spend part of the city budget and vote "
        "for the projects. The projects with the most votes win while the money lasts.</p>",
    },
    "kind": "civic",
    "total": 12_000_000,
    "currency": "UAH",
    "ballot_rule": "approval",
    "max_choices": 4,
    "counting_rule": "greedy",
    # days from now: proposals open, close, review ends, voting opens, closes, results,
    # implementation
    "days": (-200, -170, -140, -130, -110, -100, -90),
    "districts": [
        ("Центр", "Centre", 2_000_000),
        ("Східний масив", "Skhidnyi masyv", 2_500_000),
        ("Дружба", "Druzhba", 1_500_000),
    ],
    "categories": [
        ("Благоустрій", "Public spaces"),
        ("Освіта", "Education"),
        ("Спорт", "Sport"),
        ("Культура", "Culture"),
        ("Безпека", "Safety"),
    ],
    # title, description, cost, district index or None, category index, status, reason
    "projects": [
        (
            "Велодоріжка вздовж Тернопільського ставу",
            "Двосмугова велодоріжка довжиною 2,3 км з освітленням і паркуванням для велосипедів.",
            2_400_000,
            None,
            2,
            F,
            "",
        ),
        (
            "Інклюзивний дитячий майданчик у парку Топільче",
            "Майданчик, на якому можуть гратися діти на візках і з порушеннями зору.",
            1_200_000,
            None,
            0,
            F,
            "",
        ),
        (
            "Сучасна бібліотечна зала для підлітків",
            "Простір для навчання й зустрічей з комп'ютерами, настільними іграми та книжками.",
            800_000,
            None,
            3,
            F,
            "",
        ),
        (
            "Камери відеоспостереження на пішохідних переходах",
            "Двадцять камер на найнебезпечніших переходах біля шкіл.",
            1_500_000,
            None,
            4,
            F,
            "",
        ),
        (
            "Громадські вбиральні в центрі міста",
            "Дві безкоштовні вбиральні з доступом для людей з інвалідністю.",
            1_900_000,
            None,
            0,
            F,
            "",
        ),
        (
            "Фестиваль вуличного театру",
            "Тридцять вистав просто неба влітку.",
            350_000,
            None,
            3,
            F,
            "",
        ),
        (
            "Пандуси та тактильна плитка до ЦНАПу",
            "Безбар'єрний шлях від зупинки до центру надання адміністративних послуг.",
            600_000,
            None,
            0,
            F,
            "",
        ),
        (
            "Критий льодовий палац",
            "Льодова арена на 2000 глядачів.",
            25_000_000,
            None,
            2,
            NF,
            "Вартість перевищує весь громадський бюджет; проєкт передано до програми "
            "розвитку спорту.",
        ),
        (
            "Озеленення вулиці Руської",
            "Сорок дерев і квітники вздовж вулиці.",
            700_000,
            0,
            0,
            F,
            "",
        ),
        (
            "Лавки та питні фонтанчики на Театральному майдані",
            "Десять лавок у тіні й три фонтанчики з питною водою.",
            450_000,
            0,
            0,
            F,
            "",
        ),
        ("Шаховий клуб просто неба", "Столи для шахів і шашок у сквері.", 300_000, 0, 2, F, ""),
        (
            "Спортивний майданчик біля школи № 24",
            "Покриття, ворота й баскетбольні щити.",
            1_100_000,
            1,
            2,
            F,
            "",
        ),
        (
            "Освітлення парку Національного відродження",
            "Енергоощадні ліхтарі вздовж головних алей.",
            900_000,
            1,
            4,
            F,
            "",
        ),
        (
            "Сенсорна кімната в ліцеї № 10",
            "Кімната для дітей з особливими освітніми потребами.",
            650_000,
            1,
            1,
            F,
            "",
        ),
        (
            "Скейт-парк на Дружбі",
            "Бетонний скейт-парк із рампами для початківців.",
            1_000_000,
            2,
            2,
            F,
            "",
        ),
        (
            "Ремонт тротуару на вулиці Київській",
            "Новий тротуар із пониженими бордюрами.",
            800_000,
            2,
            0,
            F,
            "",
        ),
        (
            "Майданчик для вигулу собак",
            "Огороджений майданчик із тренажерами для собак.",
            250_000,
            2,
            0,
            F,
            "",
        ),
        ("Фонтан на Старому ринку", "Автор відкликав пропозицію.", 900_000, 0, 0, W, ""),
    ],
    "ballots": 640,
}

TERNOPIL_SCHOOL = {
    "slug": "shkilnyi-biudzhet-2026",
    "slug_en": "school-budget-2026",
    "title": {"uk": "Шкільний громадський бюджет 2026", "en": "School Civic Budget 2026"},
    "intro": {
        "uk": "<p>Учні та вчителі шкіл Тернополя голосують одноразовими кодами, які "
        "роздає школа.</p>",
        "en": "<p>Pupils and teachers of Ternopil's schools vote with one-time codes "
        "handed out by their school.</p>",
    },
    "kind": "school",
    "total": 600_000,
    "currency": "UAH",
    "ballot_rule": "approval",
    "max_choices": 2,
    "counting_rule": "greedy",
    "days": (-40, -25, -12, -3, 10, 12, None),
    "districts": [],
    "categories": [("Шкільне подвір'я", "Schoolyard"), ("Навчання", "Learning")],
    "projects": [
        (
            "Зона відпочинку в шкільному дворі",
            "Лавки, навіс і столи для перерв.",
            180_000,
            None,
            0,
            F,
            "",
        ),
        (
            "Робототехнічний гурток",
            "Набори для конструювання і програмування роботів.",
            150_000,
            None,
            1,
            F,
            "",
        ),
        ("Шкільне радіо", "Студія з мікрофонами для учнівських передач.", 90_000, None, 1, F, ""),
        ("Велостоянка біля входу", "Криті стійки на 40 велосипедів.", 60_000, None, 0, F, ""),
        ("Теплиця для уроків біології", "Теплиця з системою поливу.", 220_000, None, 1, F, ""),
    ],
    "ballots": 80,
    "codes": (("Гімназія № 1, 8-А клас", 30), ("Ліцей № 10, 10-Б клас", 30)),
}

BANSKA_BYSTRICA = {
    "slug": "participativny-rozpocet-2026",
    "slug_en": "participatory-budget-2026",
    "title": {
        "sk": "Participatívny rozpočet Banskej Bystrice 2026",
        "en": "Banská Bystrica Participatory Budget 2026",
    },
    "intro": {
        "sk": "<p>Obyvatelia navrhujú a vyberajú projekty pre svoje mesto. Víťazov určila "
        "metóda rovnakých podielov.</p>",
        "en": "<p>Residents propose and choose projects for their town. The winners were "
        "chosen by the Method of Equal Shares.</p>",
    },
    "kind": "civic",
    "total": 150_000,
    "currency": "EUR",
    "ballot_rule": "approval",
    "max_choices": 3,
    "counting_rule": "mes",
    "days": (-90, -70, -50, -40, -20, -10, None),
    "districts": [],
    "categories": [("Zeleň", "Greenery"), ("Šport", "Sport"), ("Komunita", "Community")],
    "projects": [
        (
            "Komunitná záhrada na Fončorde",
            "Vyvýšené záhony a kompostovisko pre susedov.",
            25_000,
            None,
            0,
            F,
            "",
        ),
        (
            "Workoutové ihrisko v Sásovej",
            "Hrazdy, bradlá a lavice na cvičenie.",
            40_000,
            None,
            1,
            F,
            "",
        ),
        (
            "Lavičky a stromy na Radvanskej",
            "Dvadsať stromov a desať lavičiek.",
            30_000,
            None,
            0,
            F,
            "",
        ),
        ("Knižnica vecí", "Požičovňa náradia a športových potrieb.", 15_000, None, 2, F, ""),
        ("Osvetlenie lávky cez Hron", "Úsporné LED osvetlenie lávky.", 45_000, None, 2, F, ""),
        ("Pumptrack pri Štiavničkách", "Dráha pre bicykle a kolobežky.", 60_000, None, 1, F, ""),
    ],
    "ballots": 160,
}

SITES = {"ternopil": (TERNOPIL_CIVIC, TERNOPIL_SCHOOL), "banska-bystrica": (BANSKA_BYSTRICA,)}


def _dates(days):
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    names = (
        "proposals_open",
        "proposals_close",
        "review_close",
        "voting_open",
        "voting_close",
        "results_at",
        "implementation_from",
    )
    return {
        name: (now + timedelta(days=offset)) if offset is not None else None
        for name, offset in zip(names, days, strict=True)
    }


def _ensure_cycle(home, spec, language):
    existing = home.get_children().filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing.specific, False
    page = BudgetCyclePage(
        slug=spec["slug"],
        locale=home.locale,
        title=spec["title"][language],
        intro=spec["intro"][language],
        kind=spec["kind"],
        total_amount=Decimal(spec["total"]),
        currency=spec["currency"],
        ballot_rule=spec["ballot_rule"],
        max_choices=spec["max_choices"],
        counting_rule=spec["counting_rule"],
        **_dates(spec["days"]),
    )
    for name, _english, amount in spec["districts"]:
        page.districts.add(BudgetDistrict(name=name, amount=Decimal(amount)))
    for name, _english in spec["categories"]:
        page.categories.add(BudgetCategory(name=name))
    home.add_child(instance=page)
    return publish(page), True


def _translate(page, spec):
    if "en" not in spec["title"]:
        return None
    english = ensure_translation(
        page, "en", slug=spec["slug_en"], title=spec["title"]["en"], intro=spec["intro"]["en"]
    )
    names = {name: en for name, en, _amount in spec["districts"]}
    names.update({name: en for name, en in spec["categories"] if en})
    for item in [
        *BudgetDistrict.objects.filter(page=english),
        *BudgetCategory.objects.filter(page=english),
    ]:
        if item.name in names:
            item.name = names[item.name]
            item.save(update_fields=["name"])
    publish(BudgetCyclePage.objects.get(pk=english.pk))
    return english


def _projects(page, spec):
    districts = list(page.source_districts())
    categories = list(page.source_categories())
    made = []
    for title, description, cost, district, category, status, reason in spec["projects"]:
        made.append(
            BudgetProject.objects.create(
                cycle=page,
                title=title,
                description=description,
                cost_estimate=Decimal(cost),
                reviewed_cost=Decimal(cost) if status != W else None,
                district=districts[district] if district is not None else None,
                category=categories[category] if category is not None else None,
                status=status,
                review_reason=reason,
                reviewed_at=page.review_close if status != W else None,
            )
        )
    return made


def _ballots(page, projects, number, seed):
    """Anonymous demo ballots: voters lean to a few favourite projects of their district and
    the city, the way real ballots cluster."""
    rng = random.Random(seed)  # nosec B311  # demo ballots, reproducible; no secret
    votable = [p for p in projects if p.status == F]
    city = [p for p in votable if p.district_id is None]
    by_district = {}
    for project in votable:
        if project.district_id:
            by_district.setdefault(project.district_id, []).append(project)
    districts = list(by_district) or [None]
    limit = page.max_choices
    ballots, chosen = [], []
    for _ in range(number):
        district = rng.choice(districts)
        pool = city + by_district.get(district, [])
        weights = [len(pool) - index + rng.random() * 3 for index in range(len(pool))]
        picks = set()
        for _ in range(rng.randint(1, limit)):
            picks.add(rng.choices(pool, weights=weights)[0])
        ballots.append(Ballot(cycle=page, district_id=district))
        chosen.append(picks)
    ballots = Ballot.objects.bulk_create(ballots)
    if ballots and ballots[0].pk is None:
        ballots = list(Ballot.objects.filter(cycle=page).order_by("pk"))
    BallotChoice.objects.bulk_create(
        [
            BallotChoice(ballot=ballot, project=project)
            for ballot, picks in zip(ballots, chosen, strict=True)
            for project in picks
        ]
    )
    for project in votable:
        votes = sum(1 for picks in chosen if project in picks)
        BudgetProject.objects.filter(pk=project.pk).update(votes=votes)


def _implementation(page):
    """Milestones and spending of the winners, as an editor records them (Ternopil's texts:
    the one cycle being built in the demo)."""
    today = timezone.localdate()
    for number, project in enumerate(
        BudgetProject.objects.filter(cycle=page, status=ProjectStatus.SELECTED).order_by("pk")
    ):
        steps = (
            ("Проєктно-кошторисна документація", today - timedelta(days=60), True),
            ("Закупівля через Prozorro", today - timedelta(days=20), number % 2 == 0),
            ("Роботи на місці", today + timedelta(days=45 + number * 10), False),
            ("Відкриття для мешканців", today + timedelta(days=90 + number * 10), False),
        )
        for order, (title, due, done) in enumerate(steps):
            ProjectMilestone.objects.create(
                project=project,
                title=title,
                due_date=due,
                done_at=due if done else None,
                sort_order=order,
            )
        cost = project.cost
        ProjectSpending.objects.create(
            project=project,
            date=today - timedelta(days=55),
            amount=(cost * Decimal("0.05")).quantize(Decimal("1")),
            note="Проєктна документація",
        )
        if number % 2 == 0:
            ProjectSpending.objects.create(
                project=project,
                date=today - timedelta(days=10),
                amount=(cost * Decimal("0.4")).quantize(Decimal("1")),
                note="Аванс підряднику",
            )


def _moderators():
    """Each municipality's moderators (the demo's per-site group) review the budget projects
    of their own site."""
    for profile in all_profiles():
        site = Site.objects.filter(site_name=profile.slug).first()
        if site is not None:
            rights.grant(moderators_group(profile), site)


def build(log):
    _moderators()
    for profile in all_profiles():
        specs = SITES.get(profile.slug)
        site = Site.objects.filter(site_name=profile.slug).first()
        if specs is None or site is None:
            continue
        home = site.root_page.specific
        for index, spec in enumerate(specs):
            page, created = _ensure_cycle(home, spec, profile.default_language)
            if not created:
                continue
            if "en" in profile.languages:
                _translate(page, spec)
            projects = _projects(page, spec)
            _ballots(page, projects, spec["ballots"], seed=f"{profile.slug}-{index}")
            if page.voting_close <= timezone.now():
                count(page)
            if page.implementation_from and page.implementation_from <= timezone.now():
                _implementation(page)
            for batch, number in spec.get("codes", ()):
                codes = generate_codes(page, number, batch)
                log(f"{profile.name('en')}: voting codes of {batch}: {', '.join(codes[:3])}")
            log(f"{profile.name('en')}: budget cycle {spec['slug']} with {len(projects)} projects")
