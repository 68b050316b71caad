"""WSGI entry point for deployment behind gunicorn or another WSGI server.

Every worker must sign sessions with the same key, so this refuses to start unless the key is
persistent: CATCHALL_SECRET_KEY, or CATCHALL_HOME/secret_key (which `catchall serve` and every
other `catchall` command create on first run).
"""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catchall.web.settings")

from django.conf import settings  # noqa: E402

if not getattr(settings, "CATCHALL_SECRET_KEY_PERSISTENT", True):
    raise ImproperlyConfigured(
        "no secret key: set CATCHALL_SECRET_KEY (the same value for every worker), or run "
        f"`catchall serve` once with this CATCHALL_HOME to create {settings.CATCHALL_HOME}/secret_key"
    )
application = get_wsgi_application()
