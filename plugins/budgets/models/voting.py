"""Ballots, their choices and the one-time voting codes of school cycles."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plugins.budgets.models.cycles import BudgetCyclePage, BudgetDistrict
from plugins.budgets.models.projects import BudgetProject


class VotingCode(models.Model):
    """A one-time voting code of a school cycle: only its keyed hash is stored; the code is
    shown once when generated."""

    cycle = models.ForeignKey(
        BudgetCyclePage, on_delete=models.CASCADE, related_name="voting_codes"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    batch = models.CharField(
        _("batch"), max_length=120, help_text=_("For example the school and class.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("voting code")
        verbose_name_plural = _("voting codes")

    def __str__(self):
        return f"{self.batch} #{self.pk}"


class Ballot(models.Model):
    """One voter's ballot in a cycle: a citizen's (changeable until voting closes) or a
    voting code's. Erasing the account keeps it, anonymous, counted."""

    cycle = models.ForeignKey(BudgetCyclePage, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_ballots",
    )
    code = models.OneToOneField(
        VotingCode, null=True, blank=True, on_delete=models.SET_NULL, related_name="ballot"
    )
    district = models.ForeignKey(
        BudgetDistrict, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "voter"],
                condition=models.Q(voter__isnull=False),
                name="budgets_one_ballot_per_voter",
            ),
        ]

    def __str__(self):
        return f"ballot #{self.pk}"


class BallotChoice(models.Model):
    """A project chosen on a ballot."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    project = models.ForeignKey(
        BudgetProject, on_delete=models.CASCADE, related_name="ballot_choices"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "project"], name="budgets_one_choice_per_project"
            ),
        ]

    def __str__(self):
        return f"{self.ballot_id} -> {self.project_id}"
