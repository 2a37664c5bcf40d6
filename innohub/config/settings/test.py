"""Settings for the test suite: the database comes from DATABASE_URL (SQLite by default)."""

import os
import tempfile

os.environ.setdefault("INNOHUB_DATA_DIR", tempfile.mkdtemp(prefix="innohub-test-"))

from .base import *  # noqa: F403
from .base import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["TEST"] = {"NAME": None}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # An on-disk test database, so that concurrency tests can use several connections.
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(os.environ["INNOHUB_DATA_DIR"], "test.sqlite3")
    }
