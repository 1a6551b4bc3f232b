"""Contribution manifests: how an app joins the site, in one place.

Every app, content apps (`cms.*`) and plugins (`plugins.*`) alike, declares what it gives
the shared registries in its AppConfig, with a `contributions()` method:

    class EventsConfig(AppConfig):
        name = "plugins.events"
        label = "events"

        def contributions(self):
            from .occurrences import events_source

            return Contributions(
                calendar_sources=(events_source,),
                search_sources=(SearchSource(kind="events", label=_("Events"), ...),),
                demo="plugins.events.demo",
            )

The core reads the manifests of the installed apps once, in INSTALLED_APPS order, when a
registry is first asked (`collected()`); nothing else registers. The registries in
`cms.core` (search sources, calendar, personal data, front-cache moments, public URLs,
extension points, open data, the demo) ask this module.

Per-site switches: a plugin contributes only on the sites whose profile lists it
(`app_enabled`). The core applies the switch to what it collects (calendar and search
sources, extension points, public URLs, the plugin's page types), so a plugin cannot forget
it; content apps are always on.
"""

import contextlib
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.http import Http404, HttpRequest
from django.urls import URLPattern, URLResolver


@dataclass(frozen=True)
class UserData:
    """Personal data an app stores about a citizen: `exporter(user) -> dict | list` returns
    JSON-serialisable data for "download my data"; `eraser(user, remove_content)` deletes or
    anonymises it for "delete my account" (`remove_content`: the citizen also asked to remove
    what they wrote). Erasers run before the user row is deleted."""

    label: str
    exporter: object
    eraser: object


@dataclass(frozen=True)
class Moments:
    """`model`'s objects look different once the time in one of `fields` passes (nothing is
    saved then): the front-cache scheduler purges them. `tags(obj)` gives the tags to purge;
    by default the object's own. See cms.core.frontcache."""

    model: type
    fields: tuple
    tags: object = None


@dataclass(frozen=True)
class Extension:
    """A filler of the named extension point `point` (cms.core.extensions): `render(*args)`
    returns HTML or "". With `page_types` ("app_label.ModelName"), only pages of those types
    (and their subclasses) carry it; empty, any page does."""

    point: str
    render: object
    page_types: tuple = ()


@dataclass(frozen=True)
class OpenDataExport:
    """Open data that pages of `page_type` publish at `formats` ({"csv": "data/csv/"}: the
    format and its path below the page's URL)."""

    page_type: str
    formats: dict

    def urls(self, page):
        """{format: URL} of `page`'s export (empty when the page has no URL)."""
        base = page.get_url()
        if base is None:
            return {}
        return {fmt: base + suffix for fmt, suffix in self.formats.items()}


@dataclass(frozen=True)
class Contributions:
    """What one app contributes. Every field is optional.

    - `search_sources`: `SearchSource`s (cms.core.search_sources), each with its label.
    - `calendar_sources`: callables `fn(site, locale, start, end) -> [Occurrence]`.
    - `calendar_kinds`: {occurrence kind: translatable label} of the kinds its sources
      return ("milestone": "action plan milestone"), for calendars that show them.
    - `userdata`: `UserData` entries (personal-data export and erasure).
    - `moments`: `Moments` declarations (time-driven front-cache purges).
    - `public_urls`: dotted path of a URLconf module (its `urlpatterns`, namespaced by its
      `app_name` if it has one) mounted under the language prefix (`/uk/...`).
    - `extensions`: `Extension` fillers of the core's extension points.
    - `open_data`: `OpenDataExport`s of the app's pages.
    - `demo`: dotted path of the module whose `build(log)` creates the app's demo content;
      `demo_order`: when it runs (lower first; sites are built at 0).
    """

    search_sources: tuple = ()
    calendar_sources: tuple = ()
    calendar_kinds: dict = field(default_factory=dict)
    userdata: tuple = ()
    moments: tuple = ()
    public_urls: str = ""
    extensions: tuple = ()
    open_data: tuple = ()
    demo: str = ""
    demo_order: int = 100


@dataclass(frozen=True)
class Manifest:
    """An installed app's contributions, with the app's label."""

    app_label: str
    contributions: Contributions = field(default_factory=Contributions)


@cache
def _collect():
    found = []
    for config in apps.get_app_configs():
        declare = getattr(config, "contributions", None)
        if declare is None:
            continue
        contributions = declare()
        if not isinstance(contributions, Contributions):
            raise TypeError(f"{config.name}: contributions() must return a Contributions")
        found.append(Manifest(config.label, contributions))
    return tuple(found)


_temporary = []


def collected():
    """The manifests of the installed apps, in INSTALLED_APPS order (read once)."""
    return (*_collect(), *_temporary)


@contextlib.contextmanager
def contribute_temporarily(app_label, contributions):
    """Add `contributions` as if the app `app_label` declared them (for tests)."""
    manifest = Manifest(app_label, contributions)
    _temporary.append(manifest)
    try:
        yield manifest
    finally:
        _temporary.remove(manifest)


def contributed(name):
    """(app_label, item) for every item of the field `name` of every manifest, in order."""
    return [
        (manifest.app_label, item)
        for manifest in collected()
        for item in getattr(manifest.contributions, name)
    ]


# Per-site switches


def moment_declarations():
    """What apps declared in their manifests' `moments` (cms.core.manifest.Moments): how an
    object looks changes when the time in one of `fields` passes (a consultation opening and
    closing, an event ending, a milestone's end date): nothing is saved at that moment, so
    the scheduler (`send_front_cache_purges`, every minute) purges what shows each object
    whose moment passed since its previous run.

    A DateTimeField's moment is its value; a DateField's is the start of the next day (in
    each site's time zone). `tags(obj)` gives the tags to purge; by default the object's own
    (`page-<id>` for a page: its page and every listing that shows it). Returns (model,
    fields, tags function or None) triples; cms.frontcache.moments purges them.
    """
    return [(item.model, tuple(item.fields), item.tags) for _, item in contributed("moments")]


def is_plugin(app_label):
    """Whether `app_label` is an installed plugin (switched per site); content apps and
    labels of no installed app are not."""
    try:
        config = apps.get_app_config(app_label)
    except LookupError:
        return False
    return config.name.startswith("plugins.")


def installed_plugins():
    """The labels of the installed plugins."""
    return {config.label for config in apps.get_app_configs() if config.name.startswith("plugins.")}


def profile_of(where):
    """The municipality profile of a request, Site, page or profile (None: the default)."""
    from wagtail.models import Page, Site

    from cms.core.profiles import Profile, default_profile
    from cms.core.sites import profile_for_page, profile_for_request, profile_for_site

    if isinstance(where, Profile):
        return where
    if isinstance(where, HttpRequest):
        return profile_for_request(where)
    if isinstance(where, Site):
        return profile_for_site(where)
    if isinstance(where, Page):
        return profile_for_page(where)
    return default_profile()


def app_enabled(where, app_label):
    """Whether the app `app_label` contributes on the site of `where` (a request, Site,
    page or profile): content apps always; a plugin when the site's profile lists it."""
    if not is_plugin(app_label):
        return True
    return app_label in profile_of(where).plugins


def _where(args):
    """The request among extension-point arguments, else the page, else None."""
    from wagtail.models import Page

    for arg in args:
        if isinstance(arg, HttpRequest):
            return arg
    return next((arg for arg in args if isinstance(arg, Page)), None)


def _carries(extension, args):
    if not extension.page_types:
        return True
    from wagtail.models import Page

    page = next((arg for arg in args if isinstance(arg, Page)), None)
    if page is None:
        return False
    page_class = page.specific_class or type(page)
    return any(issubclass(page_class, apps.get_model(label)) for label in extension.page_types)


def extension_fillers(point, *args):
    """The render functions filling `point` for these arguments: of apps enabled on the
    site of the request (or page) among `args`, and for the page's type."""
    where = _where(args)
    return [
        extension.render
        for app_label, extension in contributed("extensions")
        if extension.point == point and app_enabled(where, app_label) and _carries(extension, args)
    ]


def _only_where_enabled(view, app_label):
    def view_where_enabled(request, *args, **kwargs):
        if not app_enabled(request, app_label):
            raise Http404
        return view(request, *args, **kwargs)

    view_where_enabled.__name__ = getattr(view, "__name__", "view")
    view_where_enabled.__doc__ = view.__doc__
    view_where_enabled.__wrapped__ = view
    for attribute in ("csrf_exempt", "login_required"):
        if hasattr(view, attribute):
            setattr(view_where_enabled, attribute, getattr(view, attribute))
    return view_where_enabled


def switched(patterns, app_label):
    """`patterns` whose views answer 404 on a site where the plugin `app_label` is off."""
    if not is_plugin(app_label):
        return list(patterns)
    result = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            resolver = URLResolver(
                pattern.pattern,
                switched(pattern.url_patterns, app_label),
                pattern.default_kwargs,
                pattern.app_name,
                pattern.namespace,
            )
            result.append(resolver)
        elif isinstance(pattern, URLPattern):
            result.append(
                URLPattern(
                    pattern.pattern,
                    _only_where_enabled(pattern.callback, app_label),
                    pattern.default_args,
                    pattern.name,
                )
            )
        else:
            result.append(pattern)
    return result


def public_urlpatterns():
    """Every app's public URL patterns, each honouring its app's per-site switch."""
    from django.urls import include, path

    patterns = []
    for manifest in collected():
        module = manifest.contributions.public_urls
        if module:
            patterns += switched([path("", include(module))], manifest.app_label)
    return patterns


def page_served_on(page, request):
    """Whether the site of `request` enables the app that defines `page`'s type."""
    page_class = page.specific_class or type(page)
    return app_enabled(request, page_class._meta.app_label)


def open_data_exports():
    """(app_label, OpenDataExport) of every installed app."""
    return contributed("open_data")


def demo_builders():
    """The dotted module paths of the installed apps' demo builders, in build order."""
    builders = [
        (manifest.contributions.demo_order, index, manifest.contributions.demo)
        for index, manifest in enumerate(collected())
        if manifest.contributions.demo
    ]
    return [module for _, _, module in sorted(builders)]
