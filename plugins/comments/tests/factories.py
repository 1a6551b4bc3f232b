"""Citizens, pages and comments for the comments plugin's tests."""

import itertools
from urllib.parse import urlparse

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from wagtail.models import Site

from cms.accounts.models import CitizenProfile
from cms.pages.models import StandardPage
from plugins.comments import page_settings
from plugins.comments.models import Comment

_numbers = itertools.count(1)
HOSTS = {"ternopil": "ternopil.localhost", "levski": "levski.localhost"}


def make_citizen(name="Citizen", verified=True, staff=False, password="a-long-Passphrase-42"):
    number = next(_numbers)
    email = f"citizen{number}@example.org"
    user = get_user_model().objects.create_user(
        username=f"citizen{number}", email=email, password=password, is_staff=staff
    )
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    CitizenProfile.objects.create(user=user, display_name=f"{name} {number}")
    return user


def site(slug="ternopil"):
    return Site.objects.get(site_name=slug)


def make_page(slug="ternopil", policy="open", moderation="", title="Discussion"):
    """A new live standard page under the site's home with the given comment policy."""
    home = site(slug).root_page
    page = StandardPage(
        title=f"{title} {next(_numbers)}",
        slug=f"discussion-{next(_numbers)}",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    page_settings.save_settings(page, policy, moderation)
    return page


def make_comment(page, author, text="A comment", parent=None, status=Comment.Status.PUBLISHED):
    return Comment.objects.create(
        page=page,
        site=page.get_site(),
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        author=author,
        text=text,
        status=status,
    )


def page_path(page):
    """The page's path (`/uk/...`), whatever host it lives on."""
    return urlparse(page.full_url).path
