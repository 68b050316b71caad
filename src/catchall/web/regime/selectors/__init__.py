"""Reads of the regime workbench; anything carrying marked text goes through
:mod:`catchall.web.regime.releasability` and takes the reader."""
