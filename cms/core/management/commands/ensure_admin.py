"""Create the first admin account with a random password, and say how to sign in; on a
site with the municipalities set up, also an editor, a moderator and a translator for each,
so that every role can be tried at once."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from wagtail.models import Site

from cms.core.profiles import all_profiles

EDITORS, MODERATORS, TRANSLATORS = "Editors", "Moderators", "Translators"


def admin_url():
    """An address of the admin that answers in the current settings: WAGTAILADMIN_BASE_URL
    when it is set, localhost under `make run`, else the first municipality's host."""
    if os.environ.get("WAGTAILADMIN_BASE_URL"):
        return os.environ["WAGTAILADMIN_BASE_URL"].rstrip("/") + "/admin/"
    if settings.DEBUG:
        return f"http://localhost:{os.environ.get('PORT', '8000')}/admin/"
    secure = getattr(settings, "SECURE_SSL_REDIRECT", False)
    scheme, default_port = ("https", 443) if secure else ("http", 80)
    site = Site.objects.order_by("-is_default_site", "pk").first()
    hosts = [h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")]
    host = site.hostname if site and site.hostname != "localhost" else (hosts or ["localhost"])[0]
    port = settings.SITE_PORT
    return f"{scheme}://{host}{'' if port == default_port else f':{port}'}/admin/"


def moderator_group(site):
    """The group that moderates this site's comments (one per site when the comments
    plugin set them up), else Wagtail's Moderators."""
    per_site = (
        Group.objects.filter(
            site_permissions__site=site,
            site_permissions__permission__codename="moderate_comment",
        )
        .exclude(name=MODERATORS)
        .order_by("pk")
        .first()
    )
    return per_site or Group.objects.filter(name=MODERATORS).first()


def demo_roles():
    """(username, group, municipality) for each municipality whose Site exists."""
    roles = []
    for profile in all_profiles():
        site = Site.objects.filter(site_name=profile.slug).first()
        if site is None:
            continue
        groups = {
            "editor": Group.objects.filter(name=EDITORS).first(),
            "moderator": moderator_group(site),
            "translator": Group.objects.filter(name=TRANSLATORS).first(),
        }
        for role, group in groups.items():
            if group is not None:
                roles.append((f"{profile.slug}-{role}", group, profile.name("en")))
    return roles


class Command(BaseCommand):
    help = (
        "Create an 'admin' superuser with a random password when no superuser exists, and an "
        "editor, a moderator and a translator for each municipality (demo roles)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-demo-roles", action="store_true", help="Create the admin account only."
        )

    def handle(self, *args, **options):
        var = Path(settings.BASE_DIR) / "var"
        credentials = var / "admin-credentials.txt"
        User = get_user_model()
        url = admin_url()
        if not User.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser("admin", "admin@localhost", password)
            _write_private(credentials, f"admin {password}\n")
        if credentials.exists():
            username, password = credentials.read_text().split()
            self.stdout.write(f"Admin: {url}  user {username}  password {password}")
            self.stdout.write(f"(the password is kept in {credentials}; change it in the admin)")
        else:
            self.stdout.write(f"Admin: {url} (sign in with your superuser)")
        if not options["no_demo_roles"]:
            self._demo_roles(var / "demo-credentials.txt")

    def _demo_roles(self, path):
        User = get_user_model()
        kept = {}
        if path.exists():
            for line in path.read_text().splitlines():
                username, password = line.split()[:2]
                kept[username] = password
        lines = []
        for username, group, municipality in demo_roles():
            user = User.objects.filter(username=username).first()
            if user is None:
                kept[username] = secrets.token_urlsafe(12)
                user = User.objects.create_user(
                    username, f"{username}@localhost", kept[username], is_staff=True
                )
            user.groups.add(group)
            if username in kept:
                lines.append((username, kept[username], group.name, municipality))
        if not lines:
            return
        _write_private(path, "".join(f"{u} {p} {g} ({m})\n" for u, p, g, m in lines))
        self.stdout.write("Demo roles (same admin address):")
        for username, password, group, municipality in lines:
            self.stdout.write(f"  {username:<28} password {password}  {group}, {municipality}")
        self.stdout.write(f"(kept in {path})")


def _write_private(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_text(text)
