"""Count a budget cycle whose voting has closed (again, after a correction), or with
`--due` every closed cycle not counted yet (the scheduler runs this every minute)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from plugins.budgets.counting import count, count_due
from plugins.budgets.models import BudgetCyclePage


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("cycle", nargs="?", type=int, help="the id of the cycle's page")
        parser.add_argument(
            "--due", action="store_true", help="count every closed cycle not counted yet"
        )

    def handle(self, *args, cycle=None, due=False, **options):
        if due:
            for counted in count_due():
                self.stdout.write(f"counted {counted.pk} {counted.title}")
            return
        if cycle is None:
            raise CommandError("Name a cycle (its page id) or use --due.")
        page = BudgetCyclePage.objects.filter(pk=cycle).first()
        if page is None:
            raise CommandError(f"No budget cycle with the id {cycle}.")
        if page.voting_close > timezone.now():
            raise CommandError("Voting in this cycle has not closed yet: nothing to count.")
        results = count(page)
        winners = sum(1 for result in results if result.selected)
        self.stdout.write(
            f"counted {page.pk} {page.title}: {len(results)} projects, {winners} selected"
        )
