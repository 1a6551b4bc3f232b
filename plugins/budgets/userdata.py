"""What the budgets plugin holds about a citizen: their proposals and their ballots."""


def export_budget_data(user):
    return {}


def erase_budget_data(user, remove_content):
    return None


def account_section(request):
    return ""
