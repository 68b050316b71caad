"""Small builders for importer test input."""

from __future__ import annotations

import json


def ftm_line(entity_id: str, schema: str, **props: object) -> str:
    """One FtM JSON line; property values may be given as a list or a single string."""
    properties = {k: v if isinstance(v, list) else [v] for k, v in props.items()}
    return json.dumps({"id": entity_id, "schema": schema, "properties": properties})
