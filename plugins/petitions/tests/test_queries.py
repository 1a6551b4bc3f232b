"""A petition's page and the list render in a fixed number of queries, however many
signatures (10 or 100,000) or petitions there are."""

import pytest

from plugins.petitions.models import Petition, Signature
from plugins.petitions.tests.reading import (
    add_signatures,
    index_for,
    list_path,
    make_petition,
    make_user,
    path_of,
)

pytestmark = pytest.mark.django_db

PAGE_QUERY_LIMIT = 30
LIST_QUERY_LIMIT = 30


def _count(get, path, limit, django_assert_max_num_queries):
    get("ternopil", path)  # warm Wagtail's site and root-path caches
    with django_assert_max_num_queries(limit) as captured:
        response = get("ternopil", path)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


# 100,000 rows: the query count does not depend on the database, SQLite is enough.
@pytest.mark.sqlite_only
def test_a_petition_page_with_100000_signatures_takes_as_many_queries_as_with_10(
    get, django_assert_max_num_queries
):
    index = index_for()
    small = make_petition(index, "collecting", title="Десять підписів")
    add_signatures(small, 10, days=5, users=[make_user("Перший Підписант")])
    large = make_petition(index, "consideration", title="Сто тисяч підписів")
    add_signatures(large, 100_000, days=60, users=[make_user(f"Підписант {n}") for n in range(150)])
    assert Signature.objects.filter(petition=large).count() == 100_000

    with_10, _ = _count(get, path_of(small), PAGE_QUERY_LIMIT, django_assert_max_num_queries)
    with_100000, html = _count(get, path_of(large), PAGE_QUERY_LIMIT, django_assert_max_num_queries)
    assert with_10 == with_100000
    assert "100" in html and 'value="1000"' in html  # progress capped at the threshold
    assert html.count('<tr><th scope="row">') == 60
    assert "Підписант 149" in html and "Підписант 0<" not in html  # the latest 100 names


def test_the_list_takes_as_many_queries_with_3_or_60_petitions(get, django_assert_max_num_queries):
    index = index_for()
    for number in range(3):
        make_petition(index, "collecting", title=f"Мало {number}")
    few, _ = _count(get, list_path(index), LIST_QUERY_LIMIT, django_assert_max_num_queries)
    Petition.objects.bulk_create(
        Petition(
            index=index,
            title=f"Багато {number}",
            text="Текст.",
            request="Прохання.",
            status="collecting",
            signatures_needed=1000,
            published_at=make_petition(index).published_at,
        )
        for number in range(57)
    )
    many, html = _count(get, list_path(index), LIST_QUERY_LIMIT, django_assert_max_num_queries)
    assert few == many
    for query in ("?status=overdue", "?q=Багато", "?page=2"):
        counted, _ = _count(
            get, list_path(index) + query, LIST_QUERY_LIMIT, django_assert_max_num_queries
        )
        assert counted <= LIST_QUERY_LIMIT
