"""Routable pages whose sub-routes live beside their views.

Wagtail's `RoutablePageMixin` declares a page's sub-routes as methods of the page model, so
the model imports its views and the views import the model back. A page with
`RoutesModulePage` names instead a URLconf module of its own (`routes_module`, like an app's
`urls.py`) whose views take the page first: `def petition_list(page, request)`. The routes
stay sub-routes of the page: Wagtail serves them through the page (its visibility rule and
the per-site switch) and `page.reverse_subpage(name)` finds them by their names.
"""

from importlib import import_module

from wagtail.contrib.routable_page.models import RoutablePageMixin


class RoutesModulePage(RoutablePageMixin):
    #: Dotted path of the module whose `urlpatterns` are the page's sub-routes.
    routes_module = None

    @classmethod
    def get_subpage_urls(cls):
        """The module's `urlpatterns` (Wagtail builds the page's resolver from them), in
        place of the routes declared as methods."""
        return tuple(import_module(cls.routes_module).urlpatterns)
