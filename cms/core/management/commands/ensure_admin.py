"""Create the first admin account with a random password, and say how to sign in."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create an 'admin' superuser with a random password when no superuser exists."

    def handle(self, *args, **options):
        credentials = Path(settings.BASE_DIR) / "var" / "admin-credentials.txt"
        User = get_user_model()
        if not User.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser("admin", "admin@localhost", password)
            credentials.parent.mkdir(parents=True, exist_ok=True)
            credentials.write_text(f"admin {password}\n")
            credentials.chmod(0o600)
        if credentials.exists():
            username, password = credentials.read_text().split()
            self.stdout.write(
                f"Admin: http://localhost:8000/admin/  user {username}  password {password}"
            )
            self.stdout.write(f"(the password is kept in {credentials}; change it in the admin)")
        else:
            self.stdout.write("Admin: http://localhost:8000/admin/ (sign in with your superuser)")
