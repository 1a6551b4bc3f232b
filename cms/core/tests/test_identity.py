"""Each municipality's own look: crest, colours (readable: WCAG AA), favicon, touch icon."""

import io
import re

import pytest
from django.core.checks import run_checks
from PIL import Image

from cms.core import identity
from cms.core.profiles import _load, all_profiles

pytestmark = pytest.mark.django_db


def profile_with(tmp_path, identity_table):
    source = all_profiles()[0]
    lines = [
        f'slug = "bad-{source.slug}"',
        'hostname = "bad.localhost"',
        'default_language = "uk"',
        'languages = ["uk", "en"]',
        'time_zone = "Europe/Kyiv"',
        "[name]",
        'uk = "Погана громада"',
        "[identity]",
        *identity_table,
    ]
    path = tmp_path / "bad.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return _load(path)


def test_the_demo_profiles_pass_the_contrast_check():
    assert identity.check_identities() == []


def test_text_colour_too_close_to_the_primary_colour_stops_start_up(tmp_path, monkeypatch):
    bad = profile_with(tmp_path, ['primary = "#7a9cc6"', 'text_on_primary = "#ffffff"'])
    monkeypatch.setattr(identity, "all_profiles", lambda: (*all_profiles(), bad))
    errors = [e for e in run_checks() if e.id == "hromada.E001"]
    assert len(errors) == 1
    assert "bad-" in errors[0].msg
    assert "#ffffff on #7a9cc6" in errors[0].msg
    assert "4.5:1" in errors[0].msg


def test_a_malformed_colour_or_a_missing_crest_is_reported(tmp_path):
    bad = profile_with(tmp_path, ['primary = "navy blue"', 'crest = "crests/nowhere.svg"'])
    messages = [e.msg for e in identity.check_identities(profiles=[bad])]
    assert any("'navy blue' is not a colour" in m for m in messages)
    bad = profile_with(tmp_path, ['crest = "crests/nowhere.svg"'])
    messages = [e.msg for e in identity.check_identities(profiles=[bad])]
    assert messages == [
        "Site profile 'bad-ternopil': [identity] crest = 'crests/nowhere.svg' "
        "is not among the static files."
    ]


def test_contrast_ratio_follows_wcag():
    assert identity.contrast_ratio("#ffffff", "#000000") == pytest.approx(21)
    assert identity.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_each_city_has_its_own_colours_crest_and_name_in_the_header(get):
    seen = set()
    for slug, path in (("ternopil", "/uk/"), ("banska-bystrica", "/sk/"), ("levski", "/bg/")):
        html = get(slug, path).content.decode()
        header = html.split('<header class="site-header">')[1].split("</header>")[0]
        profile = next(p for p in all_profiles() if p.slug == slug)
        assert profile.name(path.strip("/")) in header
        assert f"crests/{slug}" in header
        assert 'style="' not in html
        css_url = re.search(r'href="(/theme\.css\?v=\w+)"', html).group(1)
        css = get(slug, css_url)
        assert css["Content-Type"].startswith("text/css")
        assert "public" in css["Cache-Control"]
        primary = profile.identity["primary"]
        assert f"--brand: {primary};" in css.content.decode()
        seen.add(css.content)
    assert len(seen) == 3


def test_favicon_and_touch_icon_answer_with_images(get):
    response = get("banska-bystrica", "/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO"
    touch = get("banska-bystrica", "/apple-touch-icon.png")
    assert touch.status_code == 200
    assert Image.open(io.BytesIO(touch.content)).size == (180, 180)
    assert get("levski", "/favicon.ico").content != response.content
