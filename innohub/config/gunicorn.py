"""gunicorn settings of `innohub run` and of deployments (`-c python:innohub.config.gunicorn`)."""

threads = 4
timeout = 120
# The longest request line gunicorn accepts: a list filtered on every documented parameter at its
# maximum length (innohub.common.params), in a non-Latin script and percent-encoded, fits.
limit_request_line = 8190
