"""What the deploy tests need to act as citizens: a mail server that keeps what it is
given (and can hold a mail to catch its sender in the middle), and the fields a citizen
fills in on a form page."""

import email
import re
import socketserver
import threading
from html.parser import HTMLParser


class SmtpSink(socketserver.ThreadingTCPServer):
    """A mail server that keeps what it is given. While `hold` is set it never answers a
    mail's final dot and waits for its sender to go away (so a task worker is caught in the
    middle of handing one over); `stalled` says a mail is being held."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        self.mails = []
        self.hold = threading.Event()
        self.stalled = threading.Event()
        super().__init__(("127.0.0.1", 0), _SmtpHandler)
        self.port = self.server_address[1]
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def close(self):
        self.shutdown()
        self.server_close()


class _SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        server = self.server
        self.reply("220 sink")
        recipients = []
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                self.reply("250 sink")
            elif verb == b"RCPT":
                recipients.append(line.decode().split(":", 1)[1].strip().strip("<>"))
                self.reply("250 ok")
            elif verb == b"DATA":
                self.reply("354 go on")
                body = b""
                while (chunk := self.rfile.readline()) and chunk != b".\r\n":
                    body += chunk
                if server.hold.is_set():  # not received: held until the sender is gone
                    server.stalled.set()
                    while self.rfile.readline():
                        pass
                    return
                server.mails.append((recipients, body.decode("utf-8", "replace")))
                recipients = []
                self.reply("250 kept")
            elif verb == b"QUIT":
                self.reply("221 bye")
                return
            else:  # MAIL, RSET, NOOP
                self.reply("250 ok")


class FormFields(HTMLParser):
    """The fields a citizen fills in on a form page: the first choice of each set of
    options, a short text for required text fields, and the hidden ones (the CSRF token)."""

    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.fields, self.select = action, False, {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = (attrs.get("method") or "").lower() == "post" and (
                not attrs.get("action") or attrs["action"] == self.action
            )
        if not self.inside or not attrs.get("name"):
            if tag == "option" and self.select and self.select not in self.fields:
                if attrs.get("value"):
                    self.fields[self.select] = attrs["value"]
            return
        name, kind = attrs["name"], (attrs.get("type") or "text").lower()
        if tag == "textarea" or (tag == "input" and kind in ("text", "email", "number")):
            # a required field gets a short answer; others stay empty (a trap for robots)
            self.fields.setdefault(name, "1" if "required" in attrs else "")
        elif tag == "input" and kind in ("radio", "checkbox", "hidden"):
            self.fields.setdefault(name, attrs.get("value", "on"))
        elif tag == "select":
            self.select = name

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        if tag == "select":
            self.select = None


def form_fields(html, action):
    parser = FormFields(action)
    parser.feed(html)
    return parser.fields


def mail_links(mail_body, pattern):
    """The addresses matching `pattern` in a mail as the sink kept it (any part, decoded)."""
    message = email.message_from_string(mail_body)
    found = []
    for part in message.walk():
        payload = part.get_payload(decode=True)
        if payload:
            found += re.findall(pattern, payload.decode("utf-8", "replace"))
    return found
