"""Settings for the test suite. DATABASE_URL / REDIS_URL come from the environment
exactly as in the other modules: `.ci/run` points them at PostgreSQL and Redis."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks queued by views run in-process so a test sees their effect; the test of the
# real worker (tests/test_celery_worker.py) switches eagerness off for itself.
CELERY_TASK_ALWAYS_EAGER = True
ACCOUNT_RATE_LIMITS = False
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default="/tmp/health-clubs-test-media")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WHITENOISE_AUTOREFRESH = True
