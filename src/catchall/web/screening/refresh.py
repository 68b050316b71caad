"""Scheduled refresh of screening lists from their configured URLs.

Each :class:`ListSource` names a list, a URL, a format and how often. A refresh is a
conditional GET (If-None-Match / If-Modified-Since from the last answer): 304 changes nothing;
200 is read with the list's importer and imported with the one import service
(:func:`list_import`), so the diff, audit event and re-screening of open cases happen as for a
file imported by hand. A download that fails, cannot be read, or would shrink the list by more
than the allowed share (``max_shrink``, default ``CATCHALL_LIST_MAX_SHRINK`` = 20 %) never
replaces the stored list: it opens a :class:`ListAlert` shown on the lists page, writes an
audit event and e-mails the list importers and administrators.
"""

from __future__ import annotations

import datetime as dt
import http.client
import ipaddress
import socket
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from catchall.core.errors import InputError
from catchall.web.accounts.confidentiality import check_audience
from catchall.web.audit.services import record_event
from catchall.web.screening.models import ListAlert, ListSource, ScreeningList
from catchall.web.screening.services import MAX_UPLOAD, _check_name, list_import

ACTOR = "scheduled refresh"
USER_AGENT = "catchall list refresh"


class Held(Exception):
    """The download was read but not imported (it shrank the list too much)."""


@dataclass(frozen=True)
class RefreshResult:
    name: str
    status: str  # updated, unchanged, failed, held
    message: str

    def as_dict(self) -> dict:
        return {"name": self.name, "status": self.status, "message": self.message}


def source_save(
    *,
    name: str,
    url: str,
    format: str = "",
    every_hours: int = 24,
    max_shrink: float | None = None,
    audience: str = "",
    actor=None,
) -> ListSource:
    """Configure (or change) where a list is refreshed from."""
    name = _check_name(name)
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError("give an http:// or https:// address", "url")
    if not 1 <= int(every_hours) <= 24 * 31:
        raise InputError("between 1 and 744 hours", "every_hours")
    if max_shrink is not None and not 0 <= max_shrink < 1:
        raise InputError("a share between 0 and 1, e.g. 0.2 for 20 %", "max_shrink")
    check_audience(audience or None)
    source, _ = ListSource.objects.update_or_create(
        name=name,
        defaults={
            "url": url,
            "format": format or "",
            "every_hours": int(every_hours),
            "max_shrink": max_shrink,
            "audience": audience or "",
        },
    )
    record_event(
        "list.source",
        actor=actor,
        object_type="screening_list",
        object_id=name,
        after={"url": url, "format": format, "every_hours": every_hours, "max_shrink": max_shrink},
    )
    return source


def due_sources(now=None):
    now = now or timezone.now()
    return [
        s
        for s in ListSource.objects.all()
        if s.last_checked_at is None or s.last_checked_at + dt.timedelta(hours=s.every_hours) <= now
    ]


FETCHED_SCHEMES = ("http", "https")


def _internal_ip(text: str) -> bool:
    """Loopback, private, link-local, reserved, unspecified (0.0.0.0 reaches this host) or
    multicast; an IPv4 address written as IPv6 (``::ffff:127.0.0.1``) is judged as IPv4."""
    ip = ipaddress.ip_address(text.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_unspecified
        or ip.is_multicast
    )


def _internal(host: str | None) -> bool:
    """Whether ``host`` resolves to an internal address (see :func:`_internal_ip`)."""
    try:
        infos = socket.getaddrinfo(host or "", None)
    except (OSError, UnicodeError):
        return False  # unresolvable: the connection fails anyway
    return any(_internal_ip(info[4][0]) for info in infos)


class _PinnedAddress:
    """Resolves the host once, judges the addresses it got, and connects to one of those
    same addresses: a name cannot pass the check on one address and then connect to another
    (DNS rebinding: public when checked, 127.0.0.1 when connected). The connection keeps the
    host name for everything else: the Host header, and for https the SNI and the check of
    the certificate against the name (``HTTPSConnection`` wraps the socket with
    ``server_hostname=self.host``)."""

    def __init__(self, *args, allow_internal: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.allow_internal = allow_internal
        self.internal: bool | None = None  # what the connected address was
        self._create_connection = self._connect_pinned

    def _connect_pinned(self, address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source=None):
        host, port = address
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except UnicodeError as exc:
            raise OSError(f"{host}: not a host name ({exc})") from None
        if not infos:
            raise OSError(f"{host} resolves to no address")
        internal = any(_internal_ip(info[4][0]) for info in infos)
        if internal and not self.allow_internal:
            raise urllib.error.URLError(
                f"redirected from a public address to an internal one ({host})"
            )
        self.internal = internal
        error: OSError | None = None
        for family, kind, proto, _name, sockaddr in infos:
            sock = socket.socket(family, kind, proto)
            try:
                if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                    sock.settimeout(timeout)
                if source:
                    sock.bind(source)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                sock.close()
                error = exc
        raise error or OSError(f"cannot connect to {host}")


class _PinnedHTTPConnection(_PinnedAddress, http.client.HTTPConnection):
    pass


class _PinnedHTTPSConnection(_PinnedAddress, http.client.HTTPSConnection):
    pass


class _PinnedOpen:
    """Opens each request through a pinned connection. A request reached by a redirect
    carries ``catchall_allow_internal`` (False once the chain has been on a public address);
    the address a request connected to is left on it as ``catchall_internal``."""

    def _pinned_open(self, connection, req, **kwargs):
        made = []

        def factory(host, **options):
            conn = connection(
                host, allow_internal=getattr(req, "catchall_allow_internal", True), **options
            )
            made.append(conn)
            return conn

        response = self.do_open(factory, req, **kwargs)
        if made:
            req.catchall_internal = made[-1].internal
        return response


class _PinnedHTTPHandler(_PinnedOpen, urllib.request.HTTPHandler):
    def http_open(self, req):
        return self._pinned_open(_PinnedHTTPConnection, req)


class _PinnedHTTPSHandler(_PinnedOpen, urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self._pinned_open(_PinnedHTTPSConnection, req, context=self._context)


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) addresses only (urllib would follow one to ftp://), and
    never from a public address to an internal one: a publisher (or, over http, anyone on
    the way) must not point the server at its own or its network's services. The check here
    gives the early message; the pinned connection enforces it on the address it connects
    to (``catchall_allow_internal`` on the new request)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        parts = urlsplit(newurl)
        scheme = parts.scheme.lower()
        if scheme not in FETCHED_SCHEMES:
            raise urllib.error.URLError(
                f"redirected to a {scheme}:// address; only http:// and https:// are fetched"
            )
        here = getattr(req, "catchall_internal", None)
        if here is None:  # not opened through a pinned connection: judge its host now
            here = _internal(urlsplit(req.full_url).hostname)
        allowed = bool(here) and getattr(req, "catchall_allow_internal", True)
        if not allowed and _internal(parts.hostname):
            raise urllib.error.URLError(
                f"redirected from a public address to an internal one ({parts.hostname})"
            )
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.catchall_allow_internal = allowed
        return new


_opener = urllib.request.build_opener(_PinnedHTTPHandler, _PinnedHTTPSHandler, _HttpOnlyRedirects)


def _fetch(source: ListSource, dest: Path) -> tuple[int, dict]:
    """Conditional GET into ``dest``: (status, headers). Raises OSError/HTTPError on failure.

    Policy: only http(s) is fetched, checked again here (a source row written around
    :func:`source_save` must not make the server read ``file://`` paths) and on every redirect,
    which may not lead from a public address to an internal one.
    Sources are configured from the command line only (``catchall lists source``), by whoever
    runs the installation, so an address on the local network is allowed: an authority may
    mirror a list on an internal host. No web page or API endpoint writes a source."""
    scheme = urlsplit(source.url).scheme.lower()
    if scheme not in FETCHED_SCHEMES:
        raise urllib.error.URLError(
            f"a {scheme or 'relative'}:// address; only http:// and https:// are fetched"
        )
    request = urllib.request.Request(source.url, headers={"User-Agent": USER_AGENT})
    if source.etag:
        request.add_header("If-None-Match", source.etag)
    if source.last_modified:
        request.add_header("If-Modified-Since", source.last_modified)
    try:
        with _opener.open(request, timeout=settings.CATCHALL_LIST_FETCH_TIMEOUT) as r:
            size = 0
            with dest.open("wb") as fh:
                while chunk := r.read(1 << 16):
                    size += len(chunk)
                    if size > MAX_UPLOAD:
                        raise OSError(f"larger than {MAX_UPLOAD // (1024 * 1024)} MB")
                    fh.write(chunk)
            return r.status, dict(r.headers)
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return 304, dict(exc.headers)
        raise


def _shrink_check(source: ListSource):
    limit = (
        source.max_shrink if source.max_shrink is not None else settings.CATCHALL_LIST_MAX_SHRINK
    )
    current = ScreeningList.objects.filter(name=source.name).first()

    def check(report) -> None:
        before = current.entity_count if current else 0
        after = report.imported
        if before and after < before * (1 - limit):
            raise Held(
                f"the download has {after:,} entities where the stored list has {before:,} "
                f"(it shrank by {1 - after / before:.0%}, more than the {limit:.0%} allowed)"
            )

    return check


def refresh(source: ListSource) -> RefreshResult:
    """Fetch and import one list; never replaces it with a failed or suspicious download."""
    from catchall.web.notifications.services import notify_list_alert

    now = timezone.now()
    status, message = "failed", ""
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp) / (Path(urlsplit(source.url).path).name or "download")
        try:
            code, headers = _fetch(source, dest)
            if code == 304:
                status, message = "unchanged", "not modified since the last refresh"
            else:
                outcome = list_import(
                    dest,
                    format=source.format or None,
                    name=source.name,
                    source=source.url,
                    audience=source.audience or None,
                    actor=ACTOR,
                    check=_shrink_check(source),
                )
                source.etag = headers.get("ETag", "")[:500]
                source.last_modified = headers.get("Last-Modified", "")[:100]
                d = outcome.diff
                status = "updated"
                message = (
                    f"{outcome.report.imported:,} entities: {len(d.added)} added, "
                    f"{len(d.removed)} removed, {len(d.changed)} changed"
                )
        except Held as exc:
            status, message = "held", f"not imported: {exc}"
        except InputError as exc:
            status, message = "failed", f"the download could not be read: {exc}"
        except urllib.error.HTTPError as exc:
            status, message = "failed", f"the server answered HTTP {exc.code} {exc.reason}"
        except (OSError, ValueError) as exc:  # URLError, timeouts, refused connections
            reason = getattr(exc, "reason", None) or exc
            status, message = "failed", f"the download failed: {reason}"
    source.last_checked_at, source.last_status, source.last_message = now, status, message
    source.save()
    if status in ("failed", "held"):
        ListAlert.objects.create(name=source.name, at=now, kind=status, message=message)
        record_event(
            f"list.refresh_{status}",
            actor=ACTOR,
            object_type="screening_list",
            object_id=source.name,
            details={"url": source.url, "message": message},
        )
        notify_list_alert(source.name, f"Refreshing {source.name} from {source.url}: {message}.")
    else:
        ListAlert.objects.filter(name=source.name, resolved_at=None).update(resolved_at=now)
    return RefreshResult(source.name, status, message)


def refresh_due(now=None) -> list[RefreshResult]:
    return [refresh(s) for s in due_sources(now)]


def open_alerts():
    return ListAlert.objects.filter(resolved_at=None)
