"""Each municipality's look, from the `[identity]` table of its profile: a crest (an SVG
among the theme's static files, and a PNG touch icon), a primary colour with the colour of
text on it, and an accent colour.

The colours reach pages as CSS custom properties in a small stylesheet per site
(`/theme.css`), never in a `style=` attribute (the Content-Security-Policy forbids inline
styles). A system check refuses to start when text on a profile's colours would fail WCAG
2.1 AA (4.5:1).
"""

import hashlib
import io
import re
from dataclasses import dataclass
from functools import cache

from django.contrib.staticfiles import finders
from django.core import checks
from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from cms.core.profiles import all_profiles
from cms.core.sites import profile_for_request

#: WCAG 2.1 AA minimum contrast for normal-size text.
AA_TEXT_CONTRAST = 4.5
DEFAULTS = {"primary": "#0b3d6e", "text_on_primary": "#ffffff", "accent": "#ffbf47"}
HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
ICON_SIZES = [(16, 16), (32, 32), (48, 48)]


def parse_colour(value):
    """(r, g, b) of a `#rgb` or `#rrggbb` colour; ValueError for anything else."""
    if not isinstance(value, str) or not HEX_COLOUR.match(value):
        raise ValueError(value)
    digits = value[1:]
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))


def relative_luminance(colour):
    """WCAG 2.1 relative luminance of a `#rrggbb` colour."""

    def channel(value):
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in parse_colour(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first, second):
    """WCAG 2.1 contrast ratio of two colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(colour, other, share):
    """`colour` moved `share` (0 to 1) of the way towards `other`, as `#rrggbb`."""
    a, b = parse_colour(colour), parse_colour(other)
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b, strict=True))


@dataclass(frozen=True)
class Identity:
    """A municipality's crest and colours, ready for templates and the site stylesheet."""

    crest: str
    touch_icon: str
    primary: str
    text_on_primary: str
    accent: str

    @property
    def primary_dark(self):
        """The menu bar's colour: the primary colour deepened away from its text colour."""
        light_text = relative_luminance(self.text_on_primary) > relative_luminance(self.primary)
        return mix(self.primary, "#000000" if light_text else "#ffffff", 0.25)

    def text_pairs(self):
        """(what, text colour, background) of every pair the theme writes text in."""
        return [
            ("text_on_primary on primary", self.text_on_primary, self.primary),
            ("text_on_primary on the menu bar", self.text_on_primary, self.primary_dark),
        ]

    def stylesheet(self):
        return (
            ":root {\n"
            f"  --brand: {self.primary};\n"
            f"  --brand-dark: {self.primary_dark};\n"
            f"  --brand-text: {self.text_on_primary};\n"
            f"  --accent: {self.accent};\n"
            "}\n"
        )

    @property
    def version(self):
        """Changes whenever the stylesheet does: browsers may keep it for a year."""
        return hashlib.sha256(self.stylesheet().encode()).hexdigest()[:12]


def identity_of(profile):
    values = {**DEFAULTS, **profile.identity}
    return Identity(
        crest=values.get("crest", ""),
        touch_icon=values.get("touch_icon", ""),
        primary=values["primary"],
        text_on_primary=values["text_on_primary"],
        accent=values["accent"],
    )


def profile_errors(profile):
    """What is wrong with `profile`'s identity, as readable sentences."""
    identity = identity_of(profile)
    errors = []
    for key in ("primary", "text_on_primary", "accent"):
        try:
            parse_colour(getattr(identity, key))
        except ValueError:
            errors.append(
                f"[identity] {key} = {getattr(identity, key)!r} is not a colour: "
                'write it as "#rrggbb".'
            )
    if errors:
        return errors
    for what, text, background in identity.text_pairs():
        ratio = contrast_ratio(text, background)
        if ratio < AA_TEXT_CONTRAST:
            errors.append(
                f"{what} ({text} on {background}) has a contrast of {ratio:.2f}:1; WCAG 2.1 AA "
                f"needs at least {AA_TEXT_CONTRAST}:1. Choose a darker or lighter primary "
                "colour or another text_on_primary."
            )
    for key in ("crest", "touch_icon"):
        path = getattr(identity, key)
        if path and not finders.find(path):
            errors.append(f"[identity] {key} = {path!r} is not among the static files.")
    return errors


@checks.register("hromada")
def check_identities(app_configs=None, profiles=None, **kwargs):
    """System check: every profile's colours are valid and readable (WCAG AA)."""
    return [
        checks.Error(
            f"Site profile {profile.slug!r}: {message}",
            hint="Edit the [identity] table of its file in site/.",
            id="hromada.E001",
        )
        for profile in (all_profiles() if profiles is None else profiles)
        for message in profile_errors(profile)
    ]


@require_GET
@cache_control(public=True, max_age=365 * 24 * 3600, immutable=True)
def theme_css(request):
    """This site's colours as CSS custom properties (linked with its version in the URL)."""
    identity = identity_of(profile_for_request(request))
    return HttpResponse(identity.stylesheet(), content_type="text/css; charset=utf-8")


@cache
def _touch_icon_png(path, primary):
    """The shipped PNG, or a square of the primary colour when the profile has none."""
    from PIL import Image

    found = finders.find(path) if path else None
    if found:
        with open(found, "rb") as file:
            return file.read()
    out = io.BytesIO()
    Image.new("RGB", (180, 180), parse_colour(primary)).save(out, format="PNG")
    return out.getvalue()


@cache
def _favicon_ico(path, primary):
    from PIL import Image

    image = Image.open(io.BytesIO(_touch_icon_png(path, primary)))
    out = io.BytesIO()
    image.save(out, format="ICO", sizes=ICON_SIZES)
    return out.getvalue()


@require_GET
@cache_control(public=True, max_age=24 * 3600)
def favicon_ico(request):
    """`/favicon.ico`, which browsers ask for whatever the page links: the crest as an icon."""
    identity = identity_of(profile_for_request(request))
    return HttpResponse(
        _favicon_ico(identity.touch_icon, identity.primary), content_type="image/x-icon"
    )


@require_GET
@cache_control(public=True, max_age=24 * 3600)
def apple_touch_icon(request):
    """`/apple-touch-icon.png`, which phones ask for when a page is added to a home screen."""
    identity = identity_of(profile_for_request(request))
    return HttpResponse(
        _touch_icon_png(identity.touch_icon, identity.primary), content_type="image/png"
    )
