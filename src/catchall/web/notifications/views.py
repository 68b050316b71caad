"""The e-mail preferences page: each person turns categories of e-mail on or off."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from catchall.core.errors import InputError
from catchall.web.accounts.decorators import role_required
from catchall.web.notifications.services import (
    CATEGORIES,
    categories_for,
    disabled_for,
    preferences_save,
)


@require_http_methods(["GET", "POST"])
@role_required()
def preferences_page(request: HttpRequest) -> HttpResponse:
    offered = categories_for(request.user)
    errors = []
    if request.method == "POST":
        try:
            preferences_save(user=request.user, enabled=request.POST.getlist("categories"))
        except InputError as exc:
            errors = [{"field": "categories", "message": p.message} for p in exc.problems]
        else:
            messages.success(request, "Your e-mail choices are saved.")
            return redirect("notification-preferences")
    off = disabled_for(request.user)
    return render(
        request,
        "notifications/preferences.html",
        {
            "choices": [(c, CATEGORIES[c], c not in off) for c in offered],
            "address": request.user.email,
            "errors": errors,
            "error_fields": {e["field"]: e["message"] for e in errors},
        },
        status=422 if errors else 200,
    )
