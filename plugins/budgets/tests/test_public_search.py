"""Projects in the site search: proposals once submitted, marked by their status in their
page; withdrawn ones are not found."""

import re

import pytest

from plugins.budgets.models import ProjectStatus
from plugins.budgets.tests.cycle_helpers import make_cycle, make_projects

pytestmark = pytest.mark.django_db


def result_urls(response):
    return re.findall(
        r'class="search-result__title"[^>]*><a href="([^"]+)"', response.content.decode()
    )


def test_proposals_are_found_and_withdrawn_ones_are_not(get):
    cycle = make_cycle(phase="review")
    (found,) = make_projects(cycle, [1000], title="Квітковий лабіринт Зелентопія")
    (gone,) = make_projects(cycle, [1000], title="Фонтан Сріблодзвін")
    gone.status = ProjectStatus.WITHDRAWN
    gone.save()

    urls = result_urls(get("ternopil", "/uk/search/", data={"q": "Зелентопія"}))
    assert any(url.endswith(f"/projects/{found.pk}/") for url in urls)
    assert get("ternopil", urls[0]).status_code == 200
    assert result_urls(get("ternopil", "/uk/search/", data={"q": "Сріблодзвін"})) == []
