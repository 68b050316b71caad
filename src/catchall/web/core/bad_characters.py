"""Form fields and query parameters holding a NUL character, refused before any page sees them.

A NUL is legal in a URL and in a form but not in PostgreSQL text: a note, a token's name or a
filter value with one would be stored on SQLite and fail on PostgreSQL (HTTP 500). The API
refuses them in its own error shape (api/params.py, core/document_check.py); this does the same for the
pages, as a 422 page that names each field, before a view reads the request. Uploaded files'
contents are not form fields and are not looked at here.
"""

from __future__ import annotations

from django.shortcuts import render

NUL = "\x00"


# parameter names whose words would not say what they are
LABELS = {"q": "The search", "document": "The application or item", "body": "The text"}


def _label(name: str) -> str:
    name = name.replace(NUL, "")
    if name in LABELS:
        return LABELS[name]
    words = name.replace("_", " ").replace("-", " ").strip() or "A field"
    return words[:1].upper() + words[1:]


def nul_fields(request) -> list[str]:
    """The names of the query parameters and form fields whose name or value holds a NUL."""
    found: list[str] = []
    sources = [request.GET]
    if request.method == "POST":
        sources.append(request.POST)
    for data in sources:
        for name, values in data.lists():
            if (NUL in name or any(NUL in v for v in values)) and name not in found:
                found.append(name)
    return found


class RefuseNulMiddleware:
    """After the CSRF check (a forged request is refused as such), before the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith("/api/"):
            return None  # the API answers in its own error shape
        names = nul_fields(request)
        if not names:
            return None
        errors = [
            {
                "field": "",
                "message": f"{_label(n)} contains a NUL character (an invisible control "
                "character, often pasted from another program): remove it and send it again",
            }
            for n in names
        ]
        return render(request, "core/bad_input.html", {"bad_input": errors}, status=422)
