"""Settings for a deployment behind a TLS-terminating proxy; see docs/deploy.md."""

from innohub.config.env import envbool, envint

from .base import *  # noqa: F403
from .base import DEBUG

if DEBUG:
    raise RuntimeError("DEBUG must be off in production settings.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
# Behind N trusted proxies the client address comes from X-Forwarded-For (login lock-out).
AXES_IPWARE_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 1)
AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
# /healthz and /readyz are probed over plain HTTP by the load balancer on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
# Preloading is a commitment of the whole domain that a deployment makes for itself
# (SECURE_HSTS_PRELOAD=true); the default must not make it on its behalf.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
STORAGES = {
    **STORAGES,  # noqa: F405 - uploads: STORAGE_BACKEND / STORAGE_OPTIONS from base
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
