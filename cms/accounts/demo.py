"""The demo's citizen verification: each municipality's moderators also verify its citizens
(the per-site right), and each site has a small test census to try the account page's check
with: documents TEST0001 to TEST0020, all born 1990-01-01 (keyed hashes only, as in
production). Running it again adds nothing."""

from datetime import date

from wagtail.models import Site

from cms.accounts import rights, verification
from cms.core.profiles import all_profiles
from cms.core.siterights import moderators_group

DEMO_DOCUMENTS = [f"TEST{number:04d}" for number in range(1, 21)]
DEMO_BIRTH_DATE = date(1990, 1, 1)


def build(log):
    for profile in all_profiles():
        site = Site.objects.filter(site_name=profile.slug).first()
        if site is None:
            continue
        rights.grant(moderators_group(profile), site)
        digests = {
            verification.census_digest(site, number, DEMO_BIRTH_DATE) for number in DEMO_DOCUMENTS
        }
        added, _removed = verification.import_census(site, digests)
        log(
            f"{profile.name('en')}: test census ({added} new; documents "
            f"{DEMO_DOCUMENTS[0]}-{DEMO_DOCUMENTS[-1]}, born {DEMO_BIRTH_DATE.isoformat()})"
        )
