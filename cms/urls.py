from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from cms.accounts.urls import allauth_patterns
from cms.archive import urls as archive_document_urls
from cms.core.extensions import public_urlpatterns
from cms.core.identity import apple_touch_icon, favicon_ico, theme_css
from cms.core.media import media_urlpatterns
from cms.core.passwords import document_password, page_password
from cms.core.serving import serve
from cms.core.sitemap import sitemap_view
from cms.core.views import RateLimitedLoginView, robots_txt
from cms.translations.account import AccountView as AdminAccountView

urlpatterns = [
    path("admin/login/", RateLimitedLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/account/", AdminAccountView.as_view(), name="wagtailadmin_account"),
    path("admin/", include(wagtailadmin_urls)),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        document_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(archive_document_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap_view, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("theme.css", theme_css, name="theme_css"),
    path("favicon.ico", favicon_ico, name="favicon_ico"),
    path("apple-touch-icon.png", apple_touch_icon, name="apple_touch_icon"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("cms.accounts.urls")),
    path("accounts/", include(allauth_patterns)),
    *public_urlpatterns(),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    re_path(serve_pattern, serve, name="wagtail_serve"),  # before Wagtail's own, same address
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "cms.core.views.page_not_found"
handler500 = "cms.ops.errors.server_error"

# Images under `make run` and in tests (nginx in production); documents never: see
# cms.core.media and the archive's download view.
urlpatterns = media_urlpatterns() + urlpatterns
