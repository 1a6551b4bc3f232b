"""The ballot rules of a cycle and storing a ballot: every check and every write in one
transaction, so a refused ballot changes nothing and the previous one stays."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cms.core.dates import format_number
from plugins.budgets.models import (
    Ballot,
    BallotChoice,
    BallotRule,
    BudgetProject,
    Phase,
    VotingCode,
)
from plugins.budgets.notifications import ballot_stored

NOT_VOTING = _("Voting is not open for this budget now. Nothing was saved.")
NOTHING_CHOSEN = _("Choose at least one project.")
NOT_VOTABLE = _("One of the chosen projects cannot be voted for in this budget. Nothing was saved.")
DISTRICT_NEEDED = _("Choose your district.")
CODE_INVALID = _("This voting code is not valid for this budget.")
CODE_USED = _("This voting code has already been used. Each code votes once.")


class BallotRefused(Exception):
    """The ballot breaks a rule: `message` says which (translated); nothing was stored."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def parse_ids(values):
    """Project ids from submitted values; a value that is not a whole number is refused."""
    ids = []
    for value in values:
        value = str(value).strip()
        if not value.isdigit() or len(value) > 18:
            raise BallotRefused(NOT_VOTABLE)
        ids.append(int(value))
    if len(set(ids)) != len(ids):
        raise BallotRefused(NOT_VOTABLE)
    return ids


def ballot_projects(cycle, district=None):
    """The projects a voter (of `district`, when the cycle has districts) may choose."""
    projects = cycle.votable_projects()
    if district is not None:
        projects = projects.filter(Q(district__isnull=True) | Q(district=district))
    return projects.select_related("district", "category").order_by("title", "pk")


def pool_budget(cycle, district=None):
    """The money of one part of the budget, as the counting divides it: a district's own
    amount, or, for city-wide projects, what the total leaves after the districts'."""
    if district is not None:
        return district.amount
    districts = cycle.source_districts()
    return max(cycle.total_amount - sum((d.amount for d in districts), Decimal(0)), Decimal(0))


def check_rules(cycle, projects, district=None):
    """Raise BallotRefused unless `projects` make a valid ballot under the cycle's rule: at
    most `max_choices` projects, or, for a knapsack, the chosen projects of each part of the
    budget (the voter's district, the whole city) within its money."""
    if not projects:
        raise BallotRefused(NOTHING_CHOSEN)
    if cycle.ballot_rule == BallotRule.APPROVAL:
        if len(projects) > cycle.max_choices:
            raise BallotRefused(
                ngettext(
                    "You may choose at most %(count)d project. Nothing was saved.",
                    "You may choose at most %(count)d projects. Nothing was saved.",
                    cycle.max_choices,
                )
                % {"count": cycle.max_choices}
            )
        return
    pools = {}
    for project in projects:
        pools.setdefault(project.district_id, []).append(project)
    for chosen in pools.values():
        limit = pool_budget(cycle, chosen[0].district)
        total = sum((project.cost for project in chosen), Decimal(0))
        if total > limit:
            raise BallotRefused(
                _(
                    "The chosen projects cost %(total)s %(currency)s together, more than the "
                    "%(limit)s %(currency)s you may spend. Nothing was saved."
                )
                % {
                    "total": format_number(total, 2),
                    "limit": format_number(limit, 2),
                    "currency": cycle.currency,
                }
            )


def _district(cycle, district_id):
    districts = list(cycle.source_districts())
    if not districts:
        return None
    try:
        wanted = int(str(district_id))
    except (TypeError, ValueError):
        raise BallotRefused(DISTRICT_NEEDED) from None
    found = next((d for d in districts if d.pk == wanted), None)
    if found is None:
        raise BallotRefused(DISTRICT_NEEDED)
    return found


def _adjust_votes(removed, added):
    """Move the denormalised counts, locking the projects' rows in one order (no deadlock
    between ballots that share projects)."""
    touched = sorted(set(removed) | set(added))
    if not touched:
        return
    list(BudgetProject.objects.select_for_update().filter(pk__in=touched).order_by("pk"))
    if removed:
        BudgetProject.objects.filter(pk__in=removed).update(votes=F("votes") - 1)
    if added:
        BudgetProject.objects.filter(pk__in=added).update(votes=F("votes") + 1)


def _checked_projects(cycle, ids, district):
    projects = list(ballot_projects(cycle, district).filter(pk__in=ids))
    if len(projects) != len(ids):
        raise BallotRefused(NOT_VOTABLE)
    check_rules(cycle, projects, district)
    return projects


def _replace_choices(ballot, projects):
    """Store `projects` as the ballot's choices; returns the choices it had before."""
    old = set(ballot.choices.values_list("project_id", flat=True))
    new = {project.pk for project in projects}
    removed, added = old - new, new - old
    _adjust_votes(removed, added)
    if removed:
        ballot.choices.filter(project_id__in=removed).delete()
    BallotChoice.objects.bulk_create(
        [BallotChoice(ballot=ballot, project_id=pk) for pk in sorted(added)]
    )
    return old


def _ensure_voting(cycle, now):
    if cycle.phase_at(now) != Phase.VOTING:
        raise BallotRefused(NOT_VOTING)


def cast_ballot(cycle, project_ids, *, user=None, code_digest=None, district_id=None, now=None):
    """Store the ballot of `user` (a verified citizen: it replaces their earlier one) or of
    the voting code whose hash is `code_digest` (`codes.code_hash`; the code is marked used)
    for `cycle` (any language version).
    A citizen gets a receipt by mail (in `cycle`'s language) when the ballot is new or its
    choices changed, once it has committed.
    Returns the Ballot; raises BallotRefused, storing nothing, when a rule is broken."""
    if (user is None) == (code_digest is None):
        raise ValueError("a ballot has either a voter or a code")
    source = cycle.source
    with transaction.atomic():
        _ensure_voting(cycle, now or timezone.now())
        ids = parse_ids(project_ids)
        district = _district(cycle, district_id)
        projects = _checked_projects(cycle, ids, district)
        if code_digest is not None:
            ballot = _ballot_for_code(cycle, source, code_digest, district)
        else:
            ballot = _ballot_for_voter(source, user, district)
        before = _replace_choices(ballot, projects)
        chosen = {project.pk for project in projects}
        if user is not None and before != chosen:
            ballot_stored(ballot, cycle, chosen, changed=bool(before))
        return ballot


def _ballot_for_voter(source, user, district):
    try:
        with transaction.atomic():
            ballot, _created = Ballot.objects.get_or_create(
                cycle=source, voter=user, defaults={"district": district}
            )
    except IntegrityError:  # a parallel first ballot of the same voter won the race
        pass
    ballot = Ballot.objects.select_for_update().get(cycle=source, voter=user)
    if ballot.district_id != (district.pk if district else None):
        ballot.district = district
    ballot.save(update_fields=["district", "updated_at"])
    return ballot


def _ballot_for_code(cycle, source, digest, district):
    code = (
        VotingCode.objects.select_for_update()
        .filter(cycle__translation_key=cycle.translation_key, code_hash=digest)
        .first()
    )
    if code is None:
        raise BallotRefused(CODE_INVALID)
    if code.used_at is not None:
        raise BallotRefused(CODE_USED)
    code.used_at = timezone.now()
    code.save(update_fields=["used_at"])
    return Ballot.objects.create(cycle=source, code=code, district=district)


def ballot_of(cycle, user):
    """The citizen's ballot in `cycle` (any language version), or None."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Ballot.objects.filter(cycle__translation_key=cycle.translation_key, voter=user)
        .prefetch_related("choices")
        .first()
    )
