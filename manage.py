#!/usr/bin/env python
"""Django's command-line utility, which first loads the settings so that a start-up error reads as one message.

Django's command runner swallows an ImproperlyConfigured raised while the settings load (they start the
embedded PostgreSQL) and fails later with AppRegistryNotReady; here the message is printed alone, exit code 1.
"""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarites.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    from solidarites.embedded_db import EmbeddedDatabaseError

    try:
        settings.INSTALLED_APPS  # noqa: B018 -- loads the settings now
    except (ImproperlyConfigured, EmbeddedDatabaseError) as error:
        sys.exit(str(error))
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
