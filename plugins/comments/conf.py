"""The plugin's settings: `COMMENTS_<NAME>` in Django settings, else these defaults."""

from django.conf import settings

DEFAULTS = {
    "MAX_LENGTH": 5000,
    "MAX_LINKS": 3,
    "EDIT_MINUTES": 15,
    "REPORTS_TO_HIDE": 3,
    "PER_MINUTE": 5,
    "PER_MINUTE_PER_ADDRESS": 5,
    "NEW_ACCOUNT_HOURS": 24,
    "NEW_ACCOUNT_PER_HOUR": 10,
    "DUPLICATE_HOURS": 24,
    "MAX_DEPTH": 3,
    "PER_PAGE": 20,
    # A page whose editors chose nothing: the policy of its type ("app_label.modelname"),
    # else DEFAULT_POLICY.
    "DEFAULT_POLICY": "hidden",
    "DEFAULT_POLICIES": {"consultations.consultationpage": "open"},
}


def _getter(name):
    return lambda: getattr(settings, f"COMMENTS_{name}", DEFAULTS[name])


MAX_LENGTH = _getter("MAX_LENGTH")
MAX_LINKS = _getter("MAX_LINKS")
EDIT_MINUTES = _getter("EDIT_MINUTES")
REPORTS_TO_HIDE = _getter("REPORTS_TO_HIDE")
PER_MINUTE = _getter("PER_MINUTE")
PER_MINUTE_PER_ADDRESS = _getter("PER_MINUTE_PER_ADDRESS")
NEW_ACCOUNT_HOURS = _getter("NEW_ACCOUNT_HOURS")
NEW_ACCOUNT_PER_HOUR = _getter("NEW_ACCOUNT_PER_HOUR")
DUPLICATE_HOURS = _getter("DUPLICATE_HOURS")
MAX_DEPTH = _getter("MAX_DEPTH")
PER_PAGE = _getter("PER_PAGE")
DEFAULT_POLICY = _getter("DEFAULT_POLICY")
DEFAULT_POLICIES = _getter("DEFAULT_POLICIES")
