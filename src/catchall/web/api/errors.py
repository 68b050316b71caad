"""One error shape for every API endpoint: ``{"error": ..., "problems": [{"field", "message"}]}``."""

from __future__ import annotations

from typing import Any

from catchall.web.api.body import read_json_body

__all__ = ["ninja_problems", "read_json_body"]


def ninja_problems(errors: list[dict[str, Any]]) -> dict[str, Any]:
    """Translate django-ninja's validation errors into our shape."""
    problems = []
    for err in errors:
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "payload")]
        problems.append({"field": ".".join(loc), "message": err.get("msg", "invalid")})
    return {"error": "invalid input", "problems": problems}
