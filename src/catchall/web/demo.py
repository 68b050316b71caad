"""Demo data for the embedded default, loaded by ``catchall serve`` (idempotent).

Returns the lines to print, so a newcomer knows how to log in and what to try.
"""

from __future__ import annotations


def load_demo() -> list[str]:
    lines = [
        "Demo: open http://127.0.0.1:8000/classify/ to classify an item;",
        "      the API is documented at http://127.0.0.1:8000/api/docs",
    ]
    return lines
