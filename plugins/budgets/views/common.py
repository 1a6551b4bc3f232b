"""What the budget's citizen views share: the closed-phase and sign-in answers, sub-route URLs."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from cms.core.phases import render_closed_form


def citizen_view(view):
    """A route of the cycle page (`view(page, request, ...)`) that answers GET and POST and
    is never cached."""

    @wraps(view)
    def wrapper(page, request, *args, **kwargs):
        if request.method not in ("GET", "POST"):
            response = HttpResponseNotAllowed(["GET", "POST"])
        else:
            response = view(page, request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper


def subpage_url(page, request, name, *args):
    """The URL of the cycle page's route `name` (in the page's language)."""
    return page.get_url(request) + page.reverse_subpage(name, args=args)


def closed(page, request, message):
    """The answer when the phase (or the project's author) does not allow this: what the
    phase is, and nothing saved; the core's rule for closed forms (200 to reading, 403 to
    sending)."""
    return render_closed_form(request, "budgets/closed.html", {"page": page, "message": message})


def sign_in_needed(page, request):
    """Anonymous visitors are sent to sign in; signed-in ones without a confirmed email
    address are told what to do."""
    if request.method == "GET" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    context = {"page": page, "unverified": request.user.is_authenticated}
    return render(request, "budgets/sign_in.html", context, status=403)
