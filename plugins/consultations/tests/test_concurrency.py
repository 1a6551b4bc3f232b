"""Real concurrency on PostgreSQL: parallel connections (threads) submitting at once."""

import threading

import pytest
from django.db import connection

from plugins.consultations.models import Answer, Response
from plugins.consultations.services import save_response

from .factories import make_citizen, make_consultation, minimal_tree

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _in_parallel(jobs):
    """Run each job in its own thread and database connection, all starting together."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait(timeout=60)
            job()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return errors


def _answers(page, choice):
    single = page.question_list[0]
    return [(single.key, single.choices[choice].key, ""), (page.question_list[2].key, "3", "")]


def test_two_concurrent_submissions_by_one_citizen_leave_one_response():
    page = make_consultation(index=minimal_tree())
    citizen = make_citizen()
    for _round in range(5):
        errors = _in_parallel(
            [
                lambda: save_response(page, _answers(page, 0), user=citizen),
                lambda: save_response(page, _answers(page, 1), user=citizen),
            ]
        )
        assert errors == []
        assert Response.objects.filter(consultation_key=page.translation_key).count() == 1
        assert Answer.objects.filter(consultation_key=page.translation_key).count() == 2


def test_200_parallel_submissions_by_different_citizens_leave_200_responses():
    page = make_consultation(index=minimal_tree())
    citizens = [make_citizen() for _ in range(200)]
    errors = _in_parallel(
        [lambda c=c: save_response(page, _answers(page, 2), user=c) for c in citizens]
    )
    assert errors == []
    assert Response.objects.filter(consultation_key=page.translation_key).count() == 200
    single = page.question_list[0]
    assert (
        Answer.objects.filter(
            question_key=single.key, consultation_key=page.translation_key
        ).count()
        == 200
    )


def test_concurrent_email_confirmations_leave_one_response():
    page = make_consultation(index=minimal_tree(), respondents="email")
    errors = _in_parallel(
        [
            lambda n=n: save_response(page, _answers(page, n % 3), email="Same@Example.org")
            for n in range(8)
        ]
    )
    assert errors == []
    assert Response.objects.filter(consultation_key=page.translation_key).count() == 1
