from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


def health(request: HttpRequest) -> HttpResponse:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


class LoginView(auth_views.LoginView):
    """Log in; only where demo data was loaded (`serve --demo`) does the page list demo users."""

    def get_context_data(self, **kwargs):
        from catchall.web.demo import demo_users_listing

        ctx = super().get_context_data(**kwargs)
        ctx["demo_users"] = demo_users_listing()
        return ctx
