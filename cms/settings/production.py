"""Production: every secret and endpoint is required from the environment."""

import os

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")  # noqa: F405
if not ALLOWED_HOSTS:
    raise RuntimeError("ALLOWED_HOSTS must name the municipalities' host names")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")  # noqa: F405
SITE_PORT = int(os.environ.get("SITE_PORT", "443"))

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Production runs behind the shipped nginx (gunicorn listens on 127.0.0.1 only).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT


def env_flag(name, default):
    """A yes/no variable: "1", "true", "yes", "on" (any case) mean yes; unset: the default."""
    value = os.environ.get(name, "").strip()
    return value.lower() in ("1", "true", "yes", "on") if value else default


# HTTPS: safe defaults, each settable from the environment (a test machine without a
# certificate: SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0).
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = env_flag("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_flag("CSRF_COOKIE_SECURE", True)
# Documents: the download view checks who may have the file, then nginx sends it
# (X-Accel-Redirect to the `internal` location /media/documents/ of site/deploy/nginx.conf).
# SENDFILE_BACKEND= (empty) streams files through Django instead, e.g. without nginx.
SENDFILE_BACKEND = os.environ.get("SENDFILE_BACKEND", "django_sendfile.backends.nginx") or None
# As the storage computes file paths (absolute, normalised), whatever MEDIA_ROOT says.
SENDFILE_ROOT = os.path.join(os.path.abspath(MEDIA_ROOT), "documents")  # noqa: F405
SENDFILE_URL = os.environ.get("DOCUMENTS_ACCEL_REDIRECT_PREFIX", "/media/documents")
EMAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
# With the database queue, mails are queued and sent by the worker, tried again while the
# mail server is down (cms.ops.mail): a request never fails on it, no mail is dropped.
QUEUED_MAIL = TASKS["default"]["BACKEND"].startswith("django_tasks_db")  # noqa: F405
if QUEUED_MAIL and EMAIL_DELIVERY_BACKEND.endswith("smtp.EmailBackend"):
    EMAIL_BACKEND = "cms.ops.mail.QueuedEmailBackend"
else:
    EMAIL_BACKEND = EMAIL_DELIVERY_BACKEND
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")  # noqa: F405
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING["handlers"]["console"]["formatter"] = "json" if LOG_FORMAT == "json" else "text"  # noqa: F405
