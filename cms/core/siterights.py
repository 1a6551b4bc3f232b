"""A staff right held on a site: "moderates Ternopil's comments", "reviews Banská Bystrica's
budget projects".

A right is a Django permission `(app_label, codename)` granted to a group *on a site* through
Wagtail's GroupSitePermission (edited in the group editor, one panel per right). A user holds
it on the sites where one of their groups has it; superusers hold every right on every site.
Granted globally to a group, the permission gives nothing: no side door across
municipalities. Each app declares its rights as `SiteRight(...)` and asks the same questions
of them, here, once."""

from django import forms
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.template.loader import render_to_string
from wagtail.models import GroupSitePermission, Site

from cms.core.sites import site_roots


class SiteRight:
    """The right `app_label.codename` held per site."""

    def __init__(self, app_label, codename):
        self.app_label = app_label
        self.codename = codename

    def permission(self):
        return Permission.objects.get(
            content_type__app_label=self.app_label, codename=self.codename
        )

    def sites(self, user):
        """The sites `user` holds the right on (every site for a superuser)."""
        if not user.is_authenticated or not user.is_active:
            return Site.objects.none()
        if user.is_superuser:
            return Site.objects.all()
        return Site.objects.filter(
            group_permissions__group__user=user,
            group_permissions__permission__content_type__app_label=self.app_label,
            group_permissions__permission__codename=self.codename,
        ).distinct()

    def holds_anywhere(self, user):
        return self.sites(user).exists()

    def holds(self, user, site):
        """Holds the right on `site`; on no site at all (None) only superusers do."""
        if site is None:
            return user.is_authenticated and user.is_active and user.is_superuser
        return self.sites(user).filter(pk=site.pk).exists()

    def filter(self, queryset, user, path_field):
        """The objects of `queryset` under the page trees of the sites `user` holds the
        right on, each in every language; `path_field` leads to a page's tree path
        ("index__path"). A superuser keeps them all."""
        if user.is_authenticated and user.is_active and user.is_superuser:
            return queryset
        site_ids = set(self.sites(user).values_list("pk", flat=True))
        paths = [path for path, site in site_roots().items() if site.pk in site_ids]
        if not paths:
            return queryset.none()
        condition = Q()
        for path in paths:
            condition |= Q(**{f"{path_field}__startswith": path})
        return queryset.filter(condition)

    def grant(self, group, site):
        """Let `group` hold the right on `site` (idempotent)."""
        GroupSitePermission.objects.get_or_create(
            group=group, site=site, permission=self.permission()
        )

    def panel_form(self, *, heading, label, icon, prefix):
        """The group editor's panel (for the `register_group_permission_panel` hook): the
        sites on which the group holds the right. `heading` and `label`: translated, lazy."""
        right = self

        class SitesForm(forms.Form):
            template_name = "wagtailsettings/permissions/includes/site_permission_form.html"

            sites = forms.ModelMultipleChoiceField(
                queryset=Site.objects.order_by("site_name"),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                label=label,
            )

            def __init__(self, *args, instance, **kwargs):
                kwargs.setdefault("prefix", prefix)
                self.instance = instance
                self.permission = right.permission()
                if instance is not None and instance.pk is not None:
                    kwargs["initial"] = {
                        "sites": [held.site for held in self._existing().select_related("site")]
                    }
                super().__init__(*args, **kwargs)

            def _existing(self):
                return GroupSitePermission.objects.filter(
                    group=self.instance, permission=self.permission
                )

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
                        "heading": heading,
                        "form": self,
                        "panel_id": prefix.replace("_", "-"),
                    },
                )

        SitesForm.icon = icon
        SitesForm.__name__ = SitesForm.__qualname__ = f"{prefix.title().replace('_', '')}Form"
        return SitesForm


#: The demo's short names of the per-site moderator groups (others: "<site's English name>
#: moderators").
MODERATOR_GROUPS = {
    "ternopil": "Ternopil moderators",
    "banska-bystrica": "Banská Bystrica moderators",
    "levski": "Levski moderators",
}


def moderators_group(profile):
    """The demo's group of one municipality's moderators (created with admin access when
    missing): every app's demo grants it its own rights on that site."""
    name = MODERATOR_GROUPS.get(profile.slug, f"{profile.name('en')} moderators")
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return group
