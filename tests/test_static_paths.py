"""A path that climbs out of the static folders is a plain 404, in tests and under `make run`
(whose development server would otherwise serve static files itself and answer 500)."""

from urllib.parse import unquote

import pytest
from django.core.management import get_commands, load_command_class
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory

pytestmark = pytest.mark.django_db

CLIMBING = [
    "/static/..%2f..%2fetc%2fpasswd",
    "/static/../../etc/passwd",
    "/static/%2e%2e/%2e%2e/etc/passwd",
    "/static/css/..%2f..%2f..%2f..%2fmanage.py",
    "/static/..%5c..%5cetc%5cpasswd",
]


@pytest.mark.parametrize("path", CLIMBING)
def test_climbing_out_of_static_is_404(path):
    response = Client().get(path, headers={"host": "ternopil.localhost"})
    assert response.status_code == 404


def _serve_like_make_run(path):
    """The status line of `manage.py runserver`'s handler (DEBUG on, default options)."""
    command = load_command_class(get_commands()["runserver"], "runserver")
    options = command.create_parser("manage.py", "runserver").parse_args([])
    handler = command.get_handler(**vars(options))
    environ = RequestFactory()._base_environ(
        PATH_INFO=unquote(path), REQUEST_METHOD="GET", HTTP_HOST="ternopil.localhost"
    )
    status = []
    # As Django's test client does: the request signals must not close the test's
    # connection (on PostgreSQL it sits inside the test's transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = handler(environ, lambda line, headers, exc_info=None: status.append(line))
        content = b"".join(body)
        body.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return status[0], content


@pytest.mark.parametrize("path", CLIMBING)
def test_climbing_out_of_static_is_404_under_make_run(settings, path):
    settings.DEBUG = True
    status, content = _serve_like_make_run(path)
    assert status.startswith("404"), status
    assert b"root:" not in content


def test_make_run_still_serves_static_files(settings):
    settings.DEBUG = True
    status, content = _serve_like_make_run("/static/css/site.css")
    assert status.startswith("200")
    assert content
