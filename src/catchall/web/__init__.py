"""The Django face of catchall: persistence, roles, pages and the JSON API."""
