"""`make run` (ensure_admin): the admin, and an editor, a moderator and a translator for each
municipality, with passwords printed and kept in var/; an admin address that answers."""

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import override_settings

from cms.core.profiles import all_profiles

pytestmark = pytest.mark.django_db


def ensure_admin(tmp_path, **settings):
    out = io.StringIO()
    with override_settings(BASE_DIR=tmp_path, **settings):
        call_command("ensure_admin", stdout=out)
    return out.getvalue()


def test_every_municipality_gets_an_editor_a_moderator_and_a_translator(tmp_path, client):
    output = ensure_admin(tmp_path)
    kept = (tmp_path / "var" / "demo-credentials.txt").read_text().splitlines()
    assert (tmp_path / "var" / "demo-credentials.txt").stat().st_mode & 0o077 == 0
    passwords = {line.split()[0]: line.split()[1] for line in kept}
    for profile in all_profiles():
        for role in ("editor", "moderator", "translator"):
            username = f"{profile.slug}-{role}"
            assert f"{username} " in output and passwords[username] in output
            user = authenticate(username=username, password=passwords[username])
            assert user is not None and not user.is_superuser
            client.force_login(user)
            assert client.get("/admin/").status_code == 200, username
    ternopil_moderator = authenticate(
        username="ternopil-moderator", password=passwords["ternopil-moderator"]
    )
    (group,) = ternopil_moderator.groups.all()
    assert group.site_permissions.filter(site__site_name="ternopil").exists()
    assert not group.site_permissions.filter(site__site_name="levski").exists()
    client.force_login(ternopil_moderator)
    petitions = client.get("/admin/petitions/")
    budgets = client.get("/admin/snippets/budgets/budgetproject/")
    assert petitions.status_code == 200 and budgets.status_code == 200
    menu = client.get("/admin/").content.decode()
    assert "/admin/petitions/" in menu and "/admin/snippets/budgets/budgetproject/" in menu
    assert {g.name for g in authenticate(
        username="levski-translator", password=passwords["levski-translator"]
    ).groups.all()} == {"Translators"}

    again = ensure_admin(tmp_path)
    assert (tmp_path / "var" / "demo-credentials.txt").read_text().splitlines() == kept
    assert passwords["banska-bystrica-editor"] in again


def test_the_printed_admin_address_answers_in_the_current_settings(tmp_path, monkeypatch):
    monkeypatch.delenv("WAGTAILADMIN_BASE_URL", raising=False)
    monkeypatch.delenv("PORT", raising=False)
    dev = ensure_admin(tmp_path, DEBUG=True)
    assert "Admin: http://localhost:8000/admin/" in dev
    production = ensure_admin(tmp_path, DEBUG=False, SECURE_SSL_REDIRECT=True, SITE_PORT=443)
    assert "Admin: https://ternopil.localhost/admin/" in production
    monkeypatch.setenv("WAGTAILADMIN_BASE_URL", "https://admin.ternopil.example")
    assert "Admin: https://admin.ternopil.example/admin/" in ensure_admin(tmp_path)
