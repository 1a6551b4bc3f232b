"""The response form, built from the questions of the language version being answered."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.core.text import clean_plain_text
from plugins.consultations.questions import MULTIPLE_CHOICE, SHORT_TEXT, TEXT_KINDS


def clean_text(value):
    """An answer as it is stored: no control or direction-changing characters."""
    return clean_plain_text(value)


class ResponseForm(forms.Form):
    """One field per question (`q-<question key>`); choices are posted by their keys, so a
    choice of another question or of nothing at all is refused."""

    def __init__(self, questions, *args, ask_email=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[question.field_name] = self._field(question)
        if ask_email:
            self.fields["email"] = forms.EmailField(
                label=_("Your email address"),
                max_length=254,
                help_text=_(
                    "We send you a link to confirm it; your answers count once you have "
                    "opened it. It is not published."
                ),
            )

    def _field(self, question):
        common = {
            "label": question.label,
            "required": question.required,
            "help_text": question.help_text,
        }
        if question.kind in TEXT_KINDS:
            widget = forms.TextInput if question.kind == SHORT_TEXT else forms.Textarea
            return forms.CharField(
                max_length=question.max_length,
                widget=widget,
                strip=True,
                error_messages={
                    "max_length": _(
                        "Please shorten your answer to at most %(limit_value)d characters "
                        "(it has %(show_value)d)."
                    )
                },
                **common,
            )
        choices = [(choice.key, choice.label) for choice in question.choices]
        invalid = _("Please choose one of the options offered.")
        if question.kind == MULTIPLE_CHOICE:
            return forms.MultipleChoiceField(
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": invalid},
                **common,
            )
        return forms.ChoiceField(
            choices=choices,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": invalid},
            **common,
        )

    def clean(self):
        cleaned = super().clean()
        known = {question.field_name for question in self.questions}
        unknown = [key for key in self.data if key.startswith("q-") and key not in known]
        if unknown:
            raise forms.ValidationError(
                _(
                    "The form contained answers to questions that are not part of this "
                    "consultation. Please reload the page and answer again."
                ),
                code="unknown_question",
            )
        if not any(self._answered(question, cleaned) for question in self.questions):
            raise forms.ValidationError(_("Please answer at least one question."), code="empty")
        return cleaned

    @staticmethod
    def _answered(question, cleaned):
        return bool(cleaned.get(question.field_name))

    def answers(self):
        """[(question key, choice key, text)] of what was answered."""
        found = []
        for question in self.questions:
            value = self.cleaned_data.get(question.field_name)
            if not value:
                continue
            if question.kind in TEXT_KINDS:
                text = clean_text(value)
                if text:
                    found.append((question.key, "", text))
            elif question.kind == MULTIPLE_CHOICE:
                found.extend((question.key, key, "") for key in dict.fromkeys(value))
            else:
                found.append((question.key, value, ""))
        return found

    @staticmethod
    def initial_from(questions, answers):
        """Form initial data from stored answers [(question key, choice key, text)]."""
        by_key = {question.key: question for question in questions}
        initial = {}
        for question_key, choice_key, text in answers:
            question = by_key.get(question_key)
            if question is None:
                continue
            if question.kind in TEXT_KINDS:
                initial[question.field_name] = text
            elif question.kind == MULTIPLE_CHOICE:
                initial.setdefault(question.field_name, []).append(choice_key)
            else:
                initial[question.field_name] = choice_key
        return initial
