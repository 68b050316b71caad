"""Production defaults: a private data folder, one secret key for every process and restart, a
Content-Security-Policy on every response, sessions that end after a working day, and one switch
(CATCHALL_SECURE=1) that satisfies Django's deployment checks.

Several tests run `catchall serve` or a fresh Python process, as an operator would, against a
data folder of their own (no PYTEST_VERSION, so settings behave as in production)."""

from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import socket
import stat
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import CLI

SRC = Path(__file__).resolve().parents[2] / "src" / "catchall"
PASSWORD = "correct horse battery staple"


def production_env(home: Path, **extra: str) -> dict:
    drop = {
        "PYTEST_VERSION",
        "PYTEST_CURRENT_TEST",
        "CATCHALL_SECRET_KEY",
        "DJANGO_SETTINGS_MODULE",
        "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests' fixtures, never in production
    }
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(CATCHALL_HOME=str(home), DATABASE_URL="", **extra)
    return env


def python(code: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(home: Path, *args: str):
    """`catchall serve` under the usual umask 022, until it answers its health check."""
    port = free_port()
    proc = subprocess.Popen(
        [str(CLI), "serve", "--port", str(port), "--threads", "2", *args],
        env=production_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=lambda: os.umask(0o022),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            if proc.poll() is not None:
                pytest.fail(f"catchall serve exited {proc.returncode}: {proc.stdout.read()}")
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("catchall serve did not answer within 240 s")
            time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def browser():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def get_text(opener, url: str) -> str:
    with opener.open(url, timeout=30) as r:
        return r.read().decode()


def log_in(opener, base: str, username: str, password: str) -> None:
    page = get_text(opener, f"{base}/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token}
    ).encode()
    with opener.open(f"{base}/login/", data=data, timeout=30) as r:
        assert r.status == 200


def test_serve_keeps_data_private_loads_no_demo_and_sessions_survive_a_restart(tmp_path):
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    (home / "catchall.sqlite3").touch()  # left by an older version, world-readable
    (home / "catchall.sqlite3").chmod(0o644)
    env = production_env(home)

    with serving(home) as base:
        opener = browser()
        assert "Demo users" not in get_text(opener, f"{base}/login/")
        made = python(
            "from catchall.web.bootstrap import setup_django; setup_django()\n"
            "from django.contrib.auth import get_user_model\n"
            "from catchall.web.demo import AUTHORITY, _org, ensure_user\n"
            "print(get_user_model().objects.count())\n"
            f"ensure_user('olga', 'licensing_officer', _org(*AUTHORITY), 'Olga Officer', {PASSWORD!r})\n",
            env,
        )
        assert made.returncode == 0, made.stderr
        assert made.stdout.split() == ["0"], "serve without --demo created accounts"
        log_in(opener, base, "olga", PASSWORD)
        assert "Olga Officer" in get_text(opener, f"{base}/")

        assert mode(home) == 0o700
        for name in (
            "catchall.sqlite3",
            "catchall.sqlite3-wal",
            "catchall.sqlite3-shm",
            "secret_key",
        ):
            assert (home / name).exists(), name
            assert mode(home / name) == 0o600, (name, oct(mode(home / name)))
        key = (home / "secret_key").read_text().strip()

    # Two later loads of the settings read the key serve made before its own settings loaded.
    code = "import django.conf as c; print(c.settings.SECRET_KEY)"
    env_settings = {**env, "DJANGO_SETTINGS_MODULE": "catchall.web.settings"}
    keys = [python(code, env_settings).stdout.strip() for _ in range(2)]
    assert keys == [key, key]

    with serving(home) as base:
        assert "Olga Officer" in get_text(opener, f"{base}/"), "the first run's session died"


def test_any_catchall_command_makes_the_key_before_its_settings_load(tmp_path):
    home = tmp_path / "fresh"
    r = python(
        "from catchall.web.bootstrap import setup_django; setup_django()\n"
        "from django.conf import settings; print(settings.SECRET_KEY)",
        production_env(home),
    )
    assert r.returncode == 0, r.stderr
    assert mode(home / "secret_key") == 0o600
    assert r.stdout.strip() == (home / "secret_key").read_text().strip()


def test_the_wsgi_module_refuses_to_start_without_a_persistent_key(tmp_path):
    env = production_env(tmp_path / "no-key")
    r = python("import catchall.web.wsgi", env)
    assert r.returncode != 0
    assert "ImproperlyConfigured" in r.stderr and "CATCHALL_SECRET_KEY" in r.stderr
    assert "Traceback" in r.stderr  # a start-up failure, but the last line says what to do
    assert "no secret key" in r.stderr.strip().splitlines()[-1]

    ok = python("import catchall.web.wsgi", {**env, "CATCHALL_SECRET_KEY": secrets.token_hex(32)})
    assert ok.returncode == 0, ok.stderr


def test_check_deploy_is_clean_with_the_secure_switch(tmp_path):
    env = production_env(
        tmp_path,
        CATCHALL_SECURE="1",
        CATCHALL_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_SETTINGS_MODULE="catchall.web.settings",
    )
    r = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "System check identified no issues" in r.stdout
    assert "WARNING" not in r.stdout + r.stderr


def test_the_secure_switch_redirects_to_https_and_honours_the_proxy_header(tmp_path):
    env = production_env(
        tmp_path,
        CATCHALL_SECURE="1",
        CATCHALL_BEHIND_PROXY="1",
        CATCHALL_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_SETTINGS_MODULE="catchall.web.settings",
    )
    r = python(
        "import django; django.setup()\n"
        "from django.conf import settings as s\n"
        "from django.test import Client\n"
        "c = Client()\n"
        "plain = c.get('/classify/')\n"
        "tls = c.get('/classify/', HTTP_X_FORWARDED_PROTO='https')\n"
        "print(plain.status_code, plain['Location'])\n"
        "print(tls.status_code, tls['Strict-Transport-Security'])\n"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)\n"
        "print(tls['Content-Security-Policy'])\n",
        env,
    )
    assert r.returncode == 0, r.stderr
    plain, tls, cookies, csp = r.stdout.splitlines()
    assert plain == "301 https://testserver/classify/"
    status, hsts = tls.split(" ", 1)
    assert status == "200"
    assert "includeSubDomains" in hsts
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 180 * 24 * 3600
    assert cookies == "True True"
    assert "upgrade-insecure-requests" in csp


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/login/", "/classify/", "/api/docs"])
def test_every_page_carries_a_strict_content_security_policy(client, url):
    r = client.get(url)
    assert r.status_code == 200
    policy = dict(
        d.strip().split(" ", 1) for d in r["Content-Security-Policy"].split(";") if " " in d
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in r["Content-Security-Policy"]


# Rendered to PDF by WeasyPrint (never served as a page), or served with the inline styles the
# CSP allows for issued documents only (see cases.views.inline_document_styles).
DOCUMENT_TEMPLATES = {"regime/_print_base.html", "cases/documents/base.html"}


def test_no_served_template_needs_inline_script_or_style():
    offenders = []
    for path in SRC.rglob("templates/**/*.html"):
        name = path.as_posix().split("/templates/", 1)[1]
        text = path.read_text(encoding="utf-8")
        if name in DOCUMENT_TEMPLATES:
            assert "<script" not in text, name
            continue
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{name}: {tag}")
        if re.search(r"<style\b|\sstyle=|\son[a-z]+=|javascript:", text):
            offenders.append(f"{name}: inline style or event handler")
    assert not offenders, offenders


@pytest.mark.django_db
def test_a_session_ends_after_a_working_day_without_requests(client, django_user_model, settings):
    user = django_user_model.objects.create_user("olga", password=PASSWORD)
    client.force_login(user)
    # Every request renews the session for another eight hours, to within
    # CATCHALL_SESSION_RENEW_SECONDS (tests/web/test_session_renewal.py: no write inside it).
    settings.CATCHALL_SESSION_RENEW_SECONDS = 0
    for _ in range(2):
        r = client.get("/")
        assert r.cookies["sessionid"]["max-age"] == 8 * 60 * 60


def test_serve_in_two_processes_shares_sessions_and_stops_whole(tmp_path):
    """`--processes 2`: both processes accept on the one port and read the one session table;
    stopping the server stops both (nothing answers on the port afterwards)."""
    home = tmp_path / "home"
    env = production_env(home)
    with serving(home, "--processes", "2") as base:
        made = python(
            "from catchall.web.bootstrap import setup_django; setup_django()\n"
            "from catchall.web.demo import AUTHORITY, _org, ensure_user\n"
            f"ensure_user('olga', 'licensing_officer', _org(*AUTHORITY), 'Olga Officer', {PASSWORD!r})\n",
            env,
        )
        assert made.returncode == 0, made.stderr
        opener = browser()
        log_in(opener, base, "olga", PASSWORD)
        # urllib opens a connection per request: the pages come from either process.
        for _ in range(8):
            assert "Olga Officer" in get_text(opener, f"{base}/")
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{base}/healthz", timeout=5)
