"""Start-up checks of the site profiles (`manage.py check`, run before every command)."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from cms.core.manifest import installed_plugins
from cms.core.profiles import PROFILE_DIR, all_profiles


def available_plugins():
    """The plugins this code base has (a package under plugins/ with an apps.py)."""
    plugins_dir = settings.BASE_DIR / "plugins"
    return {path.parent.name for path in plugins_dir.glob("*/apps.py")}


@register()
def profiles_name_known_plugins(app_configs, **kwargs):
    """A profile that names a plugin which does not exist is an error (a typo would switch
    the plugin off without a word); one that this installation leaves out (the PLUGINS
    environment variable) is a warning."""
    available, installed = available_plugins(), installed_plugins()
    problems = []
    for profile in all_profiles():
        where = PROFILE_DIR / f"{profile.slug}.toml"
        for name in profile.plugins:
            if name not in available:
                problems.append(
                    Error(
                        f"The site profile {profile.slug!r} enables the plugin {name!r}, "
                        "which does not exist.",
                        hint=f"Fix `plugins` in {where}; the plugins are: "
                        f"{', '.join(sorted(available))}.",
                        id="hromada.E001",
                    )
                )
            elif name not in installed:
                problems.append(
                    Warning(
                        f"The site profile {profile.slug!r} enables the plugin {name!r}, "
                        "which this installation does not install.",
                        hint="Add it to the PLUGINS environment variable, or leave it out.",
                        id="hromada.W001",
                    )
                )
    return problems
