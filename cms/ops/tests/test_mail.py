"""The mail server down: mails wait in the task queue and go out once it is back."""

import socketserver
import threading
from datetime import timedelta

import pytest
from django.core.mail import send_mail
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.ops.mail import deliver_mail
from cms.ops.tests.services import free_port


class SmtpSink(socketserver.StreamRequestHandler):
    """Just enough SMTP to take a message and keep it."""

    def handle(self):
        def say(text):
            self.wfile.write(text.encode() + b"\r\n")

        say("220 sink ready")
        receiving, lines = False, []
        for raw in self.rfile:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if receiving:
                if line == ".":
                    self.server.messages.append("\n".join(lines))
                    receiving, lines = False, []
                    say("250 kept")
                else:
                    lines.append(line)
                continue
            command = line[:4].upper()
            if command in ("EHLO", "HELO"):
                say("250 sink")
            elif command == "DATA":
                receiving = True
                say("354 go on")
            elif command == "QUIT":
                say("221 bye")
                return
            else:
                say("250 ok")


@pytest.fixture
def mail_port():
    return free_port()


def start_sink(port):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", port), SmtpSink)
    server.messages = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def queued(**kwargs):
    return DBTaskResult.objects.filter(
        task_path="cms.ops.mail.deliver_mail", status="READY", **kwargs
    ).order_by("enqueued_at")


@pytest.mark.django_db
def test_a_mail_sent_while_the_mail_server_is_down_goes_out_when_it_is_back(mail_port):
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
        EMAIL_BACKEND="cms.ops.mail.QueuedEmailBackend",
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=mail_port,
        EMAIL_TIMEOUT=5,
    ):
        # The request's part: no mail server is listening, and sending does not fail.
        assert send_mail("Підтвердіть відповідь", "Посилання: ...", "noreply@ternopil.example",
                         ["citizen@example.org"]) == 1
        (first,) = queued()
        # The worker's first try: refused, so the mail is queued again for later.
        assert deliver_mail.call(*first.args_kwargs["args"]) == "retry"
        (again,) = queued().exclude(pk=first.pk)
        assert again.args_kwargs["args"][3] == 1
        assert timezone.now() < again.run_after < timezone.now() + timedelta(minutes=2)

        sink = start_sink(mail_port)
        try:
            assert deliver_mail.call(*again.args_kwargs["args"]) == "sent"
        finally:
            sink.shutdown()
            sink.server_close()
    (message,) = sink.messages
    assert "citizen@example.org" in message
    assert "Subject: =?utf-8?" in message
