"""The full, anonymous ballot data of a counted cycle as Pabulib files (pabulib.org/format),
one per pool (district or the city-wide pool), for anyone to recount with pabutools or any
other tool.

A file has three sections: META (the cycle, its budget, rule and dates), PROJECTS (cost,
votes, title, category, whether it won) and VOTES (one line per ballot: an anonymous number
and the chosen projects). No voter's account, code, district of residence or time of voting
is written: ballots are numbered in an order that depends only on the site's secret key.
"""

import hashlib
import importlib.resources
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from cms.core.manifest import profile_of
from cms.core.spreadsheets import csv_text, safe_cell
from plugins.budgets.counting import PABULIB_RULES, pools_of
from plugins.budgets.models import BallotRule, CountingRule, ProjectResult


def plain(value):
    """One line of text without the separators of the format, never a spreadsheet formula."""
    return safe_cell(" ".join(str(value).replace(";", ",").split()))


def amount(value):
    value = Decimal(value)
    return str(int(value)) if value == value.to_integral_value() else f"{value:f}"


def _country_of_time_zone(time_zone):
    table = importlib.resources.files("tzdata.zoneinfo").joinpath("zone.tab")
    for line in table.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if not line.startswith("#") and len(parts) >= 3 and parts[2] == time_zone:
            return parts[0]
    return None


def country_name(profile):
    """The country in English (Pabulib's `country`): the profile's `[budgets] country`, else
    the country of the site's time zone."""
    import pycountry

    named = profile.table("budgets").get("country")
    if named:
        return str(named)
    code = _country_of_time_zone(profile.time_zone)
    found = pycountry.countries.get(alpha_2=code) if code else None
    return found.name if found else "Worldwide"


def anonymous_order(ballot_ids):
    """{ballot id: anonymous voter number}: numbers 1..n in an order fixed by the secret
    key, unrelated to who voted or when."""

    def key(pk):
        return hashlib.sha256(f"{settings.SECRET_KEY}:budget-ballot:{pk}".encode()).digest()

    return {pk: number for number, pk in enumerate(sorted(ballot_ids, key=key), start=1)}


def local_date(moment, profile):
    return timezone.localtime(moment, zoneinfo.ZoneInfo(profile.time_zone)).strftime("%d.%m.%Y")


def pool_filename(cycle, pool):
    return f"{cycle.slug}-{pool.key}.pb"


#: The file's comment on the completed Method of Equal Shares (Pabulib's comments are in
#: English and numbered).
COMPLETION_COMMENT = (
    "#1: Counted by the Method of Equal Shares (cost utilities) with Add1 completion "
    "(rule equalshares/add1): its winners are marked selected 1. The money it left was "
    "then given to the remaining projects by number of votes, most votes first, skipping "
    "those that no longer fit and those nobody voted for (greedy completion): the projects "
    "funded that way are marked selected 2."
)
#: ... when every project with a vote fits in the budget: any of the rules funds exactly
#: those, and pabulib-checker 1.0.8 never finishes verifying Add1 on such a pool.
ALL_VOTED_FIT_COMMENT = (
    "#1: Counted by the Method of Equal Shares (cost utilities) with Add1 completion, then "
    "greedy completion. Every project with at least one vote fits in the budget, so the "
    "outcome is exactly those projects, the same as greedy with a threshold of one vote, "
    "the rule written here so that the outcome can be verified."
)


def file_rule(cycle, pool, votes):
    """(Pabulib `rule`, `comment` or "") of `pool`'s file."""
    if cycle.counting_rule != CountingRule.MES_COMPLETED:
        return PABULIB_RULES[cycle.counting_rule], ""
    voted_cost = sum((p.cost for p in pool.projects if votes[p.pk]), Decimal(0))
    if voted_cost <= pool.budget:
        return "greedy-threshold", ALL_VOTED_FIT_COMMENT
    return PABULIB_RULES[cycle.counting_rule], COMPLETION_COMMENT


def selected_mark(result):
    """Pabulib's `selected`: 1 funded by the rule, 2 funded by its completion, else 0."""
    if result is None or not result.selected:
        return 0
    return 2 if result.by_completion else 1


def pabulib_text(cycle, pool, results=None):
    """The Pabulib file of one `pool` of `cycle` (the page in the language of its texts),
    with the stored results (`{project id: ProjectResult}`)."""
    if results is None:
        results = {
            result.project_id: result
            for result in ProjectResult.objects.filter(cycle__translation_key=cycle.translation_key)
        }
    profile = profile_of(cycle)
    language = cycle.locale.language_code
    costs_total = sum((project.cost for project in pool.projects), Decimal(0))
    meta = [
        ("description", plain(cycle.title)),
        ("country", country_name(profile)),
        ("unit", plain(profile.name(profile.default_language))),
    ]
    if pool.district is not None:
        meta.append(("subunit", plain(cycle.local_name(pool.district))))
    meta += [
        ("instance", str(cycle.voting_close.year)),
        ("num_projects", str(len(pool.projects))),
        ("num_votes", str(len(pool.ballots))),
        ("budget", amount(pool.budget)),
        ("vote_type", "approval"),
    ]
    votes = pool.votes()
    rule, comment = file_rule(cycle, pool, votes)
    meta += [
        ("rule", rule),
        ("date_begin", local_date(cycle.voting_open, profile)),
        ("date_end", local_date(cycle.voting_close, profile)),
    ]
    if cycle.ballot_rule == BallotRule.APPROVAL and cycle.max_choices < len(pool.projects):
        meta.append(("max_length", str(cycle.max_choices)))
    if rule == "greedy-threshold":
        meta.append(("min_project_score_threshold", "1"))
    meta += [("language", language), ("currency", cycle.currency)]
    if costs_total <= pool.budget:
        meta.append(("fully_funded", "1"))
    if comment:
        meta.append(("comment", comment))

    projects = sorted(pool.projects, key=lambda p: (-votes[p.pk], p.cost, p.pk))
    rows = [["META"], ["key", "value"], *meta]
    rows += [["PROJECTS"], ["project_id", "cost", "votes", "name", "category", "selected"]]
    for project in projects:
        result = results.get(project.pk)
        category = " ".join(plain(cycle.local_name(project.category)).replace(",", " ").split())
        rows.append(
            [
                project.pk,
                amount(project.cost),
                votes[project.pk],
                plain(project.title),
                category or "None",
                selected_mark(result),
            ]
        )
    rows += [["VOTES"], ["voter_id", "vote"]]
    numbers = anonymous_order(pool.ballots.keys())
    for ballot_id in sorted(pool.ballots, key=numbers.__getitem__):
        chosen = ",".join(str(pk) for pk in sorted(pool.ballots[ballot_id]))
        rows.append([numbers[ballot_id], chosen])
    # The core writer: a name a spreadsheet would run as a formula is written as text.
    return csv_text(rows, bom=False, delimiter=";", lineterminator="\n")


def pabulib_files(cycle):
    """[(pool, filename, text)] of every pool of `cycle`."""
    results = {
        result.project_id: result
        for result in ProjectResult.objects.filter(cycle__translation_key=cycle.translation_key)
    }
    return [
        (pool, pool_filename(cycle, pool), pabulib_text(cycle, pool, results))
        for pool in pools_of(cycle)
    ]
