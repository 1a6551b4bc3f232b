"""allauth's hooks: citizens are never staff, and mail speaks for the municipality."""

from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.utils import translation

from cms.core.clientip import client_ip
from cms.core.mail import sender
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
        language = translation.get_language()
        return SimpleNamespace(
            name=profile.name(language),
            genitive=profile.name_form("genitive", language),
            domain=request.get_host(),
        )

    def get_from_email(self):
        """The municipality by name: 'Тернопільська міська рада <noreply@…>'."""
        return sender(profile_for_request(context.request), translation.get_language())

    def format_email_subject(self, subject):
        return f"[{self._municipality().name}] {subject}"

    def send_mail(self, template_prefix, email, context_data):
        return super().send_mail(
            template_prefix, email, {**context_data, "current_site": self._municipality()}
        )
