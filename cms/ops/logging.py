"""Structured logs: one JSON object a line, each with the request id of the request that
wrote it, and a filter that writes a failure once rather than once per request."""

import contextvars
import json
import logging
import threading
import time
from datetime import UTC, datetime

request_id_var = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    """Adds `request_id` (the X-Request-ID of the request being served, or "-")."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """time, level, logger, message, request_id, and the traceback when there is one."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        status = getattr(record, "status_code", None)
        if status:
            entry["status"] = status
        if getattr(record, "repeats_suppressed", 0):
            entry["repeats_suppressed"] = record.repeats_suppressed
        if record.exc_info:
            entry["exception"] = record.exc_info[0].__name__
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class OncePerFailureFilter(logging.Filter):
    """Lets a failure (a record with an exception) through once per `seconds` for the same
    logger and family of exceptions (the outermost class below Exception: Django's database
    Error, Redis's RedisError, OSError): a database or Redis outage is logged once, not on
    every request it spoils, whichever error each request met. The next one let through
    says how many were held back."""

    def __init__(self, seconds=300):
        super().__init__()
        self.seconds = seconds
        self._seen = {}
        self._lock = threading.Lock()

    def filter(self, record):
        if not record.exc_info or record.exc_info[0] is None:
            return True
        mro = record.exc_info[0].__mro__
        family = mro[-4] if len(mro) >= 4 else mro[0]
        key = (record.name, family.__module__, family.__qualname__)
        now = time.monotonic()
        with self._lock:
            last, held = self._seen.get(key, (None, 0))
            if last is not None and now - last < self.seconds:
                self._seen[key] = (last, held + 1)
                return False
            self._seen[key] = (now, 0)
        record.repeats_suppressed = held
        if held:
            record.msg = f"{record.msg} (and {held} more like it since the last report)"
        return True
