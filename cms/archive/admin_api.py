"""The admin API's documents and images: only those in collections the user has rights on.

Wagtail's admin API (`/admin/api/main/documents/`, `.../images/`) lists every document and
image to any user who may open the admin; its choosers already ask the collection
permission policy. These endpoints ask the same policy, so an editor of one municipality
never sees the titles or addresses of another's files.
"""

from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry

#: Any of these rights on a file's collection lets the user see it in the admin.
ADMIN_ACTIONS = ["change", "choose", "delete"]


def allowed_for(request, queryset):
    """`queryset` narrowed to the items the signed-in user has rights on."""
    policy = policy_registry.get_by_type(queryset.model)
    allowed = policy.instances_user_has_any_permission_for(request.user, ADMIN_ACTIONS)
    return queryset.filter(pk__in=allowed.values("pk"))


class CollectionScopedDocumentsAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return allowed_for(self.request, super().get_queryset())


class CollectionScopedImagesAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return allowed_for(self.request, super().get_queryset())


def scope_admin_api_by_collection(router):
    """Replace Wagtail's documents and images endpoints (run after Wagtail's own hooks)."""
    router.register_endpoint("documents", CollectionScopedDocumentsAPIViewSet)
    router.register_endpoint("images", CollectionScopedImagesAPIViewSet)
