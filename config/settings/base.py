"""Settings shared by every environment, read from the environment (django-environ).

The quick start needs nothing set: SQLite in the project folder, Celery running
tasks eagerly, cache in local memory. Setting DATABASE_URL and REDIS_URL switches to
PostgreSQL, a real Redis broker and a Redis cache — the same code either way.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications ---------------------------------------------------------------
DJANGO_APPS = [
    "core.admin_config.PortalAdminConfig",  # django.contrib.admin with Jalali dates
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
]
THIRD_PARTY_APPS = [
    "allauth",
    "allauth.account",
    "import_export",
    "simple_history",
    "rest_framework",
]
LOCAL_APPS = [
    "core",
    "accounts",
    "regions",
    "clubs",
    "clubs.rollout",
    "forums",
    "surveys",
    "reports",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.JalaliLocaleMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
            ],
            "builtins": ["core.templatetags.persian"],
        },
    },
]

# Forms render through the project's templates (templates/django/forms/: Bootstrap markup).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Data -------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- People -----------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"

# allauth: username or e-mail with a password; accounts are created by admins only.
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"login": "accounts.forms.LoginForm"}
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env(
    "DJANGO_DEFAULT_FROM_EMAIL", default="سامانه کانون سلامت محله <noreply@localhost>"
)

# --- Language, calendar -------------------------------------------------------------
# Persian for everyone, whatever language the browser asks for: the strings are
# Persian gettext messages, so an English catalogue can follow (then add
# django.middleware.locale.LocaleMiddleware and a language switch).
LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", _("Persian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files -----------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# --- Celery -------------------------------------------------------------------------
# With no broker configured, tasks run in the calling process (the quick start).
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 60 * 60 * 24
CELERY_BEAT_SCHEDULE: dict = {}
# Clubs: active clubs with no meeting in 60 days become dormant (daily, 02:30 Tehran).
CELERY_BEAT_SCHEDULE["clubs-mark-dormant"] = {
    "task": "clubs.mark_dormant_clubs",
    "schedule": crontab(hour=2, minute=30),
}
# Forums: once a day, flag issues referred up and not acted on by their due date.
CELERY_BEAT_SCHEDULE["forums-flag-overdue-issues"] = {
    "task": "forums.flag_overdue_issues",
    "schedule": 60 * 60 * 24,
}
# Forums: once a day, a forum for every neighborhood that got its first club.
CELERY_BEAT_SCHEDULE["forums-sync"] = {"task": "forums.sync_forums", "schedule": 60 * 60 * 24}
# Rollout: let the evidence rules propose checklist items and refresh each club's
# progress summary, every night at 03:00 Tehran time (idempotent; clubs/rollout/tasks.py).

CELERY_BEAT_SCHEDULE["rollout-sync-all-clubs"] = {
    "task": "rollout.sync_all_clubs",
    "schedule": crontab(hour=3, minute=0),
}
CELERY_BEAT_SCHEDULE["rollout-cleanup-exports"] = {
    "task": "rollout.cleanup_exports",
    "schedule": crontab(hour=4, minute=0),
}

# --- Import / export ----------------------------------------------------------------
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}

# surveys: close the data-collection campaigns whose period is over.
CELERY_BEAT_SCHEDULE["surveys-close-ended-campaigns"] = {
    "task": "surveys.close_ended_campaigns",
    "schedule": 60 * 60 * 6,
}
# --- Reports (reports/) -------------------------------------------------------------
# Every night the previous Jalali month's and season's monitoring reports are made
# (Tehran time); a run after missed days catches up this many periods back.
CELERY_BEAT_SCHEDULE["reports-daily"] = {
    "task": "reports.daily",
    "schedule": __import__("celery.schedules", fromlist=["crontab"]).crontab(hour=1, minute=30),
}
REPORTS_CATCH_UP_MONTHS = env.int("REPORTS_CATCH_UP_MONTHS", default=2)
REPORTS_CATCH_UP_SEASONS = env.int("REPORTS_CATCH_UP_SEASONS", default=1)
# Links in e-mails (reports ready) point here.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
