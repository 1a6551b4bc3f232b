"""Per-site plugin switches: a plugin its site's profile does not list contributes nothing
there (pages, public URLs, calendar, search, extension points); a profile naming a plugin
that does not exist stops the start-up."""

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Locale, Site

from cms.core import profiles
from cms.core.calendar import occurrences
from cms.core.checks import profiles_name_known_plugins
from cms.core.extensions import ACCOUNT_PAGE, render_extension_point
from cms.core.manifest import app_enabled
from cms.core.search_sources import search_sources

pytestmark = pytest.mark.django_db


def _events_model(name):
    """A model of the events plugin (cms code, tests included, never imports a plugin)."""
    return apps.get_model("events", name)


@pytest.fixture
def profile_dir(tmp_path, monkeypatch):
    """Write the real site profiles into a temporary folder; `set_plugins(slug, names)`
    changes what one of them enables. Profiles are read again afterwards."""
    for path in profiles.PROFILE_DIR.glob("*.toml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(profiles, "PROFILE_DIR", tmp_path)
    profiles.all_profiles.cache_clear()

    def set_plugins(slug, names):
        path = tmp_path / f"{slug}.toml"
        text = re.sub(
            r"^plugins = .*$",
            "plugins = [" + ", ".join(f'"{name}"' for name in names) + "]",
            path.read_text(encoding="utf-8"),
            flags=re.M,
        )
        path.write_text(text, encoding="utf-8")
        profiles.all_profiles.cache_clear()

    yield set_plugins
    profiles.all_profiles.cache_clear()


def _events_index(site):
    return _events_model("EventIndexPage").objects.live().descendant_of(site.root_page).first()


def test_content_apps_are_always_on_and_plugins_follow_the_profile(profile_dir):
    profile_dir("levski", ["comments"])
    levski = Site.objects.get(site_name="levski")
    ternopil = Site.objects.get(site_name="ternopil")
    assert app_enabled(levski, "news") and app_enabled(levski, "comments")
    assert not app_enabled(levski, "events") and not app_enabled(levski, "consultations")
    assert app_enabled(ternopil, "events")


def test_a_switched_off_plugins_pages_and_urls_answer_404(get, profile_dir):
    levski = Site.objects.get(site_name="levski")
    index = _events_index(levski)
    events = _events_model("EventPage").objects.live().descendant_of(index)
    event = events.filter(registration_enabled=True).first()
    register_url = f"/bg/events/{event.pk}/register/"
    assert get("levski", index.get_url()).status_code == 200
    assert get("levski", register_url).status_code == 302  # to the sign-in page

    profile_dir("levski", ["comments", "consultations"])
    assert get("levski", index.get_url()).status_code == 404
    assert get("levski", event.get_url()).status_code == 404
    assert get("levski", register_url).status_code == 404
    ternopil_index = _events_index(Site.objects.get(site_name="ternopil"))
    assert get("ternopil", ternopil_index.get_url()).status_code == 200


def test_a_switched_off_plugin_is_off_the_calendar_and_out_of_search(get, profile_dir):
    levski = Site.objects.get(site_name="levski")
    bulgarian = Locale.objects.get(language_code="bg")
    window = (timezone.now() - timedelta(days=400), timezone.now() + timedelta(days=400))
    assert any(o.kind == "event" for o in occurrences(levski, bulgarian, *window))
    event = _events_model("EventPage").objects.live().descendant_of(levski.root_page).first()
    query = event.title.split()[0]
    assert "events" in get("levski", f"/bg/search/?q={query}").content.decode()

    profile_dir("levski", ["comments"])
    kinds = {o.kind for o in occurrences(levski, bulgarian, *window)}
    assert "event" not in kinds and "consultation_deadline" not in kinds
    assert "milestone" in kinds or not kinds  # content apps stay
    assert {"events", "consultations"}.isdisjoint(s.kind for s in search_sources(levski))
    assert "news" in {s.kind for s in search_sources(levski)}
    html = get("levski", f"/bg/search/?q={query}").content.decode()
    assert "kind=events" not in html
    assert event.get_url() not in html


def test_a_switched_off_plugin_fills_no_extension_point(profile_dir):
    citizen = get_user_model().objects.create_user("switch-citizen", "switch@example.org")
    request = RequestFactory().get("/bg/accounts/", HTTP_HOST="levski.localhost")
    request.user = citizen
    sections = "".join(map(str, render_extension_point(ACCOUNT_PAGE, request)))
    assert "consultations" in sections

    profile_dir("levski", ["events"])
    request = RequestFactory().get("/bg/accounts/", HTTP_HOST="levski.localhost")
    request.user = citizen
    assert render_extension_point(ACCOUNT_PAGE, request) == []


def test_a_profile_naming_an_unknown_plugin_stops_the_start_up(profile_dir):
    assert profiles_name_known_plugins(None) == []
    profile_dir("levski", ["comments", "petitons"])  # a typo of "petitions"
    (error,) = profiles_name_known_plugins(None)
    assert error.id == "hromada.E001"
    assert "'levski'" in error.msg and "'petitons'" in error.msg
    assert "comments, consultations, events" in error.hint
    with pytest.raises(SystemCheckError, match="hromada.E001"):
        call_command("check")
