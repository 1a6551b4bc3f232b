"""Real concurrency on PostgreSQL: parallel connections (threads) voting at once."""

import threading
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import Locale, Page

from cms.home.models import HomePage
from plugins.budgets.codes import code_hash, generate_codes
from plugins.budgets.models import (
    Ballot,
    BallotChoice,
    BudgetCyclePage,
    BudgetProject,
    ProjectStatus,
    VotingCode,
)
from plugins.budgets.voting import BallotRefused, cast_ballot

from .citizens import make_citizen

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _in_parallel(jobs):
    """Run each job in its own thread and database connection, all starting together;
    the errors other than refusals, and the number of refusals."""
    barrier = threading.Barrier(len(jobs))
    errors, refused = [], []

    def run(job):
        try:
            barrier.wait(timeout=60)
            job()
        except BallotRefused as refusal:
            refused.append(refusal)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return errors, len(refused)


def _voting_cycle(**fields):
    """A cycle in its voting phase under a home page (the demo is flushed for these tests)."""
    uk, _ = Locale.objects.get_or_create(language_code="uk")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=uk)
    )
    home = HomePage.objects.filter(locale=uk).first()
    if home is None:
        home = HomePage(title="Тернопіль", slug=f"home-{uuid.uuid4().hex[:6]}", locale=uk)
        root.add_child(instance=home)
    now = timezone.now()
    page = BudgetCyclePage(
        title="Громадський бюджет",
        slug=f"budget-{uuid.uuid4().hex[:6]}",
        locale=uk,
        total_amount=Decimal(1000),
        currency="UAH",
        proposals_open=now - timedelta(days=30),
        proposals_close=now - timedelta(days=20),
        review_close=now - timedelta(days=10),
        voting_open=now - timedelta(days=1),
        voting_close=now + timedelta(days=5),
        results_at=now + timedelta(days=10),
        **fields,
    )
    home.add_child(instance=page)
    projects = [
        BudgetProject.objects.create(
            cycle=page,
            title=f"Project {n}",
            description="What it builds.",
            cost_estimate=Decimal(100),
            status=ProjectStatus.FEASIBLE,
        )
        for n in range(4)
    ]
    return page, projects


def _votes(projects):
    return [BudgetProject.objects.get(pk=p.pk).votes for p in projects]


def test_200_parallel_voters_leave_200_ballots_and_matching_counts():
    page, projects = _voting_cycle(max_choices=2)
    citizens = [make_citizen() for _ in range(200)]
    choices = [[projects[n % 4], projects[(n + 1) % 4]] for n in range(200)]
    errors, refused = _in_parallel(
        [
            lambda c=c, chosen=chosen: cast_ballot(page, [str(p.pk) for p in chosen], user=c)
            for c, chosen in zip(citizens, choices, strict=True)
        ]
    )
    assert errors == [] and refused == 0
    assert Ballot.objects.filter(cycle=page).count() == 200
    counted = [BallotChoice.objects.filter(project=p).count() for p in projects]
    assert counted == [100, 100, 100, 100]
    assert _votes(projects) == counted


def test_20_parallel_ballots_of_one_citizen_leave_one_ballot():
    page, projects = _voting_cycle(max_choices=1)
    citizen = make_citizen()
    errors, refused = _in_parallel(
        [lambda n=n: cast_ballot(page, [str(projects[n % 4].pk)], user=citizen) for n in range(20)]
    )
    assert errors == [] and refused == 0
    ballot = Ballot.objects.get(cycle=page, voter=citizen)
    assert ballot.choices.count() == 1
    assert sum(_votes(projects)) == 1
    assert _votes(projects)[projects.index(ballot.choices.get().project)] == 1


def test_20_parallel_uses_of_one_code_leave_one_ballot():
    page, projects = _voting_cycle(kind="school", max_choices=1)
    code = generate_codes(page, 1, "7-A")[0]
    errors, refused = _in_parallel(
        [
            lambda n=n: cast_ballot(page, [str(projects[n % 4].pk)], code_digest=code_hash(code))
            for n in range(20)
        ]
    )
    assert errors == [] and refused == 19
    assert Ballot.objects.filter(cycle=page).count() == 1
    assert VotingCode.objects.get(cycle=page).used_at is not None
    assert sum(_votes(projects)) == 1
