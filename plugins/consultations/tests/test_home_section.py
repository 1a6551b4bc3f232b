"""The home page's "open consultations" section follows the consultations."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from cms.frontcache import tracking
from plugins.consultations.models import ConsultationPage
from plugins.consultations.tests.factories import consultation_index, make_consultation

pytestmark = pytest.mark.django_db


def home_html(client):
    return client.get("/uk/", headers={"host": "ternopil.localhost"}).content.decode()


def section(html):
    return html.split('class="home-section home-consultations"')[1].split("</section>")[0]


def test_an_open_consultation_is_listed_with_its_days_left_and_leaves_when_it_closes(client):
    page = make_consultation(title="Тестова консультація про сквер")
    page.closes_at = timezone.now() + timedelta(days=5, hours=1)
    page.save_revision().publish()
    listed = section(home_html(client))
    assert "Тестова консультація про сквер" in listed
    assert page.get_url_parts()[2] in listed
    assert "5 днів" in listed or "5 days" in listed

    # The section is kept with the page frame; nothing is saved when a consultation closes
    # or a day passes, and the kept section is not shown after either.
    a_day_later = timezone.now() + timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=a_day_later):
        assert "4 дні" in section(home_html(client))
    with mock.patch("django.utils.timezone.now", return_value=page.closes_at):
        assert "Тестова консультація про сквер" not in section(home_html(client))


def test_a_kept_section_shows_a_consultation_as_it_opens_and_one_published_at_once(
    client, django_assert_max_num_queries
):
    upcoming = make_consultation(state="upcoming", title="Консультація, що відкриється")
    assert "Консультація, що відкриється" not in section(home_html(client))
    with django_assert_max_num_queries(30) as kept:
        home_html(client)
    assert not any("consultations_consultationpage" in q["sql"] for q in kept.captured_queries)
    with mock.patch("django.utils.timezone.now", return_value=upcoming.opens_at):
        assert "Консультація, що відкриється" in section(home_html(client))
    make_consultation(title="Щойно опублікована консультація")
    assert "Щойно опублікована консультація" in section(home_html(client))


def test_upcoming_unpublished_and_restricted_consultations_are_not_listed(client):
    make_consultation(state="upcoming", title="Ще не відкрита")
    make_consultation(live=False, title="Чернетка консультації")
    private = make_consultation(title="Лише для працівників")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    listed = section(home_html(client))
    assert "Ще не відкрита" not in listed
    assert "Чернетка консультації" not in listed
    assert "Лише для працівників" not in listed


def test_the_home_carries_the_tags_that_purge_it_when_consultations_change(client):
    upcoming = make_consultation(state="upcoming")
    token = tracking.start()
    try:
        home_html(client)
    finally:
        tags = tracking.stop(token)
    home = Site.objects.get(site_name="ternopil").root_page
    content_type = ContentType.objects.get_for_model(ConsultationPage)
    # A consultation published later in this language tree purges the home...
    assert f"pages-{content_type.pk}-t{home.path}" in tags
    # ...and so does the next one to open (nothing is saved when it opens).
    assert f"page-{upcoming.pk}" in tags


def test_no_section_on_a_site_without_a_consultations_index(client):
    index = consultation_index()
    index.unpublish()
    assert 'class="home-section home-consultations"' not in home_html(client)
