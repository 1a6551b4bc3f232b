import os
from pathlib import Path

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # nosec B105  # the test settings' own key
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The browser tests' server writes mail to files the tests read; pytest keeps it in memory.
if os.environ.get("EMAIL_FILE_PATH"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
else:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "test-media"))  # noqa: F405
# pytest-xdist (`make test` runs two workers): each worker its own media folder and its own
# Redis database, so that one worker's clean-up never empties the other's.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if WORKER:
    if "MEDIA_ROOT" not in os.environ:  # a test's subprocess names its own
        MEDIA_ROOT = MEDIA_ROOT / WORKER
    if os.environ.get("REDIS_URL"):
        CACHES["default"]["LOCATION"] = (  # noqa: F405
            os.environ["REDIS_URL"].rsplit("/", 1)[0] + f"/{int(WORKER.removeprefix('gw')) + 1}"
        )
# Django serves public media in tests as under `make run` (cms.core.media), so tests see it.
SERVE_MEDIA = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
