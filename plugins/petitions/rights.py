"""Who moderates which site's petitions and sets the council's answer.

A user moderates a site's petitions when one of their groups holds
`petitions.moderate_petition` on that site (Wagtail's GroupSitePermission, edited in the
group editor's "Petition moderation" panel); superusers moderate every site. Granted globally
to a group, the permission gives nothing: no side door across municipalities."""

from django import forms
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupSitePermission, Site

from cms.core.sites import site_for_page, site_roots

APP_LABEL, CODENAME = "petitions", "moderate_petition"


def moderation_permission():
    return Permission.objects.get(content_type__app_label=APP_LABEL, codename=CODENAME)


def moderated_sites(user):
    if not user.is_authenticated or not user.is_active:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    return Site.objects.filter(
        group_permissions__group__user=user,
        group_permissions__permission__content_type__app_label=APP_LABEL,
        group_permissions__permission__codename=CODENAME,
    ).distinct()


def is_moderator(user):
    return moderated_sites(user).exists()


def within_sites(petitions, user):
    """The petitions of the sites `user` moderates (all of them for a superuser)."""
    if user.is_superuser:
        return petitions
    site_ids = set(moderated_sites(user).values_list("pk", flat=True))
    paths = [path for path, site in site_roots().items() if site.pk in site_ids]
    if not paths:
        return petitions.none()
    condition = Q()
    for path in paths:
        condition |= Q(index__path__startswith=path)
    return petitions.filter(condition)


def can_moderate(user, petition):
    site = site_for_page(petition.index)
    if site is None:
        return user.is_authenticated and user.is_active and user.is_superuser
    return moderated_sites(user).filter(pk=site.pk).exists()


def grant(group, site):
    """Let `group` moderate the petitions of `site` (idempotent)."""
    GroupSitePermission.objects.get_or_create(
        group=group, site=site, permission=moderation_permission()
    )


class ModerationSitesForm(forms.Form):
    """The group editor's panel: the sites whose petitions the group moderates."""

    template_name = "wagtailsettings/permissions/includes/site_permission_form.html"
    icon = "doc-full"

    sites = forms.ModelMultipleChoiceField(
        queryset=Site.objects.order_by("site_name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Moderates the petitions of these sites"),
    )

    def __init__(self, *args, instance, **kwargs):
        kwargs.setdefault("prefix", "petitions_moderation_sites")
        self.instance = instance
        self.permission = moderation_permission()
        if instance is not None and instance.pk is not None:
            kwargs["initial"] = {
                "sites": [grant.site for grant in self._existing().select_related("site")]
            }
        super().__init__(*args, **kwargs)

    def _existing(self):
        return GroupSitePermission.objects.filter(group=self.instance, permission=self.permission)

    def save(self):
        existing = set(self._existing().values_list("site_id", flat=True))
        wanted = {site.pk for site in self.cleaned_data["sites"]}
        for site_id in wanted - existing:
            GroupSitePermission.objects.get_or_create(
                group=self.instance, site_id=site_id, permission=self.permission
            )
        self._existing().filter(site_id__in=existing - wanted).delete()

    def as_admin_panel(self):
        return render_to_string(
            self.template_name,
            {
                "heading": _("Petition moderation"),
                "form": self,
                "panel_id": "petitions-moderation-sites",
            },
        )
