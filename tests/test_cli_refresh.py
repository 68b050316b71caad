"""`catchall lists source` and `catchall lists refresh` against a local HTTP server."""

from __future__ import annotations

import json

from tests.conftest import run_cli
from tests.test_cli_tokens import home  # noqa: F401  (the fixture: a database with users)


def test_lists_source_and_refresh_from_a_local_server(home, tmp_path):  # noqa: F811
    """`catchall lists source` then `catchall lists refresh`: imported, then 304; a source
    that is not http(s) exits 2 naming --url's field; a failed refresh exits 1."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "watch.csv").write_text(
        "id,name,schema,aliases,countries\nw1,Kavoshgaran Sanat Pars Company,Company,,IR\n"
    )
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path / "www"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_port}"
    try:
        r = run_cli(
            "lists", "source", "watch", "--url", f"{base}/watch.csv", "--format", "csv", env=home
        )
        assert r.returncode == 0, r.stderr
        r = run_cli("lists", "refresh", "watch", "--json", env=home)
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)[0]["status"] == "updated"
        r = run_cli("lists", "refresh", "watch", "--json", env=home)
        assert json.loads(r.stdout)[0]["status"] == "unchanged"  # Last-Modified sent back: 304
        r = run_cli("lists", "source", "watch", "--url", "ftp://x/y", env=home)
        assert r.returncode == 2 and "url" in r.stderr
        run_cli("lists", "source", "gone", "--url", f"{base}/missing.csv", env=home)
        r = run_cli("lists", "refresh", "gone", env=home)
        assert r.returncode == 1 and "HTTP 404" in r.stdout
    finally:
        httpd.shutdown()
        httpd.server_close()
