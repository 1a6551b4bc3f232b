"""Machine translation: off by default, configured by environment, marked until reviewed,
and a failing service loses nothing."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.urls import reverse
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringTranslation

from cms.translations import po
from cms.translations.config import machine_translator_from_env
from cms.translations.status import StatusReport
from cms.translations.tests.helpers import locale, new_page, translator

pytestmark = pytest.mark.django_db

DUMMY = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}


class FakeLibreTranslate(BaseHTTPRequestHandler):
    """LibreTranslate's /translate on loopback: uppercases each text, or fails."""

    fail = False
    requests = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append(body)
        if self.fail:
            self.send_response(503)
            self.end_headers()
            self.wfile.write(b'{"error": "overloaded"}')
            return
        answer = json.dumps({"translatedText": [text.upper() for text in body["q"]]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def libretranslate():
    def start(fail=False):
        handler = type("Handler", (FakeLibreTranslate,), {"fail": fail, "requests": []})
        server = HTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}", handler

    servers = []
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _translation():
    source = new_page("ternopil", "vodopostachannia", "Водопостачання", "Графік подачі води.")
    return po.translation_for(source, locale("en"))


def _machine_translate(client, translation):
    client.force_login(translator())
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    return client.post(url, {"next": "/admin/"}, follow=True)


def test_off_by_default_and_configured_by_environment():
    assert machine_translator_from_env({}) is None
    libre = machine_translator_from_env({"LIBRETRANSLATE_URL": "http://mt.local:5000/"})
    assert libre["CLASS"].endswith("LibreTranslateTranslator")
    assert libre["OPTIONS"]["LIBRETRANSLATE_URL"] == "http://mt.local:5000"
    deepl = machine_translator_from_env({"DEEPL_AUTH_KEY": "k:fx"})
    assert deepl["CLASS"].endswith("DeepLTranslator") and deepl["OPTIONS"]["AUTH_KEY"] == "k:fx"


def test_off_means_no_machine_translation(client, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
    assert get_machine_translator() is None
    assert _machine_translate(client, _translation()).status_code == 404


def test_dummy_translator_marks_segments_as_machine_until_reviewed(client, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DUMMY
    translation = _translation()
    response = _machine_translate(client, translation)
    assert "Machine-translated segments stay marked" in response.content.decode()
    machine = StringTranslation.objects.filter(
        locale=translation.target_locale, context__object_id=translation.source.object_id
    )
    assert machine.exists() and all(s.translation_type == "machine" for s in machine)
    site = translation.get_target_instance().get_site()
    row = next(r for r in StatusReport([site]).rows() if r.translation_source == translation.source)
    assert row.cells["en"].machine == machine.count()

    # A person reviews one segment in the editor: it becomes a manual translation.
    string = machine.first()
    segment = translation.source.stringsegment_set.get(
        string=string.translation_of, context=string.context
    )
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    client.generic("PUT", url, f"value={string.data}", "application/x-www-form-urlencoded")
    string.refresh_from_db()
    assert string.translation_type == "manual"


def test_libretranslate_translates(client, settings, libretranslate):
    url, handler = libretranslate()
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_from_env(
        {"LIBRETRANSLATE_URL": url}
    )
    translation = _translation()
    response = _machine_translate(client, translation)
    assert response.status_code == 200
    assert handler.requests[0]["source"] == "uk" and handler.requests[0]["target"] == "en"
    assert "api_key" not in handler.requests[0]
    data = set(
        StringTranslation.objects.filter(locale=translation.target_locale).values_list(
            "data", "translation_type"
        )
    )
    assert ("ГРАФІК ПОДАЧІ ВОДИ.", "machine") in data


@pytest.mark.parametrize("failure", ["http-error", "unreachable"])
def test_a_failing_service_shows_a_message_and_loses_nothing(
    client, settings, libretranslate, failure
):
    if failure == "http-error":
        url, _ = libretranslate(fail=True)
    else:
        url, _ = libretranslate()
        url = url.rsplit(":", 1)[0] + ":9"  # the discard port: nothing listens
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_from_env(
        {"LIBRETRANSLATE_URL": url, "MACHINE_TRANSLATION_TIMEOUT": "2"}
    )
    translation = _translation()
    file = translation.export_po()
    file[0].msgstr = "Water supply"
    translation.import_po(file)
    before = list(StringTranslation.objects.values_list("pk", "data", "translation_type"))

    response = _machine_translate(client, translation)
    assert response.status_code == 200
    assert "Machine translation with LibreTranslate failed" in response.content.decode()
    after = list(StringTranslation.objects.values_list("pk", "data", "translation_type"))
    assert after == before
