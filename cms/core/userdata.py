"""What the site holds about a citizen: every app that stores personal data registers here
how to export it and how to erase it, so "download my data" and "delete my account" cover
every installed app without the core asking which ones exist. An app declares it in its
manifest (see cms.core.manifest):

    Contributions(userdata=(UserData("comments", export_comments, erase_comments),))

A citizen's account covers every site, so every installed app's data counts whatever the
per-site switches say. `exporter(user) -> dict | list` returns JSON-serialisable data;
`eraser(user, remove_content)` deletes or anonymises the app's data (`remove_content`: the
citizen also asked to remove what they wrote, not just their name on it). Erasers run
before the user row is deleted.
"""

from cms.core.manifest import contributed


def sources():
    """The declared `UserData` entries, by label (a later app's entry of a label winning)."""
    by_label = {source.label: source for _, source in contributed("userdata")}
    return [by_label[label] for label in sorted(by_label)]


def export_user_data(user):
    """Everything the registered apps hold about `user`, keyed by app label."""
    return {source.label: source.exporter(user) for source in sources()}


def erase_user_data(user, remove_content=False):
    for source in sources():
        source.eraser(user, remove_content)
