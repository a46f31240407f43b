"""The quick start and development: `make run` uses this module."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "0.0.0.0"])
# Serve static files straight from static/ and the apps while developing.
WHITENOISE_AUTOREFRESH = True
