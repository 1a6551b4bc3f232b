"""The admin in Ukrainian, Slovak and Bulgarian: the project's catalogs for every message of
the installed packages (Wagtail's admin, wagtail-localize, Django, allauth, taggit...) that
the packages themselves leave untranslated in a catalog Django loads.

The catalogs live in `locale/` beside this file, which `LOCALE_PATHS` puts before every
package, so an entry here also overrides a package's own translation (to keep the terms of
the glossary in `glossary/`). `manage.py admin_catalogs` rewrites them after an upgrade:
new messages appear untranslated, messages the packages dropped disappear, and
`cms/translations/tests/test_admin_catalogs.py` fails until a translator has filled them in.

Wagtail ships Slovak as `sk_SK`, which Django never loads for `sk`: its translations seed
the Slovak catalog here.
"""

from pathlib import Path

import django
import polib
from django.apps import apps

LOCALE = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("uk", "sk", "bg")
DOMAINS = ("django", "djangojs")
PLURAL_FORMS = {
    "uk": "nplurals=4; plural=(n % 1 == 0 && n % 10 == 1 && n % 100 != 11 ? 0 : n % 1 == 0 "
    "&& n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : n % 1 == 0 && "
    "(n % 10 ==0 || (n % 10 >=5 && n % 10 <=9) || (n % 100 >=11 && n % 100 <=14 )) ? 2: 3);",
    "sk": "nplurals=4; plural=(n % 1 == 0 && n == 1 ? 0 : n % 1 == 0 && n >= 2 && n <= 4 ? 1 "
    ": n % 1 != 0 ? 2: 3);",
    "bg": "nplurals=2; plural=(n != 1);",
}
NPLURALS = {"uk": 4, "sk": 4, "bg": 2}


def package_roots():
    """Every installed package with its own catalogs: Django and each third-party app."""
    roots = {"django": Path(django.__file__).parent / "conf"}
    for config in apps.get_app_configs():
        if not config.name.startswith(("cms.", "plugins.", "fixtures")):
            roots[config.name] = Path(config.path)
    return roots


def _key(entry):
    return (entry.msgctxt, entry.msgid)


def _entries(path):
    if not path.exists():
        return []
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


def _translated(entries):
    return {_key(e): e for e in entries if e.translated() and "fuzzy" not in e.flags}


def source_messages(domain):
    """{(context, msgid): (source entry, package)} of every package's English catalog."""
    found = {}
    for name, root in package_roots().items():
        for entry in _entries(root / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"):
            found.setdefault(_key(entry), (entry, name))
    return found


def loaded_translations(language, domain):
    """What the packages translate themselves in the catalog Django loads for `language`."""
    done = {}
    for root in package_roots().values():
        done |= _translated(_entries(root / "locale" / language / "LC_MESSAGES" / f"{domain}.po"))
    return done


def variant_translations(language, domain):
    """Translations a package ships under a regional name Django does not load (`sk_SK`)."""
    found = {}
    for root in package_roots().values():
        for path in sorted((root / "locale").glob(f"{language}_*/LC_MESSAGES/{domain}.po")):
            found |= _translated(_entries(path))
    return found


def catalog_path(language, domain):
    return LOCALE / language / "LC_MESSAGES" / f"{domain}.po"


def needed(language, domain):
    """The source entries this project must translate: those no loaded catalog translates.
    Server messages share one catalog; each JavaScript catalog holds one package's only."""
    wanted = {}
    merged = loaded_translations(language, domain) if domain == "django" else None
    for name, root in package_roots().items():
        catalog = root / "locale"
        done = merged
        if done is None:
            done = _translated(_entries(catalog / language / "LC_MESSAGES" / f"{domain}.po"))
        for entry in _entries(catalog / "en" / "LC_MESSAGES" / f"{domain}.po"):
            if _key(entry) not in done:
                wanted.setdefault(_key(entry), (entry, name))
    return wanted


def _copy_translation(target, source, language):
    if source.msgid_plural:
        forms = dict(sorted(source.msgstr_plural.items()))
        target.msgstr_plural = {i: forms.get(i, "") for i in range(NPLURALS[language])}
    else:
        target.msgstr = source.msgstr


def update(language, domain):
    """Rewrite one catalog: every needed message, kept translations kept, the rest empty.
    Overrides (a message a package translates, kept here for the glossary's terms) stay."""
    path = catalog_path(language, domain)
    ours = _translated(_entries(path))
    seeds = variant_translations(language, domain)
    sources = source_messages(domain)
    wanted = needed(language, domain)
    wanted |= {key: sources[key] for key in ours if key in sources}
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "hromada admin catalog",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS[language],
    }
    for key in sorted(wanted, key=lambda k: (wanted[k][1], k[0] or "", k[1])):
        source, package = wanted[key]
        entry = polib.POEntry(
            msgctxt=source.msgctxt,
            msgid=source.msgid,
            msgid_plural=source.msgid_plural,
            comment=package,
            flags=[f for f in source.flags if f != "fuzzy"],
        )
        if source.msgid_plural:
            entry.msgstr_plural = {i: "" for i in range(NPLURALS[language])}
        if key in ours:
            _copy_translation(entry, ours[key], language)
        elif key in seeds:
            _copy_translation(entry, seeds[key], language)
        po.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    po.save_as_mofile(str(path.with_suffix(".mo")))
    return po


def problems(language, domain):
    """Untranslated, fuzzy and stale messages of one catalog, as readable lines."""
    path = catalog_path(language, domain)
    entries = _entries(path)
    sources = source_messages(domain)
    have = {_key(e): e for e in entries}
    found = []
    for key, (_, package) in sorted(needed(language, domain).items(), key=lambda i: i[1][1]):
        entry = have.get(key)
        if entry is None:
            found.append(f"missing ({package}): {key[1]!r}")
        elif not entry.translated():
            found.append(f"untranslated ({package}): {key[1]!r}")
    for entry in entries:
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {entry.msgid!r}")
        if _key(entry) not in sources:
            found.append(f"stale (no package has it any more): {entry.msgid!r}")
    return found
