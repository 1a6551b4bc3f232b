"""Machine translators that fail loudly and cleanly.

wagtail-localize's own LibreTranslate and DeepL translators raise whatever `requests` or a
malformed answer raises (a 500 in the admin). These raise `MachineTranslationError`, which the
admin views of this app turn into a message; nothing is saved when a request fails.
"""

import requests
from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.deepl import DeepLTranslator as UpstreamDeepL
from wagtail_localize.machine_translators.libretranslate import LibreTranslator
from wagtail_localize.strings import StringValue


class MachineTranslationError(Exception):
    """The machine translation service did not answer usefully."""


def _guarded(call, service):
    try:
        return call()
    except requests.RequestException as error:
        raise MachineTranslationError(
            _("%(service)s could not be reached or refused the request (%(error)s).")
            % {"service": service, "error": type(error).__name__}
        ) from error
    except (ValueError, KeyError, TypeError) as error:
        raise MachineTranslationError(
            _("%(service)s gave an answer that could not be read.") % {"service": service}
        ) from error


class LibreTranslateTranslator(LibreTranslator):
    """A self-hosted LibreTranslate; the API key is optional."""

    display_name = "LibreTranslate"

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        if not strings:
            return {}
        payload = {
            "q": [string.data for string in strings],
            "source": self.language_code(source_locale.language_code),
            "target": self.language_code(target_locale.language_code),
            "format": "html",
        }
        if self.options.get("API_KEY"):
            payload["api_key"] = self.options["API_KEY"]

        def call():
            response = requests.post(  # nosec B113  # timeout is get_timeout(), a number
                self.get_api_endpoint() + "/translate", json=payload, timeout=self.get_timeout()
            )
            response.raise_for_status()
            translated = response.json()["translatedText"]
            if not isinstance(translated, list) or len(translated) != len(strings):
                raise ValueError("unexpected answer")
            return translated

        translated = _guarded(call, self.display_name)
        return {
            string: StringValue(text)
            for string, text in zip(strings, translated, strict=True)
            if isinstance(text, str) and text.strip()
        }


class DeepLTranslator(UpstreamDeepL):
    """DeepL, with errors reported instead of raised as a server error."""

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        if not strings:
            return {}

        def call():
            response = requests.post(  # nosec B113  # timeout below, TIMEOUT or 30 s
                self.get_api_endpoint(),
                self.get_parameters(source_locale, target_locale, strings),
                timeout=int(self.options.get("TIMEOUT", 30)),
                headers=self.get_headers(),
            )
            response.raise_for_status()
            return response.json()["translations"]

        translated = _guarded(call, self.display_name)
        return {
            string: StringValue(item["text"])
            for string, item in zip(strings, translated, strict=True)
        }
