"""The questions editors build: one block per kind of question.

A question's identity is its block id and a choice's identity is its list item id: both are
kept by wagtail-localize when a consultation is translated, so answers given in any language
are counted together while the labels are translated.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class QuestionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("question"), max_length=300)
    help_text = blocks.CharBlock(label=_("help text"), required=False, max_length=300)
    required = blocks.BooleanBlock(label=_("an answer is required"), required=False, default=True)

    class Meta:
        icon = "help"


class TextQuestionBlock(QuestionBlock):
    publish_answers = blocks.BooleanBlock(
        label=_("publish the answers with the results"),
        required=False,
        default=False,
        help_text=_("Answers are shown without names; you can still withhold single answers."),
    )


class ShortTextQuestionBlock(TextQuestionBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Short text")


class LongTextQuestionBlock(TextQuestionBlock):
    class Meta:
        icon = "doc-full"
        label = _("Long text")


class ChoiceQuestionBlock(QuestionBlock):
    choices = blocks.ListBlock(
        blocks.CharBlock(label=_("choice"), max_length=200), label=_("choices"), min_num=2
    )


class SingleChoiceQuestionBlock(ChoiceQuestionBlock):
    class Meta:
        icon = "radio-full"
        label = _("Single choice")


class MultipleChoiceQuestionBlock(ChoiceQuestionBlock):
    class Meta:
        icon = "tasks"
        label = _("Multiple choice")


class ScaleQuestionBlock(QuestionBlock):
    low_label = blocks.CharBlock(
        label=_("meaning of 1"), required=False, max_length=60, help_text=_("e.g. Very poor")
    )
    high_label = blocks.CharBlock(
        label=_("meaning of 5"), required=False, max_length=60, help_text=_("e.g. Very good")
    )

    class Meta:
        icon = "order"
        label = _("Scale from 1 to 5")


class YesNoQuestionBlock(QuestionBlock):
    class Meta:
        icon = "tick"
        label = _("Yes or no")


class QuestionsBlock(blocks.StreamBlock):
    short_text = ShortTextQuestionBlock()
    long_text = LongTextQuestionBlock()
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    scale = ScaleQuestionBlock()
    yes_no = YesNoQuestionBlock()
