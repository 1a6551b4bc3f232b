from allauth import urls as allauth_urls
from django.urls import URLResolver, path
from django.views.decorators.cache import never_cache

from cms.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.account_home, name="home"),
    path("verification/census/", views.census_check, name="census_check"),
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/download/", views.my_data_download, name="my_data_download"),
    path("delete/", views.delete_account, name="delete"),
]


def _never_cached(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _never_cached(pattern.url_patterns)
        elif not getattr(pattern.callback, "_hromada_never_cache", False):
            pattern.callback = never_cache(pattern.callback)
            pattern.callback._hromada_never_cache = True
    return patterns


#: allauth's views (log-in, sign-up, password reset, email), never kept by any cache.
allauth_patterns = _never_cached(list(allauth_urls.urlpatterns))
