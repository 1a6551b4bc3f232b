"""cms.wsgi for tests/deploy/test_no_lost_submissions.py: every POST waits a moment before
Django handles it and again after Django has answered (its transaction committed, the
answer not yet sent), and leaves a file in HROMADA_TEST_INFLIGHT_DIR named after the worker
process while it is in flight. A worker killed with SIGKILL cannot remove its files: those
left behind are the requests that were in flight when it died. Test code only: production
serves `cms.wsgi`."""

import os
import time
import uuid
from pathlib import Path

from cms.wsgi import application as django_application

INFLIGHT = Path(os.environ["HROMADA_TEST_INFLIGHT_DIR"])
PAUSE = float(os.environ.get("HROMADA_TEST_POST_PAUSE", "0.25"))


def application(environ, start_response):
    if environ["REQUEST_METHOD"] != "POST":
        return django_application(environ, start_response)
    marker = INFLIGHT / f"{os.getpid()}-{uuid.uuid4().hex}"
    path = environ.get("PATH_INFO", "")
    try:
        marker.write_text(f"before {path}")
        time.sleep(PAUSE)
        response = django_application(environ, start_response)
        marker.write_text(f"answered {path}")
        time.sleep(PAUSE)
        return response
    finally:
        marker.unlink(missing_ok=True)
