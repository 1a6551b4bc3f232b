"""How apps join the site: through their manifests only, and along the plugin boundary."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings
from wagtail import hooks

from cms.core import calendar, search_sources, userdata
from cms.core.manifest import collected, moment_declarations

ROOT = Path(settings.BASE_DIR)
#: The registration calls that the manifests replaced.
OLD_CALLS = {"register_search_source", "register_calendar_source", "register_moments"}


def _python_files(*folders):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_no_app_registers_with_the_project_through_wagtail_hooks():
    hooks.search_for_hooks()
    project_hooks = [name for name in hooks._hooks if name.startswith("hromada_")]
    assert project_hooks == []


def test_no_code_calls_the_old_registration_functions():
    found = []
    for path in _python_files("cms", "plugins", "fixtures", "tests"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                owner = getattr(getattr(node.func, "value", None), "id", "")
                if name in OLD_CALLS or (owner == "userdata" and name == "register"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    assert found == []


def test_every_contribution_in_the_registries_comes_from_a_manifest():
    declared = {
        name: [item for manifest in collected() for item in getattr(manifest.contributions, name)]
        for name in ("search_sources", "calendar_sources", "userdata", "moments")
    }
    ids = {name: {id(item) for item in items} for name, items in declared.items()}
    assert {id(source) for source in search_sources.search_sources()} <= ids["search_sources"]
    assert calendar.calendar_sources() == declared["calendar_sources"]
    assert {id(source) for source in userdata.sources()} == ids["userdata"]
    assert len(moment_declarations()) == len(declared["moments"])


def test_cms_never_imports_a_plugin():
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in _python_files("cms")
        for module in _imported_modules(path)
        if module == "plugins" or module.startswith("plugins.")
    ]
    assert offenders == []


def test_plugins_never_import_each_other():
    offenders = []
    for plugin in sorted(path.parent for path in (ROOT / "plugins").glob("*/apps.py")):
        own = f"plugins.{plugin.name}"
        for path in _python_files(plugin.relative_to(ROOT)):
            for module in _imported_modules(path):
                if module.startswith("plugins.") and not (
                    module == own or module.startswith(own + ".")
                ):
                    offenders.append(f"{path.relative_to(ROOT)}: {module}")
    assert offenders == []


def test_manifests_are_read_in_installed_apps_order():
    labels = [manifest.app_label for manifest in collected()]
    order = [config.label for config in apps.get_app_configs()]
    assert labels == sorted(labels, key=order.index)
    assert {"accounts", "news", "archive", "actionplans", "search"} <= set(labels)
    assert {"comments", "consultations", "events"} <= set(labels)
