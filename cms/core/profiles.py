"""Municipality profiles: one TOML file per site in the top-level `site/` folder.

A profile says what makes a deployment *this* municipality: names per language, languages,
default language, time zone, theme, enabled plugins and contact details. Plain Python (no
Django imports), so settings can read it.
"""

import os
import time
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PROFILE_DIR = Path(
    os.environ.get("HROMADA_PROFILE_DIR", Path(__file__).resolve().parents[2] / "site")
)


@dataclass(frozen=True)
class Profile:
    slug: str
    order: int
    hostname: str
    default_language: str
    languages: tuple
    time_zone: str
    theme: str
    plugins: tuple
    names: dict
    contacts: dict = field(default_factory=dict)
    #: the name as sentences need it: {"genitive": {"uk": "Тернопільської міської ради"}}
    name_forms: dict = field(default_factory=dict)
    #: crest (a static path) and colours: see cms.core.identity.
    identity: dict = field(default_factory=dict)
    #: the other tables of the profile, by name: an app's own rules (`[petitions]`).
    tables: dict = field(default_factory=dict)

    def table(self, name):
        """The profile's `[name]` table (an app's rules for this site), or {}."""
        return self.tables.get(name, {})

    def name(self, language):
        """The municipality's name in `language`, else in its own language."""
        return self.names.get(language) or self.names[self.default_language]

    def name_form(self, case, language):
        """The name in a grammatical case ("genitive": "Тернопільської міської ради", as in
        "Привіт від ..."); the plain name where the language has no such form."""
        return self.name_forms.get(case, {}).get(language) or self.name(language)

    def contact(self, key, language):
        """A contact value: plain, or a table of translations picked by `language`."""
        value = self.contacts.get(key)
        if isinstance(value, dict):
            return value.get(language) or value.get(self.default_language)
        return value

    def serves(self, language):
        return language in self.languages


def _load(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    slug = data["slug"]
    return Profile(
        slug=slug,
        order=data.get("order", 100),
        hostname=os.environ.get(f"HOSTNAME_{slug.upper().replace('-', '_')}", data["hostname"]),
        default_language=data["default_language"],
        languages=tuple(data["languages"]),
        time_zone=data["time_zone"],
        theme=data.get("theme", "default"),
        plugins=tuple(data.get("plugins", ())),
        names=dict(data["name"]),
        contacts=dict(data.get("contacts", {})),
        name_forms={case: dict(forms) for case, forms in data.get("name_forms", {}).items()},
        identity=dict(data.get("identity", {})),
        tables={
            key: dict(value)
            for key, value in data.items()
            if isinstance(value, dict) and key not in ("name", "contacts", "name_forms", "identity")
        },
    )


#: Seconds between two looks at the profile files' modification times: a changed file is
#: read again without a restart (settings computed from profiles at start-up stay as they are).
CHECK_INTERVAL = 1.0
_seen = {"at": None, "stamp": None}


def _stamp():
    """The profile folder and the name, modification time and size of each file in it."""
    files = []
    for path in sorted(PROFILE_DIR.glob("*.toml")):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        files.append((path.name, stat.st_mtime_ns, stat.st_size))
    return str(PROFILE_DIR), tuple(files)


@lru_cache(maxsize=4)
def _parsed(stamp):
    directory, files = stamp
    paths = (Path(directory) / name for name, _mtime, _size in files)
    return tuple(sorted((_load(path) for path in paths), key=lambda p: p.order))


def all_profiles():
    """Every profile, the first (served on unknown hosts too) first: parsed once per process
    and again when a file changed (looked at once every CHECK_INTERVAL seconds)."""
    now = time.monotonic()
    if _seen["stamp"] is None or now - _seen["at"] >= CHECK_INTERVAL:
        _seen["stamp"], _seen["at"] = _stamp(), now
    return _parsed(_seen["stamp"])


def _forget_profiles():
    """Read the files again on the next call (after the folder itself was changed)."""
    _seen["stamp"] = None
    _parsed.cache_clear()


all_profiles.cache_clear = _forget_profiles


def default_profile():
    return all_profiles()[0]


def profile_for_hostname(hostname):
    for profile in all_profiles():
        if profile.hostname == hostname:
            return profile
    return None
