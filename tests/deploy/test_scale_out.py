"""Scale-out on one machine: two app servers behind the shipped nginx.

Two gunicorn instances (two ports, the same environment file: one SECRET_KEY, one
database, one Redis, one MEDIA_ROOT) stand for two app servers; nginx runs
site/deploy/nginx.conf with both in its `upstream hromada_app` block, as the guide's
"Growing: several machines" tells operators to list them. A shared folder is what NFS (or
the object storage of django-storages) looks like from one machine. What a city with two
machines would notice is checked: a sign-in on one server holds on the other, the
sign-in limit counts the attempts made on both, and a document uploaded through one
server's admin is downloaded through the other (the first one stopped).
"""

import http.client
import re
import uuid
from urllib.parse import urlencode

import pytest
from django.utils import translation
from django.utils.translation import gettext

from cms.archive.tests.factories import pdf_bytes
from tests.deploy.processes import free_port, require, served_stack

pytestmark = pytest.mark.django_db

TE = "ternopil.localhost"
PASSWORD = "scale-Out-pass-42"
CLIENT = "127.0.0.9"


class Server:
    """One gunicorn, asked directly (as nginx does) on its own port."""

    def __init__(self, port, process):
        self.port = port
        self.process = process

    def request(self, path, method="GET", headers=None, body=None, source=None):
        conn = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(source, 0) if source else None
        )
        try:
            conn.request(
                method,
                path,
                body=body,
                headers={"Host": TE, "Accept-Language": "en", **(headers or {})},
            )
            response = conn.getresponse()
            headers = dict(response.getheaders())
            headers["Set-Cookie"] = "; ".join(response.headers.get_all("Set-Cookie") or [])
            return response.status, headers, response.read()
        finally:
            conn.close()

    def login_form(self, source=None):
        status, headers, body = self.request("/admin/login/", source=source)
        assert status == 200
        cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        return token.decode(), cookie

    def sign_in(self, username, password, source=None):
        token, cookie = self.login_form(source)
        return self.request(
            "/admin/login/",
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie}",
            },
            body=urlencode(
                {"csrfmiddlewaretoken": token, "username": username, "password": password}
            ),
            source=source,
        )


@pytest.fixture(scope="module")
def farm(django_db_setup, django_db_blocker):
    require(nginx=True, redis=True, sqlite=True)
    port, purge_port = free_port(), free_port()
    app_ports = [free_port(), free_port()]
    with served_stack(
        "hromada-scale-",
        django_db_blocker,
        FRONTEND_CACHE_URL=f"http://127.0.0.1:{purge_port}",
        ADMIN_LOGIN_ATTEMPTS="3",
    ) as stack:
        stack.port, stack.purge_port = port, purge_port
        media = stack.workdir / "shared-media"  # the NFS mount (or bucket) both servers see
        media.mkdir()
        stack.env["MEDIA_ROOT"] = str(media)
        stack.start_redis()
        stack.collect_static()
        stack.shell(
            f"""
from django.contrib.auth import get_user_model
get_user_model().objects.create_superuser("scale-editor", "s@example.org", "{PASSWORD}")
from wagtail.users.models import UserProfile
profile = UserProfile.get_for_user(get_user_model().objects.get(username="scale-editor"))
profile.preferred_language = "en"
profile.save()
"""
        )
        stack.servers = [
            Server(app_port, stack.start_gunicorn(app_port, log=f"gunicorn-{n}.log"))
            for n, app_port in enumerate(app_ports)
        ]
        stack.start_nginx(app_ports, media)
        stack.media = media
        yield stack


def _session(answer):
    status, headers, _body = answer
    assert status == 302, status
    return re.search(r"sessionid=([^;]+)", headers["Set-Cookie"]).group(1)


def test_a_sign_in_on_one_server_holds_on_the_other(farm):
    first, second = farm.servers
    session = _session(first.sign_in("scale-editor", PASSWORD))
    status, _headers, body = second.request("/admin/", headers={"Cookie": f"sessionid={session}"})
    assert status == 200
    assert b"scale-editor" in body or b"Dashboard" in body
    # Without the cookie the second server sends the visitor to the sign-in form.
    status, headers, _body = second.request("/admin/")
    assert status == 302 and "/admin/login/" in headers["Location"]
    # Through nginx, which spreads requests over both: signed in on every one of them.
    for _ in range(4):
        answer = farm.get(TE, "/admin/", headers={"Cookie": f"sessionid={session}"})
        assert answer.status == 200


def test_the_sign_in_limit_counts_attempts_on_both_servers(farm):
    first, second = farm.servers
    # One client (its own loopback address, so that the other tests' sign-ins are not
    # refused), ADMIN_LOGIN_ATTEMPTS is 3: three wrong passwords spread over the two servers.
    username = f"target-{uuid.uuid4().hex[:8]}"
    assert first.sign_in(username, "wrong-1", CLIENT)[0] == 200
    assert second.sign_in(username, "wrong-2", CLIENT)[0] == 200
    assert first.sign_in(username, "wrong-3", CLIENT)[0] == 200
    # Counted in the shared Redis, not per server: the fourth is refused on either.
    status, _headers, body = second.sign_in(username, "wrong-4", CLIENT)
    assert status == 429
    with translation.override("uk"):  # the language of the Ternopil host's admin sign-in
        refusal = gettext("Too many failed sign-in attempts. Try again in 15 minutes.")
    assert refusal.encode() in body
    assert first.sign_in(username, "wrong-5", CLIENT)[0] == 429


def _multipart(fields, file_field, filename, data):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    parts.append(
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
            f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(parts)


def test_a_document_uploaded_through_one_server_is_downloaded_through_the_other(farm):
    first, second = farm.servers
    signed_in = first.sign_in("scale-editor", PASSWORD)
    session = _session(signed_in)
    cookie = f"sessionid={session}"
    status, headers, body = first.request("/admin/documents/add/", headers={"Cookie": cookie})
    assert status == 200
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    csrf = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"] + signed_in[1]["Set-Cookie"])
    csrf = csrf.group(1)
    data = pdf_bytes("Scale-out budget")
    content_type, payload = _multipart(
        {
            "csrfmiddlewaretoken": token,
            "title": "Scale-out budget",
            "collection": "1",
            "language": "en",
            "is_public": "on",
        },
        "file",
        "scale-out-budget.pdf",
        data,
    )
    status, headers, body = first.request(
        "/admin/documents/add/",
        method="POST",
        headers={"Cookie": f"{cookie}; csrftoken={csrf}", "Content-Type": content_type},
        body=payload,
    )
    assert status == 302, body.decode("utf-8", "replace")[-3000:]
    url = farm.shell(
        """
from wagtail.documents import get_document_model
print(get_document_model().objects.get(title="Scale-out budget").url)
"""
    ).splitlines()[-1]  # after the shell's own notice
    assert url.startswith("/documents/")
    # The file is in the shared folder, where the other server (and nginx) read it.
    assert any(p.is_file() and p.read_bytes() == data for p in farm.media.rglob("*"))

    # The server that took the upload goes away; nginx sends every request to the other.
    first.process.terminate()
    first.process.wait(timeout=15)
    answer = farm.request(TE, url)
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/pdf"
    # The bytes sent are the uploaded ones (Answer.text decodes; compare raw bytes here).
    conn = http.client.HTTPConnection("127.0.0.1", farm.port, timeout=30)
    try:
        conn.request("GET", url, headers={"Host": TE})
        assert conn.getresponse().read() == data
    finally:
        conn.close()
    status, headers, _body = second.request(url)
    assert status == 200 and headers.get("X-Accel-Redirect", "").startswith("/media/documents/")
