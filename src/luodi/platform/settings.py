"""Django settings of the platform; every deployment choice comes from a LUODI_* variable."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent

# Everything the platform writes (database, secret key, static files, demo accounts) lives in
# one directory outside the repository.
LUODI_DATA_DIR = Path(os.environ.get("LUODI_DATA_DIR", "./var/")).resolve()
# 0700: the directory holds the database (personal data) and the secret key.
LUODI_DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)


def _secret_key(data_dir: Path) -> str:
    """The key from LUODI_SECRET_KEY, else one generated on first start and kept 0600."""
    from_env = os.environ.get("LUODI_SECRET_KEY", "")
    if from_env:
        return from_env
    path = data_dir / "secret_key"
    try:
        # O_EXCL: two workers starting together must not overwrite each other's key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    key = secrets.token_urlsafe(64)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = _secret_key(LUODI_DATA_DIR)
DEBUG = os.environ.get("LUODI_DEBUG", "") == "1"
ALLOWED_HOSTS = _env_list("LUODI_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = _env_list("LUODI_CSRF_TRUSTED_ORIGINS", "")

_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
# Behind HTTPS (any public host name) cookies are secure and HSTS is on; on the loopback
# default a plain-HTTP `luodi serve` must still let people log in.
_public_default = "1" if any(host not in _LOOPBACK for host in ALLOWED_HOSTS) else "0"
LUODI_HTTPS = os.environ.get("LUODI_HTTPS", _public_default) == "1"

INSTALLED_APPS = [
    "luodi.platform.accounts.apps.LuodiAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "luodi.platform.accounts",
    "luodi.platform.registry",
    "luodi.platform.policies",
    "luodi.platform.cases",
    "luodi.platform.coordination",
    "luodi.platform.dialogue",
    "luodi.platform.surveys",
    "luodi.platform.scorecards",
    "luodi.platform.diagnosis",
    "luodi.platform.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "luodi.platform.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "luodi.platform.urls"
WSGI_APPLICATION = "luodi.platform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_DEFAULT_DATABASE = f"sqlite:///{LUODI_DATA_DIR / 'luodi.sqlite3'}"
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL", default=_DEFAULT_DATABASE, conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets gunicorn workers read while one writes; IMMEDIATE avoids "database is locked"
    # when a read transaction later tries to write.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
# The contract's timestamps are naive China Standard Time and the core reads these tables in
# place; Asia/Shanghai has no daylight saving, so naive local times are unambiguous.
# timezone.now() is then naive local time, since Django sets the process's TZ to TIME_ZONE.
USE_TZ = False

# Shared by the server's worker processes (a per-process memory cache would multiply the
# anonymous submission limit by the number of workers); kept with the other local data.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(LUODI_DATA_DIR / "cache"),
    }
}

STATIC_URL = "/static/"
STATIC_ROOT = LUODI_DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns on every start if it is missing
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# Security headers and cookies.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = LUODI_HTTPS
CSRF_COOKIE_SECURE = LUODI_HTTPS
LANGUAGE_COOKIE_SECURE = LUODI_HTTPS
if LUODI_HTTPS:
    # TLS ends at the reverse proxy, which must set X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("LUODI_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = False

# Logs carry status codes, paths and counts, never request bodies or personal fields: the
# request object is stripped before any handler sees it, and nothing e-mails error reports.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "drop_request": {"()": "luodi.platform.log_filters.DropRequestFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["drop_request"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "luodi": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
