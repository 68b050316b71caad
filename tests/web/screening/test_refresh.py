"""Scheduled list refresh against a real HTTP server on 127.0.0.1: 200 imports with the list's
importer, 304 (ETag / Last-Modified sent back) changes nothing, a failed download or a list
that shrank by more than the allowed share keeps the stored list and raises an alert (page,
audit, e-mail)."""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.test import Client

from catchall.core.errors import InputError
from catchall.web.audit.models import AuditEvent
from catchall.web.demo import ensure_user
from catchall.web.jobs.services import submit
from catchall.web.screening.models import ListAlert, ListSource, ScreeningList
from catchall.web.screening.refresh import due_sources, refresh, source_save

pytestmark = pytest.mark.django_db

HEADER = "id,name,schema,aliases,countries\n"
MODIFIED = "Mon, 07 Dec 2026 10:00:00 GMT"


def rows(n: int) -> str:
    return HEADER + "".join(f"e{i},Entity Number {i} Trading,Company,,IR\n" for i in range(n))


class Server:
    """A list publisher: serves ``body`` with an ETag, answers 304 to a matching
    If-None-Match, or ``status`` when told to fail; remembers the request headers."""

    def __init__(self):
        self.body, self.status, self.seen = rows(10), 200, []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.seen.append(dict(self.headers))
                if server.status != 200:
                    self.send_response(server.status)
                    self.end_headers()
                    return
                if self.headers.get("If-None-Match") == server.etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                data = server.body.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/csv")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("ETag", server.etag)
                self.send_header("Last-Modified", MODIFIED)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/watch.csv"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def etag(self) -> str:
        """Changes with the content, as a publisher's ETag does."""
        return '"' + hashlib.sha256(self.body.encode()).hexdigest()[:12] + '"'

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()


@pytest.fixture
def admins(db):
    from catchall.web.accounts.models import Organisation

    authority = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    admin = ensure_user("admin", "administrator", authority)
    admin.email = "admin@example.org"
    admin.save()
    return admin


@pytest.fixture(autouse=True)
def _fresh_index():
    from catchall.web.screening.index import reset_index

    reset_index()
    yield
    reset_index()


def _source(server, **kw) -> ListSource:
    return source_save(name="watch", url=server.url, format="csv", actor="cli", **kw)


def test_200_imports_then_304_changes_nothing(server, admins):
    source = _source(server)
    assert [s.name for s in due_sources()] == ["watch"]
    result = refresh(source)
    assert result.status == "updated", result.message
    assert ScreeningList.objects.get(name="watch").entity_count == 10
    source.refresh_from_db()
    assert source.etag == server.etag and source.last_modified == MODIFIED
    assert due_sources() == []  # checked just now, due again in 24 hours
    imports = ScreeningList.objects.get(name="watch").imports.count()
    result = refresh(source)
    assert result.status == "unchanged"
    assert server.seen[-1]["If-None-Match"] == server.etag
    assert server.seen[-1]["If-Modified-Since"] == MODIFIED
    assert ScreeningList.objects.get(name="watch").imports.count() == imports


def test_a_failed_download_keeps_the_list_and_raises_an_alert(server, admins):
    source = _source(server)
    refresh(source)
    server.status = 500
    result = refresh(source)
    assert result.status == "failed" and "HTTP 500" in result.message
    assert ScreeningList.objects.get(name="watch").entity_count == 10
    alert = ListAlert.objects.get(resolved_at=None)
    assert alert.kind == "failed" and alert.name == "watch"
    assert AuditEvent.objects.filter(action="list.refresh_failed").exists()
    assert [m.to for m in mail.outbox] == [["admin@example.org"]]
    assert "watch" in mail.outbox[0].subject
    page = Client()
    page.force_login(admins)
    html = page.get("/lists/").content.decode()
    assert "HTTP 500" in html  # visible to administrators on the lists page
    server.status = 200
    server.body = rows(11)
    assert refresh(source).status == "updated"
    assert not ListAlert.objects.filter(resolved_at=None).exists()  # resolved by a success


def test_an_unreachable_server_is_a_failure_too(admins):
    source = source_save(name="watch", url="http://127.0.0.1:9/x.csv", format="csv", actor="cli")
    result = refresh(source)
    assert result.status == "failed" and not ScreeningList.objects.filter(name="watch").exists()


def test_a_list_that_shrank_too_much_is_held(server, admins):
    source = _source(server)
    refresh(source)
    server.body = rows(7)  # 30 % fewer: more than the default 20 %
    result = refresh(source)
    assert result.status == "held" and "30%" in result.message
    assert ScreeningList.objects.get(name="watch").entity_count == 10
    assert ListAlert.objects.get(resolved_at=None).kind == "held"
    server.body = rows(9)  # 10 % fewer: allowed
    assert refresh(source).status == "updated"
    assert ScreeningList.objects.get(name="watch").entity_count == 9


def test_the_allowed_share_is_per_list(server, admins):
    source = _source(server, max_shrink=0.5)
    refresh(source)
    server.body = rows(6)
    assert refresh(source).status == "updated"


def test_refresh_runs_as_a_job(server, admins):
    _source(server)
    job = submit("lists.refresh_due", {})
    job.refresh_from_db()
    assert job.state == "done" and job.result["lists"][0]["status"] == "updated"


def test_a_bad_source_is_refused_naming_the_field():
    with pytest.raises(InputError) as exc:
        source_save(name="watch", url="ftp://example.org/x", actor="cli")
    assert exc.value.problems[0].field == "url"
    assert not ListSource.objects.exists()


def test_only_http_is_fetched_even_when_a_source_row_says_otherwise(admins, tmp_path):
    """A source written around source_save (a database edit) must not make the server read a
    local file: the fetch checks the scheme again and the file is never imported."""
    secret = tmp_path / "secret.csv"
    secret.write_text(rows(3))
    ListSource.objects.create(name="watch", url=secret.as_uri(), format="csv", every_hours=24)
    result = refresh(ListSource.objects.get())
    assert result.status == "failed" and "only http:// and https://" in result.message
    assert not ScreeningList.objects.filter(name="watch").exists()


def test_a_redirect_to_another_scheme_is_not_followed(admins):
    class Redirect(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1:1/watch.csv")
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        source_save(
            name="watch",
            url=f"http://127.0.0.1:{httpd.server_port}/watch.csv",
            format="csv",
            actor="cli",
        )
        result = refresh(ListSource.objects.get())
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert result.status == "failed" and "redirected to a ftp:// address" in result.message


def test_a_redirect_from_a_public_address_to_an_internal_one_is_refused():
    """A publisher (or anyone on the way over http) must not point the server at its own
    services or the cloud's metadata address; a source configured on an internal host may
    still redirect within the network (an authority's own mirror)."""
    import urllib.error
    import urllib.request

    from catchall.web.screening.refresh import _HttpOnlyRedirects

    handler = _HttpOnlyRedirects()
    public = urllib.request.Request("http://93.184.216.34/lists/watch.csv")
    for target in (
        "http://127.0.0.1:8000/admin/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/internal.csv",
        "http://[::1]/x",
    ):
        with pytest.raises(urllib.error.URLError, match="internal"):
            handler.redirect_request(public, None, 302, "Found", {}, target)
    inside = urllib.request.Request("http://127.0.0.1:9/watch.csv")
    assert handler.redirect_request(inside, None, 302, "Found", {}, "http://10.0.0.5/w.csv")
    assert handler.redirect_request(public, None, 302, "Found", {}, "http://93.184.216.35/w.csv")


class Resolver:
    """A DNS server the test controls: ``answers[name]`` is the list of addresses given at
    each successive lookup of ``name`` (the last one repeats); a name it does not know
    is looked up for real (only 127.0.0.1 and literal addresses are used here)."""

    def __init__(self, monkeypatch, answers: dict[str, list[str | None]]):
        import socket

        self.answers, self.calls = answers, []
        real = socket.getaddrinfo

        def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
            if host not in self.answers:
                return real(host, port, family, type, proto, flags)
            self.calls.append(host)
            seen = self.calls.count(host)
            given = self.answers[host]
            ip = given[min(seen, len(given)) - 1]
            if ip is None:
                raise socket.gaierror(socket.EAI_NONAME, "no such name")
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port or 0))]

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_the_connection_goes_to_the_address_that_was_resolved_and_checked(
    server, admins, monkeypatch
):
    """One lookup per connection, and the socket connects to its answer: a second lookup
    (here: no such name) is never made. The Host header still names the host."""
    port = server.httpd.server_port
    dns = Resolver(monkeypatch, {"mirror.test": ["127.0.0.1", None]})
    source_save(name="watch", url=f"http://mirror.test:{port}/w.csv", format="csv", actor="cli")
    result = refresh(ListSource.objects.get())
    assert result.status == "updated", result.message
    assert dns.calls == ["mirror.test"]
    assert server.seen[-1]["Host"] == f"mirror.test:{port}"


def test_a_name_that_rebinds_to_an_internal_address_after_the_check_is_refused(server, monkeypatch):
    """DNS rebinding: a public list redirects to a name that is public when the redirect is
    checked and 127.0.0.1 when connected to. The connection judges the address it connects
    to, so it refuses, and the internal server is never asked."""
    import urllib.error
    import urllib.request

    from catchall.web.screening.refresh import _HttpOnlyRedirects, _opener

    port = server.httpd.server_port
    dns = Resolver(monkeypatch, {"rebind.test": ["93.184.216.34", "127.0.0.1"]})
    public = urllib.request.Request("http://93.184.216.34/lists/watch.csv")
    target = f"http://rebind.test:{port}/watch.csv"
    follow = _HttpOnlyRedirects().redirect_request(public, None, 302, "Found", {}, target)
    assert dns.calls == ["rebind.test"]  # the early check saw the public address
    before = len(server.seen)
    with pytest.raises(urllib.error.URLError, match="internal"):
        _opener.open(follow, timeout=5)
    assert len(server.seen) == before
    assert dns.calls == ["rebind.test", "rebind.test"]


def test_an_internal_address_written_as_ipv6_is_internal():
    from catchall.web.screening.refresh import _internal_ip

    for text in ("::ffff:127.0.0.1", "::ffff:169.254.169.254", "0.0.0.0", "::", "::1"):
        assert _internal_ip(text), text
    assert not _internal_ip("93.184.216.34")
    assert not _internal_ip("::ffff:93.184.216.34")
