"""Municipality profiles: one TOML file per site in the top-level `site/` folder.

A profile says what makes a deployment *this* municipality: names per language, languages,
default language, time zone, theme, enabled plugins and contact details. Plain Python (no
Django imports), so settings can read it.
"""

import os
import tomllib
from dataclasses import dataclass, field
from functools import cache
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
            if isinstance(value, dict)
            and key not in ("name", "contacts", "name_forms", "identity")
        },
    )


@cache
def all_profiles():
    """Every profile, the first (served on unknown hosts too) first."""
    return tuple(sorted((_load(p) for p in PROFILE_DIR.glob("*.toml")), key=lambda p: p.order))


def default_profile():
    return all_profiles()[0]


def profile_for_hostname(hostname):
    for profile in all_profiles():
        if profile.hostname == hostname:
            return profile
    return None
