"""Every kind of public page, in every language of each site, is valid HTML according to
the Nu HTML Checker (vnu.jar from the npm package `vnu-jar`, run once over all of them).

`make test` installs the checker (`make tools`); VNU_JAR points at another copy.
"""

import html
import json
import os
import re
import shutil
import subprocess  # nosec B404: runs the checker installed by `make tools`
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client
from wagtail.models import Page, Site

from cms.core.sites import profile_for_site
from cms.core.visibility import public_pages

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
VNU_JAR = Path(
    os.environ.get("VNU_JAR", ROOT / "var/tools/node_modules/vnu-jar/build/dist/vnu.jar")
)
HREF = re.compile(r'href="([^"#]+)"')
SEARCH_FORM = re.compile(
    r'<form[^>]*role="search"[^>]*action="([^"]+)"|'
    r'<form[^>]*action="([^"]+)"[^>]*role="search"'
)
# A form that a page links to with GET ("Was this page useful?"): its page is checked too.
GET_FORM = re.compile(r'<form method="get" action="(/[^"]+)" class="page-feedback__form"')
# Routes below a page that render a page of their own (not feeds or downloads).
SUBROUTES = ("results/", "past/", "month/", "print/")


def _first_page_of_each_type(root):
    """One live, public page of each page type under `root` (the root included)."""
    seen, pages = set(), []
    for page in public_pages(Page.objects.live().descendant_of(root, inclusive=True)).order_by(
        "path"
    ):
        if page.content_type_id not in seen:
            seen.add(page.content_type_id)
            pages.append(page.specific)
    return pages


def _links(text):
    return [html.unescape(link) for link in HREF.findall(text)]


def _paths_of_site(client, site):
    """The paths to check on `site`: a page of each type in each language, a filtered
    listing, an archive document, subpages (results, past events, print views), search,
    the public account pages, the page feedback form and a 404."""
    profile = profile_for_site(site)
    host = profile.hostname
    paths = []
    for root in site.root_page.get_translations(inclusive=True).select_related("locale"):
        language = root.locale.language_code
        if language not in profile.languages:
            continue
        asked = False
        for page in _first_page_of_each_type(root):
            parts = page.get_url_parts()
            if parts is None:
                continue
            path = parts[2]
            paths.append(path)
            text = client.get(path, headers={"host": host}).content.decode()
            links = [urlsplit(link) for link in _links(text)]
            own = [link for link in links if not link.netloc and link.path.startswith(path)]
            filtered = [
                link
                for link in own
                if link.path == path and link.query and not link.query.startswith("page=")
            ]
            if filtered:
                paths.append(f"{path}?{filtered[0].query}")
            below = sorted({link.path for link in own if link.path != path})
            documents = [p for p in below if re.search(r"/\d+-[-a-z0-9]*/$", p)]
            paths += documents[:1]
            paths += [p for p in below if p.removeprefix(path) in SUBROUTES]
            form = GET_FORM.search(text)
            if form and not asked:
                paths.append(form.group(1) + "?answer=yes")
                asked = True
            if page.depth == root.depth:
                search = SEARCH_FORM.search(text)
                if search:
                    paths.append((search.group(1) or search.group(2)) + "?q=бюджет")
        for account in ("login/", "signup/", "password/reset/"):
            paths.append(f"/{language}/accounts/{account}")
        paths.append(f"/{language}/no-such-page-here/")
    return host, list(dict.fromkeys(paths))


def test_every_page_type_in_every_language_is_valid_html(tmp_path):
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML Checker: scripts/system-deps --test"
    assert VNU_JAR.exists(), f"The Nu HTML Checker is missing at {VNU_JAR}: run `make tools`"
    client = Client()
    files = {}
    for site in Site.objects.order_by("pk"):
        host, paths = _paths_of_site(client, site)
        for path in paths:
            response = client.get(path, headers={"host": host})
            assert response.status_code in (200, 404), (host, path, response.status_code)
            name = tmp_path / f"page{len(files):04d}.html"
            name.write_bytes(response.content)
            files[name.name] = f"{host}{path} ({response.status_code})"
    assert len(files) > 100

    checked = subprocess.run(  # nosec B603: fixed arguments, no shell
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            "--exit-zero-always",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(checked.stderr or checked.stdout)["messages"]
    errors = [
        f"{files.get(Path(urlsplit(m.get('url', '')).path).name, m.get('url'))} "
        f"line {m.get('lastLine')}: {m.get('message')} [{m.get('extract', '').strip()}]"
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
    print("\n".join(errors))
    assert errors == [], f"{len(errors)} HTML errors on {len(files)} pages:\n" + "\n".join(errors)
