"""allauth's hooks: citizens are never staff, and mail speaks for the municipality."""

from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.utils import translation

from cms.core.clientip import client_ip
from cms.core.sites import profile_for_request


class CitizenAccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user.is_staff = False
        user.is_superuser = False
        return super().save_user(request, user, form, commit=commit)

    def get_client_ip(self, request):
        """allauth's rate limits count by the same address as every other limit."""
        return client_ip(request)

    def _municipality(self):
        request = context.request
        profile = profile_for_request(request)
        return SimpleNamespace(
            name=profile.name(translation.get_language()),
            domain=request.get_host(),
        )

    def format_email_subject(self, subject):
        return f"[{self._municipality().name}] {subject}"

    def send_mail(self, template_prefix, email, context_data):
        return super().send_mail(
            template_prefix, email, {**context_data, "current_site": self._municipality()}
        )
