"""Geometry for the dashboard's server-rendered SVG bar charts (no JavaScript needed)."""

from __future__ import annotations

ROW = 22
BAR = 14


def hbars(
    rows: list[tuple[str, int]],
    *,
    label_width: int = 240,
    width: int = 640,
    href: list[str] | None = None,
) -> dict:
    peak = max([n for _, n in rows] + [1])
    span = width - label_width - 50
    bars = [
        {
            "label": label,
            "n": n,
            "y": i * ROW,
            "w": round(span * n / peak),
            "href": href[i] if href else None,
        }
        for i, (label, n) in enumerate(rows)
    ]
    return {
        "bars": bars,
        "height": max(ROW * len(rows), ROW),
        "width": width,
        "x0": label_width,
        "bar": BAR,
    }


def vbars(rows: list[tuple[str, int]], *, height: int = 150, col: int = 90) -> dict:
    peak = max([n for _, n in rows] + [1])
    plot = height - 40
    bars = [
        {
            "label": label,
            "n": n,
            "x": i * col + 10,
            "h": round(plot * n / peak),
            "y": 20 + plot - round(plot * n / peak),
        }
        for i, (label, n) in enumerate(rows)
    ]
    return {
        "bars": bars,
        "height": height,
        "width": col * len(rows) + 20,
        "col": col - 20,
        "base": 20 + plot,
    }
