"""The settings of the test run: the portal's own, in development mode.

Without DJANGO_DEBUG=true the portal runs in production mode (issue 13, finding 3). pytest-django loads the
settings before any conftest.py, so the development mode is asked for here, in the module that pyproject.toml
names (DJANGO_SETTINGS_MODULE). The variable stays in the environment: the processes a test starts inherit it,
and the tests that start production-like processes set DJANGO_DEBUG=false themselves (tests/processes.py).
"""

import os

os.environ["DJANGO_DEBUG"] = "true"

from solidarites.settings import *  # noqa: E402, F403

# The processes a test starts load the portal's own settings, with the mode the test gives them (DJANGO_DEBUG=false
# for the production-like ones; else inherited from here).
os.environ["DJANGO_SETTINGS_MODULE"] = "solidarites.settings"
