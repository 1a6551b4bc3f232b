"""What the site holds about a citizen: every app that stores personal data registers here
how to export it and how to erase it, so "download my data" and "delete my account" cover
every installed app without the core asking which ones exist.

    from cms.core import userdata
    userdata.register("comments", exporter=export_comments, eraser=erase_comments)

`exporter(user) -> dict | list` returns JSON-serialisable data; `eraser(user, remove_content)`
deletes or anonymises the app's data (`remove_content`: the citizen also asked to remove
what they wrote, not just their name on it). Erasers run before the user row is deleted.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class UserDataSource:
    label: str
    exporter: object
    eraser: object


_sources = {}


def register(label, *, exporter, eraser):
    _sources[label] = UserDataSource(label, exporter, eraser)


def sources():
    return [_sources[label] for label in sorted(_sources)]


def export_user_data(user):
    """Everything the registered apps hold about `user`, keyed by app label."""
    return {source.label: source.exporter(user) for source in sources()}


def erase_user_data(user, remove_content=False):
    for source in sources():
        source.eraser(user, remove_content)
