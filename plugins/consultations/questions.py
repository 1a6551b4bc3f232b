"""The questions of one language version of a consultation, read from its StreamField."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

SHORT_TEXT = "short_text"
LONG_TEXT = "long_text"
SINGLE_CHOICE = "single_choice"
MULTIPLE_CHOICE = "multiple_choice"
SCALE = "scale"
YES_NO = "yes_no"

TEXT_KINDS = {SHORT_TEXT, LONG_TEXT}
CHOICE_KINDS = {SINGLE_CHOICE, MULTIPLE_CHOICE, SCALE, YES_NO}
SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 5000


@dataclass(frozen=True)
class Choice:
    key: str
    label: str


@dataclass(frozen=True)
class Question:
    """One question: `key` is the same in every language version, `label` is translated."""

    key: str
    kind: str
    label: str
    help_text: str = ""
    required: bool = True
    choices: tuple = field(default_factory=tuple)
    publish_answers: bool = False
    number: int = 0

    @property
    def is_text(self):
        return self.kind in TEXT_KINDS

    @property
    def is_multiple(self):
        return self.kind == MULTIPLE_CHOICE

    @property
    def max_length(self):
        return SHORT_TEXT_MAX if self.kind == SHORT_TEXT else LONG_TEXT_MAX

    @property
    def field_name(self):
        return f"q-{self.key}"

    def choice_label(self, key):
        for choice in self.choices:
            if choice.key == key:
                return choice.label
        return ""


def _choices(block):
    kind = block.block_type
    value = block.value
    if kind in (SINGLE_CHOICE, MULTIPLE_CHOICE):
        return tuple(
            Choice(str(item.id), str(item.value)) for item in value["choices"].bound_blocks
        )
    if kind == SCALE:
        low, high = value.get("low_label") or "", value.get("high_label") or ""
        return tuple(
            Choice(
                str(n),
                f"{n} – {low}"
                if n == 1 and low
                else f"{n} – {high}"
                if n == 5 and high
                else str(n),
            )
            for n in range(1, 6)
        )
    if kind == YES_NO:
        return (Choice("yes", str(_("Yes"))), Choice("no", str(_("No"))))
    return ()


def questions_of(page):
    """The page's questions in order (block ids are the question keys)."""
    found = []
    for number, block in enumerate(page.questions, start=1):
        value = block.value
        found.append(
            Question(
                key=str(block.id),
                kind=block.block_type,
                label=value["label"],
                help_text=value.get("help_text") or "",
                required=bool(value.get("required")),
                choices=_choices(block),
                publish_answers=bool(value.get("publish_answers")),
                number=number,
            )
        )
    return found
