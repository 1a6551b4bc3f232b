from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.admin.views.account import LoginView

from cms.core.clientip import client_network
from cms.core.notfound import language_alternatives
from cms.core.sites import profile_for_request


def page_not_found(request, exception=None):
    """The translated 404 page, in the site's language when the URL asked for another one,
    offering the page in the languages it is published in."""
    profile = profile_for_request(request)
    requested = translation.get_language()
    language = requested if profile.serves(requested) else profile.default_language
    context = {
        "requested_language": dict(settings.LANGUAGES).get(requested, ""),
        "alternatives": language_alternatives(request, requested),
    }
    with translation.override(language):
        request.LANGUAGE_CODE = language
        return render(request, "404.html", context, status=404)


def server_error(request):
    """A 500 page that needs neither the database nor a request context."""
    return HttpResponse(loader.get_template("500.html").render(), status=500)


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class RateLimitedLoginView(LoginView):
    """Wagtail's admin login, refusing further attempts after too many failures."""

    def _keys(self):
        address = client_network(self.request)
        username = (self.request.POST.get("username") or "").strip().lower()[:150]
        return [f"admin-login:ip:{address}", f"admin-login:user:{username}"]

    def _blocked(self):
        return any(cache.get(key, 0) >= settings.ADMIN_LOGIN_ATTEMPTS for key in self._keys())

    def post(self, request, *args, **kwargs):
        if self._blocked():
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, _("Too many failed sign-in attempts. Try again in 15 minutes."))
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        for key in self._keys():
            cache.add(key, 0, settings.ADMIN_LOGIN_WINDOW_SECONDS)
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, settings.ADMIN_LOGIN_WINDOW_SECONDS)
        return super().form_invalid(form)
