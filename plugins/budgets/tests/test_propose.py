"""Proposing a project: verified citizens only, only while proposals are open; bad input is
refused with the form filled again and nothing stored; the author edits until the close."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from plugins.budgets.models import BudgetProject, ProjectImage, ProjectStatus

from .citizens import HOST, make_citizen, url
from .cycle_helpers import make_cycle

pytestmark = pytest.mark.django_db


def _png(name="park.png", size=(40, 30), fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 120, 40)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def _data(cycle, **overrides):
    data = {
        "title": "Benches in the park",
        "description": "Ten benches along the main alley of the park, with bins.",
        "location": "Topilche park",
        "cost_estimate": "25000",
    }
    districts = list(cycle.source_districts())
    if districts:
        data["district"] = districts[0].pk
    categories = list(cycle.source_categories())
    if categories:
        data["category"] = categories[0].pk
    data.update(overrides)
    return data


@pytest.fixture
def cycle():
    return make_cycle(
        "proposals",
        total=Decimal(100000),
        districts=[("Center", 30000), ("East", 0)],
        categories=["Parks", "Roads"],
    )


def test_a_citizen_proposes_a_project_with_images(client, cycle):
    citizen = make_citizen()
    client.force_login(citizen)
    form = client.get(url(cycle, "propose_view"), headers={"host": HOST})
    assert form.status_code == 200
    assert "no-store" in form["Cache-Control"] or "no-cache" in form["Cache-Control"]
    data = _data(cycle, images=[_png(), _png("alley.webp", fmt="WEBP")], image_alt="The alley")
    sent = client.post(url(cycle, "propose_view"), data, headers={"host": HOST})
    assert sent.status_code == 302
    project = BudgetProject.objects.get(cycle=cycle)
    assert sent["Location"].endswith(f"projects/{project.pk}/?proposed=1")
    assert project.author == citizen
    assert project.status == ProjectStatus.PROPOSED
    assert project.district.name == "Center" and project.category.name == "Parks"
    assert project.cost == Decimal(25000)
    assert [image.alt for image in project.images.all()] == ["The alley", "The alley"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"cost_estimate": "0"}, "cost_estimate", "more than zero"),
        ({"cost_estimate": "-5"}, "cost_estimate", "more than zero"),
        ({"cost_estimate": "30000.01"}, "cost_estimate", "не може перевищувати бюджет"),
        ({"cost_estimate": "abc"}, "cost_estimate", "Enter a number"),
        ({"title": "   "}, "title", "required"),
        ({"description": "Too short"}, "description", "few sentences"),
        ({"district": "999999"}, "district", "Select a valid choice"),
        ({"district": "", "cost_estimate": "70000.01"}, "cost_estimate", "не може перевищувати"),
    ],
)
def test_bad_input_is_refused_and_the_form_comes_back_filled(
    client, cycle, overrides, field, message
):
    client.force_login(make_citizen())
    data = _data(cycle, **overrides)
    answer = client.post(url(cycle, "propose_view"), data, headers={"host": HOST})
    assert answer.status_code == 400
    html = answer.content.decode()
    with translation.override("en"):
        assert message in str(answer.context["form"].errors[field])
    assert "Topilche park" in html  # what was typed is still there
    assert not BudgetProject.objects.filter(cycle=cycle).exists()


def test_a_city_wide_project_may_cost_what_the_districts_leave(client, cycle):
    """100000 in all, 30000 for Center: 70000 for projects of the whole city."""
    client.force_login(make_citizen())
    data = _data(cycle, district="", cost_estimate="70000")
    assert client.post(url(cycle, "propose_view"), data, headers={"host": HOST}).status_code == 302
    assert BudgetProject.objects.get(cycle=cycle).district is None


def test_the_district_is_required_when_the_districts_share_all_the_money(client):
    cycle = make_cycle("proposals", total=Decimal(50000), districts=[("Center", 50000)])
    client.force_login(make_citizen())
    answer = client.post(
        url(cycle, "propose_view"), _data(cycle, district=""), headers={"host": HOST}
    )
    assert answer.status_code == 400
    assert "district" in answer.context["form"].errors
    assert not BudgetProject.objects.filter(cycle=cycle).exists()


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("evil.png", b"<script>alert(1)</script>", content_type="image/png"),
        SimpleUploadedFile("doc.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg"),
    ],
)
def test_files_that_are_not_images_are_refused_and_nothing_is_stored(client, cycle, upload):
    client.force_login(make_citizen())
    data = _data(cycle, images=[_png(), upload])
    answer = client.post(url(cycle, "propose_view"), data, headers={"host": HOST})
    assert answer.status_code == 400
    assert "не зображення JPEG, PNG чи WebP" in answer.content.decode()
    assert not BudgetProject.objects.filter(cycle=cycle).exists()
    assert not ProjectImage.objects.filter(project__cycle=cycle).exists()


def test_a_gif_and_a_fourth_image_are_refused(client, cycle):
    client.force_login(make_citizen())
    gif = client.post(
        url(cycle, "propose_view"),
        _data(cycle, images=[_png("a.gif", fmt="GIF")]),
        headers={"host": HOST},
    )
    assert gif.status_code == 400
    four = client.post(
        url(cycle, "propose_view"),
        _data(cycle, images=[_png(f"{n}.png") for n in range(4)]),
        headers={"host": HOST},
    )
    assert four.status_code == 400
    assert "не більше 3 зображень" in four.content.decode()
    assert not BudgetProject.objects.filter(cycle=cycle).exists()


def test_hostile_html_is_stored_as_text_and_shown_inert(client, cycle):
    client.force_login(make_citizen())
    hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    data = _data(cycle, title=f"Park {hostile}", description=f"A long description {hostile}")
    answer = client.post(url(cycle, "propose_view"), data, headers={"host": HOST})
    assert answer.status_code == 302
    project = BudgetProject.objects.get(cycle=cycle)
    assert project.title == f"Park {hostile}"  # kept as the citizen typed it
    edit = client.get(url(cycle, "edit_view", project.pk), headers={"host": HOST})
    html = edit.content.decode()
    assert "<script>alert(2)</script>" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


def test_only_verified_citizens_propose(client, cycle):
    answer = client.get(url(cycle, "propose_view"), headers={"host": HOST})
    assert answer.status_code == 302 and "login" in answer["Location"]
    client.force_login(make_citizen(verified=False))
    refused = client.post(url(cycle, "propose_view"), _data(cycle), headers={"host": HOST})
    assert refused.status_code == 403
    assert not BudgetProject.objects.filter(cycle=cycle).exists()


def test_no_proposals_outside_the_proposal_phase(client):
    cycle = make_cycle("voting")
    client.force_login(make_citizen())
    answer = client.post(url(cycle, "propose_view"), _data(cycle), headers={"host": HOST})
    assert answer.status_code == 403
    assert not BudgetProject.objects.filter(cycle=cycle).exists()


def test_the_author_edits_until_the_proposals_close_and_no_one_else_can(client, cycle):
    author = make_citizen()
    client.force_login(author)
    client.post(url(cycle, "propose_view"), _data(cycle), headers={"host": HOST})
    project = BudgetProject.objects.get(cycle=cycle)
    changed = client.post(
        url(cycle, "edit_view", project.pk),
        _data(cycle, cost_estimate="12000", title="Benches and lamps"),
        headers={"host": HOST},
    )
    assert changed.status_code == 302
    project.refresh_from_db()
    assert (project.title, project.cost_estimate) == ("Benches and lamps", Decimal(12000))
    bad = client.post(
        url(cycle, "edit_view", project.pk), _data(cycle, cost_estimate="0"), headers={"host": HOST}
    )
    assert bad.status_code == 400
    project.refresh_from_db()
    assert project.cost_estimate == Decimal(12000)

    client.force_login(make_citizen())
    other = client.post(
        url(cycle, "edit_view", project.pk), _data(cycle, title="Hijacked"), headers={"host": HOST}
    )
    assert other.status_code == 403

    client.force_login(author)
    cycle.proposals_close = cycle.proposals_open
    cycle.save_revision().publish()
    late = client.post(
        url(cycle, "edit_view", project.pk), _data(cycle, title="Too late"), headers={"host": HOST}
    )
    assert late.status_code == 403
    project.refresh_from_db()
    assert project.title == "Benches and lamps"


def test_the_author_replaces_an_image(client, cycle):
    client.force_login(make_citizen())
    client.post(
        url(cycle, "propose_view"),
        _data(cycle, images=[_png("a.png"), _png("b.png"), _png("c.png")]),
        headers={"host": HOST},
    )
    project = BudgetProject.objects.get(cycle=cycle)
    first = project.images.first()
    full = client.post(
        url(cycle, "edit_view", project.pk),
        _data(cycle, images=[_png("d.png")]),
        headers={"host": HOST},
    )
    assert full.status_code == 400  # three already: remove one first
    assert project.images.count() == 3
    replaced = client.post(
        url(cycle, "edit_view", project.pk),
        _data(cycle, images=[_png("d.png")], remove_images=[first.pk]),
        headers={"host": HOST},
    )
    assert replaced.status_code == 302
    assert project.images.count() == 3
    assert not project.images.filter(pk=first.pk).exists()
