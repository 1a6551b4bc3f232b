"""Machine translation from the environment (plain Python: the settings import it).

Off unless configured: `LIBRETRANSLATE_URL` (a self-hosted LibreTranslate, with
`LIBRETRANSLATE_API_KEY` when it asks for one) or `DEEPL_AUTH_KEY`. `MACHINE_TRANSLATION_TIMEOUT`
is in seconds.
"""


def machine_translator_from_env(environ):
    """The `WAGTAILLOCALIZE_MACHINE_TRANSLATOR` setting, or None (machine translation off)."""
    timeout = int(environ.get("MACHINE_TRANSLATION_TIMEOUT", "20"))
    if environ.get("LIBRETRANSLATE_URL"):
        return {
            "CLASS": "cms.translations.machine.LibreTranslateTranslator",
            "OPTIONS": {
                "LIBRETRANSLATE_URL": environ["LIBRETRANSLATE_URL"].rstrip("/"),
                "API_KEY": environ.get("LIBRETRANSLATE_API_KEY", ""),
                "TIMEOUT": timeout,
            },
        }
    if environ.get("DEEPL_AUTH_KEY"):
        return {
            "CLASS": "cms.translations.machine.DeepLTranslator",
            "OPTIONS": {"AUTH_KEY": environ["DEEPL_AUTH_KEY"], "TIMEOUT": timeout},
        }
    return None
