"""Citizens and consultations for the consultations plugin's tests."""

import itertools
import uuid
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from cms.home.models import HomePage
from plugins.consultations.models import ConsultationIndexPage, ConsultationPage

_numbers = itertools.count(1)
HOSTS = {"ternopil": "ternopil.localhost", "levski": "levski.localhost"}


def make_citizen(verified=True, password="a-long-Passphrase-42"):
    number = next(_numbers)
    email = f"respondent-test-{number}-{uuid.uuid4().hex[:6]}@example.org"
    user = get_user_model().objects.create_user(
        username=email[:150], email=email, password=password
    )
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def questions(prefix="q"):
    """One question of every kind, with fixed ids (the same in every language version)."""
    return [
        {
            "type": "single_choice",
            "id": f"{prefix}-single-0000-0000-000000000001",
            "value": {
                "label": "Which direction matters most?",
                "help_text": "Choose one.",
                "required": True,
                "choices": [
                    {"type": "item", "value": "E-services", "id": f"{prefix}-choice-a"},
                    {"type": "item", "value": "Open data", "id": f"{prefix}-choice-b"},
                    {"type": "item", "value": "E-democracy", "id": f"{prefix}-choice-c"},
                ],
            },
        },
        {
            "type": "multiple_choice",
            "id": f"{prefix}-multi-0000-0000-000000000002",
            "value": {
                "label": "Which services first?",
                "help_text": "",
                "required": False,
                "choices": [
                    {"type": "item", "value": "Doctor", "id": f"{prefix}-choice-d"},
                    {"type": "item", "value": "E-ticket", "id": f"{prefix}-choice-e"},
                ],
            },
        },
        {
            "type": "scale",
            "id": f"{prefix}-scale-0000-0000-000000000003",
            "value": {
                "label": "How do you rate it?",
                "help_text": "",
                "required": False,
                "low_label": "poor",
                "high_label": "good",
            },
        },
        {
            "type": "yes_no",
            "id": f"{prefix}-yesno-0000-0000-000000000004",
            "value": {"label": "Internet everywhere?", "help_text": "", "required": False},
        },
        {
            "type": "long_text",
            "id": f"{prefix}-text-0000-0000-000000000005",
            "value": {
                "label": "Your proposals",
                "help_text": "",
                "required": False,
                "publish_answers": True,
            },
        },
    ]


def translated_questions(source):
    """The same questions with "translated" (Ukrainian) labels and the same ids."""
    import copy

    data = copy.deepcopy(source)
    for block in data:
        block["value"]["label"] = "UK " + block["value"]["label"]
        for item in block["value"].get("choices", []):
            item["value"] = "UK " + item["value"]
    return data


def site(slug="ternopil"):
    return Site.objects.get(site_name=slug)


def consultation_index(slug="ternopil"):
    home = site(slug).root_page
    return ConsultationIndexPage.objects.child_of(home).first()


def make_consultation(
    index=None,
    state="open",
    respondents="citizens",
    results="live",
    live=True,
    translate=False,
    **fields,
):
    """A consultation under `index` (the demo Ternopil index by default) with one question
    of every kind; with `translate`, also its English translation (same question ids)."""
    index = index or consultation_index()
    now = timezone.now()
    opens_at, closes_at = {
        "open": (now - timedelta(days=1), now + timedelta(days=10)),
        "upcoming": (now + timedelta(days=1), now + timedelta(days=10)),
        "closed": (now - timedelta(days=10), now - timedelta(days=1)),
    }[state]
    number = next(_numbers)
    data = questions()
    page = ConsultationPage(
        title=fields.pop("title", f"Consultation {number}"),
        slug=f"consultation-{number}-{uuid.uuid4().hex[:6]}",
        summary="What we propose.",
        opens_at=opens_at,
        closes_at=closes_at,
        respondents=respondents,
        results_visibility=results,
        questions=translated_questions(data) if index.locale.language_code == "uk" else data,
        **fields,
    )
    index.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
        page.refresh_from_db()
    else:
        page.live = False
        page.save()
    if translate:
        translation = page.copy_for_translation(Locale.objects.get(language_code="en"))
        translation.questions = data
        translation.title = f"Consultation {number} (en)"
        translation.save()
        translation.save_revision().publish()
        page.english = ConsultationPage.objects.get(pk=translation.pk)
    return page


def minimal_tree():
    """For transactional tests (the demo is flushed for them): locales, a home page and a
    consultations index, created when missing."""
    for code in ("en", "uk"):
        Locale.objects.get_or_create(language_code=code)
    uk = Locale.objects.get(language_code="uk")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=uk))
    home = HomePage.objects.filter(locale=uk).first()
    if home is None:
        home = HomePage(title="Тернопіль", slug=f"home-{uuid.uuid4().hex[:6]}", locale=uk)
        root.add_child(instance=home)
    index = ConsultationIndexPage.objects.child_of(home).first()
    if index is None:
        index = ConsultationIndexPage(title="Консультації", slug="konsultatsii", locale=uk)
        home.add_child(instance=index)
    return index


def answers_post(page, **overrides):
    """A valid POST for the test questions of `page` (keys from its question list)."""
    questions_by_kind = {question.kind: question for question in page.question_list}
    single = questions_by_kind["single_choice"]
    data = {
        single.field_name: single.choices[0].key,
        questions_by_kind["multiple_choice"].field_name: [
            questions_by_kind["multiple_choice"].choices[1].key
        ],
        questions_by_kind["scale"].field_name: "4",
        questions_by_kind["yes_no"].field_name: "yes",
        questions_by_kind["long_text"].field_name: "Add more services online.",
    }
    data.update(overrides)
    return data


def respond_url(page):
    return f"/{page.locale.language_code}/consultations/{page.pk}/respond/"


def host_of(page):
    return page.get_site().hostname
