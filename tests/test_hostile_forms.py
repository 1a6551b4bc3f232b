"""The hostile values the suite sends through query parameters (tests/test_routing.py) also go
through every public POST form: comments (new, reply, edit, report), consultation answers
(anonymous and signed in), event registration, sign-up, log-in, password reset, the account
pages and the shared page password. No answer is a server error, a refusal is in the page's
language, nothing is executed (no markup echoed raw), and what is stored carries no control or
direction-changing characters.

The forms are found, not listed field by field: each form page is fetched and every
`<form method="post">` on it is filled in from its own fields, so a new field is covered too.
"""

import re
import unicodedata
from html.parser import HTMLParser

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

pytestmark = pytest.mark.django_db

PASSWORD = "Kashtan-Hostile-2026"
MARKUP = '<script>alert("hromada")</script>"><img src=x onerror=alert(1)>'
#: The raw forms of MARKUP; escaped, they are harmless text.
EXECUTABLE = (b"<script>alert", b"<img src=x")
#: Every value is sent in every text field: markup with a NUL byte, markup with control and
#: direction-changing characters (what a stored text must lose), and a long one.
HOSTILE = [
    MARKUP + "\x00' OR '1'='1",
    "\u202eevil\u202c " + MARKUP + " \x1b[31m\x07=HYPERLINK(\"http://evil\")\u200b",
    (MARKUP + "ы" * 50) * 200,
]
#: Characters a stored citizen text never contains.
FORBIDDEN = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


class FormParser(HTMLParser):
    """The POST forms of a page: action and fields (name, type, value, options)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "option" and self._select is not None:
            self._select["options"].append(attrs.get("value", ""))
        elif tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._form = {"action": attrs.get("action") or "", "fields": []}
            self.forms.append(self._form)
        elif self._form is None or not attrs.get("name"):
            return
        elif tag in ("input", "button"):
            kind = (attrs.get("type") or ("submit" if tag == "button" else "text")).lower()
            field = {"name": attrs["name"], "type": kind, "value": attrs.get("value", "")}
            self._form["fields"].append(field)
        elif tag == "select":
            self._select = {"name": attrs["name"], "type": "select", "options": []}
            self._form["fields"].append(self._select)
        elif tag == "textarea":
            self._form["fields"].append({"name": attrs["name"], "type": "textarea"})

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def post_forms(html):
    parser = FormParser()
    parser.feed(html.split("</header>", 1)[-1])
    return [f for f in parser.forms if "logout" not in f["action"]]


def filled(fields, hostile, number):
    """The form data: the hostile value in every field a visitor can type or alter, a valid
    address and a strong password where the form would otherwise refuse everything."""
    data, buttons = {}, []
    for field in fields:
        name, kind = field["name"], field["type"]
        if name == "csrfmiddlewaretoken":
            continue
        if kind in ("submit", "button"):
            buttons.append(field)
        elif kind == "email":
            data[name] = f"hostile{number}@example.org"
        elif kind == "password":
            data[name] = PASSWORD
        elif kind in ("checkbox", "radio"):
            data.setdefault(name, [])
            data[name].append(field["value"] or "on")
        elif kind == "select":
            data[name] = field["options"][1:2] or field["options"][:1] or [hostile]
        else:
            data[name] = hostile
    if buttons:
        data[buttons[0]["name"]] = buttons[0]["value"]
    return data


def citizen(email="reader@example.org"):
    user = get_user_model().objects.create_user(email.split("@")[0], email, PASSWORD + "-own")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    client = Client()
    client.force_login(user)
    return user, client


def host_of(page):
    return {"host": page.get_site().hostname}


def path_of(page):
    return page.get_url_parts()[2]


def url(page, name, **kwargs):
    with translation.override(page.locale.language_code):
        return reverse(name, kwargs=kwargs)


def form_pages():
    """(who, page for the host, path) of every public form the demo offers."""
    Comment = apps.get_model("comments", "Comment")
    ConsultationPage = apps.get_model("consultations", "ConsultationPage")
    EventPage = apps.get_model("events", "EventPage")

    comment = Comment.objects.filter(status="published", page__live=True).first()
    commented = comment.page.specific
    consultation = next(p for p in ConsultationPage.objects.live() if p.is_open())
    event = next(p for p in EventPage.objects.live() if p.registration_open())
    home = Page.objects.get(depth=2, locale__language_code="uk")
    respond = url(consultation, "consultations_respond", page_id=consultation.pk)
    account = [
        ("citizen", home, f"/uk/accounts/{path}")
        for path in ("", "my-data/", "email/", "password/change/")
    ]
    return [
        ("anonymous", home, "/uk/accounts/signup/"),
        ("anonymous", home, "/uk/accounts/login/"),
        ("anonymous", home, "/uk/accounts/password/reset/"),
        *account,
        ("citizen", commented, url(commented, "comments_new", page_id=commented.pk)),
        (
            "citizen",
            commented,
            url(commented, "comments_new", page_id=commented.pk) + f"?reply_to={comment.pk}",
        ),
        ("citizen", commented, url(commented, "comments_report", comment_id=comment.pk)),
        ("citizen", commented, "own-comment"),
        ("anonymous", consultation, respond),
        ("citizen", consultation, respond),
        ("citizen", event, url(event, "events:register", event_id=event.pk)),
        ("citizen", event, path_of(event)),
        ("anonymous", None, "password-page"),
    ]


def password_page():
    page = Page.objects.get(depth=2, locale__language_code="uk")
    target = page.get_children().live().first()
    PageViewRestriction.objects.create(page=target, restriction_type="password", password="x1")
    return target


def own_comment_path(user, page):
    Comment = apps.get_model("comments", "Comment")
    comment = Comment.objects.filter(page=page, author=user).first()
    return url(page, "comments_edit", comment_id=comment.pk) if comment else None


def assert_inert(response, where):
    assert response.status_code < 500, where
    if response.get("Content-Type", "").startswith("text/html"):
        body = response.content.split(b"</head>", 1)[-1]
        for raw in EXECUTABLE:
            assert raw not in body, where


#: Django's own refusals in English: a Ukrainian form shows them translated.
ENGLISH_ERRORS = (
    b"Null characters are not allowed",
    b"This field is required",
    b"Ensure this value has at most",
    b"Enter a valid",
    b"Select a valid choice",
)


def assert_refusal_translated(response, where):
    if response.status_code in (200, 400) and b'<html lang="uk"' in response.content:
        for english in ENGLISH_ERRORS:
            assert english not in response.content, (where, english)


def stored_text_values():
    """Every text stored by citizens' forms: accounts, comments, consultations, events."""
    labels = {"accounts", "comments", "consultations", "events", "account", "auth"}
    for model in apps.get_models():
        if model._meta.app_label not in labels:
            continue
        fields = [
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, (models.CharField, models.TextField)) and f.name != "password"
        ]
        for row in model.objects.values(*fields) if fields else []:
            for name, value in row.items():
                if isinstance(value, str):
                    yield f"{model._meta.label}.{name}", value


def test_hostile_values_through_every_public_post_form():
    user, signed_in = citizen()
    anonymous = Client()
    locked = password_page()
    posted = set()
    for number, hostile in enumerate(HOSTILE):
        for who, page, path in form_pages():
            client = signed_in if who == "citizen" else anonymous
            if path == "password-page":
                page, path = locked, path_of(locked)
            elif path == "own-comment":
                path = own_comment_path(user, page)
                if path is None:
                    continue
            headers = host_of(page)
            response = client.get(path, headers=headers)
            assert response.status_code == 200, path
            forms = post_forms(response.content.decode())
            assert forms, f"{path} shows a form"
            for form in forms:
                cache.clear()  # rate limits: each submission is judged on its content
                action = form["action"] or path
                data = filled(form["fields"], hostile, number)
                answer = client.post(action, data, headers=headers)
                assert_inert(answer, (action, number))
                assert_refusal_translated(answer, (action, number))
                posted.add(action)
        # What was stored is shown inert where it is shown.
        for who, page, path in form_pages():
            if path in ("password-page", "own-comment") or page is None:
                continue
            client = signed_in if who == "citizen" else anonymous
            assert_inert(client.get(path_of(page), headers=host_of(page)), path_of(page))
        assert_inert(signed_in.get("/uk/accounts/", headers={"host": "ternopil.localhost"}), "home")
    assert len(posted) >= 12
    dirty = {
        where: repr(value[:80])
        for where, value in stored_text_values()
        if FORBIDDEN.search(value) or unicodedata.normalize("NFC", value) != value
    }
    assert dirty == {}


def test_the_form_finder_sees_the_fields_of_a_form():
    html = (
        '<header><form method="post" action="/logout/"></form></header>'
        '<form method="post" action="/x/"><input name="a"><textarea name="b"></textarea>'
        '<select name="c"><option value="1">1</option></select>'
        '<input type="email" name="d"><button name="go" value="1">Go</button></form>'
    )
    [form] = post_forms(html)
    data = filled(form["fields"], "<b>", 7)
    assert data == {"a": "<b>", "b": "<b>", "c": ["1"], "d": "hostile7@example.org", "go": "1"}
