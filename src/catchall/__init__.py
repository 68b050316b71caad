"""catchall: export-control decision support for missile technology."""

__version__ = "0.1.0"
