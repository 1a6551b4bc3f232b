"""For a benchmark that builds its own data: imported just before `common`, it points Django
at a throwaway SQLite database in a temporary directory, removed when the benchmark ends,
unless DATABASE_URL names a database already (e.g. `./scripts/with-postgres ...`).

    import own_database  # noqa: F401
    from common import prepare_database
"""

import atexit
import os
import shutil
import tempfile

if not os.environ.get("DATABASE_URL"):
    _directory = tempfile.mkdtemp(prefix="hromada-bench-")
    atexit.register(shutil.rmtree, _directory, True)
    os.environ["DATABASE_URL"] = f"sqlite:///{_directory}/bench.sqlite3"
