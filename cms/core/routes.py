"""Routable pages whose sub-routes live beside their views.

Wagtail's `RoutablePageMixin` declares a page's sub-routes as methods of the page model, so
the model imports its views and the views import the model back. A page with
`RoutesModulePage` names instead a URLconf module of its own (`routes_module`, like an app's
`urls.py`) whose views take the page first: `def petition_list(page, request)`. The routes
stay sub-routes of the page: Wagtail serves them through the page (its visibility rule and
the per-site switch) and `page.reverse_subpage(name)` finds them by their names.
"""

from django.urls import get_resolver
from wagtail.contrib.routable_page.models import RoutablePageMixin


class RoutesModulePage(RoutablePageMixin):
    #: Dotted path of the module whose `urlpatterns` are the page's sub-routes.
    routes_module = None

    @classmethod
    def get_resolver(cls):
        return get_resolver(cls.routes_module)
