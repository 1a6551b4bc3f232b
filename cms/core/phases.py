"""Forms that are open only during a phase: a budget's proposals or voting, a
consultation's dates, a petition's collection period. When the phase is closed, every app
answers the same way (`render_closed_form`): the page says so and nothing is stored."""

from django.shortcuts import render

READING_METHODS = ("GET", "HEAD")


def closed_form_status(request):
    """The status of a closed form's answer: 200 to reading its address (a link kept from
    when it was open is no error; the page tells what the phase is), 403 to sending to it
    (refused, nothing changed)."""
    return 200 if request.method in READING_METHODS else 403


def render_closed_form(request, template, context):
    """The app's closed-phase `template` with `context`, with `closed_form_status`."""
    return render(request, template, context, status=closed_form_status(request))
