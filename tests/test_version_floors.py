"""Security floors of the dependencies: the suite fails when a pin or an installed package
falls below the release that fixed its published advisories.

Vulnerability databases cannot be reached from here, so the floors are written down, each
with the advisories it answers (from the projects' release notes and security notices).
Raise a floor when a new advisory is published; never lower one.
"""

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]

FLOORS = {
    "django": (
        "5.2.17",
        "5.2.13: CVE-2026-3902, -33033, -33034, -4277, -4292; 5.2.16: CVE-2026-48588, "
        "-53877, -53878; 5.2.17: CVE-2026-15307, -15337, -15830, -15920",
    ),
    "wagtail": (
        "7.4",
        "7.3.2/7.4: permission advisories GHSA-67rv-mg8q-5pf3 (copying pages), "
        "GHSA-c4mr-889m-vgf6 (page history), GHSA-c6wj-9vcj-75pj (revision comparison), "
        "GHSA-p5gm-92h4-6pv6 (documents and images API), GHSA-pwm3-7fv4-g6xx (form "
        "submissions); CVE-2026-44197",
    ),
    "wagtail-localize": (
        "1.14.5",
        "no advisory published; the first release declaring Wagtail 8, which the Wagtail "
        "floor needs",
    ),
    "django-allauth": (
        "65.19.4",
        "65.13.0: CVE-2025-65430, -65431; 65.14.2: X-Forwarded-For no longer trusted for "
        "rate limits; 65.19.4: CVE-2026-97764",
    ),
    "pillow": (
        "12.3.0",
        "12.1.1: CVE-2026-25990 (PSD out-of-bounds write); 12.2.0: CVE-2026-40192 (FITS "
        "decompression bomb); 12.3.0: CVE-2026-54059, -54060, -55379, -55380, -55798",
    ),
    "gunicorn": (
        "23.0.0",
        "22.0.0: CVE-2024-1135; 23.0.0: CVE-2024-6827 (request smuggling through "
        "Transfer-Encoding)",
    ),
    "whitenoise": (
        "6.0",
        "no advisory published; 6.x refuses non-canonical paths (tests/test_static_paths.py)",
    ),
}
#: nh3 sanitises citizen text with the Rust crate ammonia, built into its binary: the floor
#: is ammonia's.
AMMONIA_FLOOR = (
    "4.1.4",
    "4.1.2: RUSTSEC-2025-0071; 4.1.3: RUSTSEC-2026-0193 (mXSS through MathML); 4.1.4: "
    "RUSTSEC-2026-0213 (javascript: in SVG animate/set)",
)


def _pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    return {
        Requirement(line).name.lower(): Requirement(line).specifier for line in requirements
    }


@pytest.mark.parametrize("package", sorted(FLOORS))
def test_installed_version_is_not_below_its_security_floor(package):
    floor, why = FLOORS[package]
    installed = Version(metadata.version(package))
    assert installed >= Version(floor), f"{package} {installed} < {floor}: {why}"


@pytest.mark.parametrize("package", sorted(FLOORS))
def test_pinned_version_is_not_below_its_security_floor(package):
    floor, why = FLOORS[package]
    specifier = _pins().get(package)
    if specifier is None:
        pytest.skip(f"{package} is not pinned directly (installed as a dependency)")
    pinned = [Version(spec.version) for spec in specifier if spec.operator == "=="]
    assert pinned, f"{package} must be pinned with =="
    assert pinned[0] >= Version(floor), f"{package} pinned {pinned[0]} < {floor}: {why}"


def test_the_ammonia_inside_nh3_is_not_below_its_security_floor():
    import nh3

    binary = next(Path(nh3.__file__).parent.glob("nh3*.so"))
    versions = set(re.findall(rb"ammonia-(\d+\.\d+\.\d+)", binary.read_bytes()))
    assert versions, "nh3's binary names the ammonia it was built with"
    floor, why = AMMONIA_FLOOR
    for version in versions:
        assert Version(version.decode()) >= Version(floor), f"ammonia {version} < {floor}: {why}"
