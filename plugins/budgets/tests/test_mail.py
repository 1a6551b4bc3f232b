"""The budgets' mail: the author of a project hears the review's decision (once per
change), and a citizen who casts or changes a ballot gets a receipt; school codes and
refused ballots send nothing. In the cycle page's language."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from plugins.budgets.models import ProjectStatus
from plugins.budgets.voting import BallotRefused, cast_ballot

from .citizens import make_citizen
from .cycle_helpers import make_cycle, make_projects
from .test_review import _edit_url, _post

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(client):
    user = get_user_model().objects.create_superuser("budget-mail-rev", "rv@example.org", "x" * 20)
    client.force_login(user)
    return user


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the tests' transaction never commits)."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def _review(client, commits, project, **changes):
    project.refresh_from_db()
    answer = commits(client.post, _edit_url(project), _post(project, **changes))
    assert answer.status_code == 302, answer.content.decode()[:2000]


def test_the_author_hears_a_feasible_decision_with_the_corrected_cost_in_ukrainian(
    client, reviewer, commits
):
    cycle = make_cycle("review", title="Громадський бюджет 2027")
    author = make_citizen()
    author.first_name = "Олена"
    author.save()
    project = make_projects(
        cycle, [10000], status=ProjectStatus.PROPOSED, author=author, title="Сквер на Руській"
    )[0]
    mail.outbox.clear()
    _review(client, commits, project, status="feasible", reviewed_cost="12500.00")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [author.email]
    assert message.subject == "Ваш проєкт «Сквер на Руській» можна реалізувати"
    assert "Вітаємо, Олена!" in message.body
    assert "«Громадський бюджет 2027»: його можна реалізувати" in message.body
    assert "12\xa0500,00 UAH" in message.body and "10\xa0000,00 UAH" in message.body
    assert f"/projects/{project.pk}/" in message.body


def test_one_mail_per_decision_change_with_the_public_reason(client, reviewer, commits):
    cycle = make_cycle("review")
    author = make_citizen()
    project = make_projects(cycle, [500], status=ProjectStatus.PROPOSED, author=author)[0]
    mail.outbox.clear()
    reason = "Земля належить державі."
    _review(client, commits, project, status="infeasible", review_reason=reason)
    assert len(mail.outbox) == 1
    assert "неможливо реалізувати" in mail.outbox[0].subject
    assert f"Причина (публічна): {reason}" in mail.outbox[0].body
    # The same decision saved again (even with a reworded reason) is no new decision.
    _review(client, commits, project, status="infeasible", review_reason=reason + " Так.")
    assert len(mail.outbox) == 1
    _review(client, commits, project, status="feasible", review_reason="")
    assert len(mail.outbox) == 2
    assert "можна реалізувати" in mail.outbox[1].subject
    # Back to "proposed" is no decision: nothing.
    _review(client, commits, project, status="proposed")
    assert len(mail.outbox) == 2


def test_a_refused_review_sends_nothing(client, reviewer, commits):
    cycle = make_cycle("review")
    project = make_projects(cycle, [500], status=ProjectStatus.PROPOSED, author=make_citizen())[0]
    mail.outbox.clear()
    project.refresh_from_db()
    answer = commits(client.post, _edit_url(project), _post(project, status="infeasible"))
    assert answer.status_code == 200  # a reason is needed
    assert mail.outbox == []


def test_the_review_mail_is_in_the_language_of_the_cycle(client, reviewer, commits):
    cycle = make_cycle("review", slug_site="banska-bystrica", currency="EUR")
    author = make_citizen()
    project = make_projects(
        cycle, [800], status=ProjectStatus.PROPOSED, author=author, title="Lavičky"
    )[0]
    mail.outbox.clear()
    _review(client, commits, project, status="feasible")
    assert [m.to for m in mail.outbox] == [[author.email]]
    assert mail.outbox[0].subject == "Váš projekt „Lavičky“ je uskutočniteľný"
    assert "Dobrý deň," in mail.outbox[0].body
    assert "váš odhad" not in mail.outbox[0].body  # no corrected cost, none mentioned


def test_a_citizen_gets_a_receipt_of_a_new_and_of_a_changed_ballot(commits):
    cycle = make_cycle("voting", ballot_rule="approval", max_choices=2, title="Бюджет 2027")
    a, b, c = make_projects(cycle, [10, 20, 30])
    a.title, b.title, c.title = "Лавки", "Ліхтарі", "Фонтан"
    for project in (a, b, c):
        project.save()
    voter, other = make_citizen(), make_citizen()
    commits(cast_ballot, cycle, [str(c.pk)], user=other)
    mail.outbox.clear()
    commits(cast_ballot, cycle, [str(a.pk), str(b.pk)], user=voter)
    assert len(mail.outbox) == 1
    receipt = mail.outbox[0]
    assert receipt.to == [voter.email]
    assert receipt.subject == "Ваш бюлетень у «Бюджет 2027»"
    assert "зараховано" in receipt.body
    assert "- Лавки (10,00 UAH)" in receipt.body and "- Ліхтарі (20,00 UAH)" in receipt.body
    assert "Фонтан" not in receipt.body  # another voter's choice
    assert "Ви можете змінити свій бюлетень" in receipt.body and "/vote/" in receipt.body
    commits(cast_ballot, cycle, [str(b.pk), str(c.pk)], user=voter)
    assert len(mail.outbox) == 2
    changed = mail.outbox[1]
    assert changed.to == [voter.email] and "змінено" in changed.body
    assert "Фонтан" in changed.body and "Лавки" not in changed.body
    # The same choices again change nothing: no new receipt.
    commits(cast_ballot, cycle, [str(c.pk), str(b.pk)], user=voter)
    assert len(mail.outbox) == 2


def test_a_refused_ballot_sends_nothing_and_the_receipt_follows_the_cycle_language(commits):
    cycle = make_cycle("voting", slug_site="banska-bystrica", max_choices=1, currency="EUR")
    a, b = make_projects(cycle, [10, 20])
    voter = make_citizen()
    mail.outbox.clear()
    with pytest.raises(BallotRefused):
        commits(cast_ballot, cycle, [str(a.pk), str(b.pk)], user=voter)
    assert mail.outbox == []
    commits(cast_ballot, cycle, [str(a.pk)], user=voter)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Váš hlasovací lístok v „")
    assert "bol zaznamenaný" in mail.outbox[0].body


def test_a_school_code_ballot_sends_no_mail(commits):
    from plugins.budgets.codes import code_hash, generate_codes

    cycle = make_cycle("voting", kind="school", max_choices=1)
    (a,) = make_projects(cycle, [Decimal(10)])
    (code,) = generate_codes(cycle, 1, "5-A")
    mail.outbox.clear()
    commits(cast_ballot, cycle, [str(a.pk)], code_digest=code_hash(code))
    assert mail.outbox == []
