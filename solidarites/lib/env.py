"""Typed readers for environment variables: a malformed value stops start-up with a clear message."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on", "oui", "vrai"}
FALSE_WORDS = {"0", "false", "no", "off", "non", "faux", ""}


def _raw(name):
    return os.environ.get(name)


def env_str(name, default=None):
    value = _raw(name)
    return default if value is None else value.strip()


def env_bool(name, default):
    value = _raw(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} n'est pas un booléen (attendu : true/false, 1/0, on/off).")


def env_int(name, default, *, minimum=None):
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} n'est pas un nombre entier.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} est trop petit (minimum : {minimum}).")
    return number


def env_list(name, default=()):
    value = _raw(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_secret(name, default=None):
    """Read NAME, or the content of the file named by NAME_FILE (Docker/systemd secrets)."""
    file_name = _raw(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text().strip()
        except OSError as error:
            raise ImproperlyConfigured(f"{name}_FILE={file_name!r} est illisible : {error}.") from None
    return env_str(name, default)
