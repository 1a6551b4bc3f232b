"""A form whose phase is closed: reading its address shows why (200), sending is refused."""

from django.test import RequestFactory

from cms.core.phases import closed_form_status, render_closed_form


def test_reading_a_closed_form_is_no_error_and_sending_is_refused():
    factory = RequestFactory()
    assert closed_form_status(factory.get("/")) == 200
    assert closed_form_status(factory.head("/")) == 200
    assert closed_form_status(factory.post("/", {"choice": "1"})) == 403
    assert closed_form_status(factory.put("/")) == 403


def test_the_closed_answer_renders_the_apps_template_with_that_status(tmp_path, settings):
    (tmp_path / "closed.html").write_text("Closed: {{ message }}")
    settings.TEMPLATES = [
        {"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [tmp_path]}
    ]
    factory = RequestFactory()
    response = render_closed_form(factory.post("/"), "closed.html", {"message": "voting ended"})
    assert response.status_code == 403
    assert response.content.decode() == "Closed: voting ended"
    assert render_closed_form(factory.get("/"), "closed.html", {"message": "x"}).status_code == 200
