"""Writes of the regime workbench: keyword-only ``<entity>_<action>`` functions, each atomic and
each writing its own audit event (without paragraph text) inside its transaction."""
