"""Party screening: normalise names, index lists, score candidates, explain matches.

Public API (see docs/screening.md):

- :class:`ScreeningIndex` — ``ScreeningIndex.build(entities, config)``, ``index.screen(query)``,
  ``index.screen_many(queries, workers=2)``
- :class:`ScreeningConfig` — thresholds and limits
- :func:`normalize_name`, :func:`name_variants` — what the engine makes of a name
- :func:`score_pair` — two names scored the way ``screen`` scores them

The engine is imported lazily so that importing the list importers stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from catchall.core.screening.compiled import install as _install_stale_guard

_install_stale_guard()  # before any compiled module is imported: never run a stale one

if TYPE_CHECKING:
    from catchall.core.screening.config import ScreeningConfig
    from catchall.core.screening.index import ScreeningIndex
    from catchall.core.screening.names import NameVariant, name_variants, normalize_name
    from catchall.core.screening.scoring import score_pair

__all__ = [
    "NameVariant",
    "ScreeningConfig",
    "ScreeningIndex",
    "name_variants",
    "normalize_name",
    "score_pair",
]

_HOMES = {
    "ScreeningConfig": "catchall.core.screening.config",
    "ScreeningIndex": "catchall.core.screening.index",
    "NameVariant": "catchall.core.screening.names",
    "name_variants": "catchall.core.screening.names",
    "normalize_name": "catchall.core.screening.names",
    "score_pair": "catchall.core.screening.scoring",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(home), name)
    globals()[name] = value
    return value
