"""WSGI entry point for deployment behind gunicorn or another WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catchall.web.settings")
application = get_wsgi_application()
