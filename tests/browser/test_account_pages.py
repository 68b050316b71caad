"""The account pages (API tokens, e-mail preferences) at desktop and phone width: axe finds
no violation, nothing scrolls sideways, and a screenshot of each state is kept."""

from __future__ import annotations

import functools

import pytest

from tests.browser.conftest import audit_widths, login

pytest.importorskip("axe_playwright_python.sync_playwright")  # axe-core, for audit_widths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long passphrase 7"

_audit = functools.partial(audit_widths, prefix="account")


@pytest.fixture
def exporter_admin(transactional_db):
    from catchall.web.accounts.models import Organisation
    from catchall.web.demo import ensure_user

    org = Organisation.objects.create(
        name="Rhein Werkzeugmaschinen AG", kind="exporter", country="DE"
    )
    user = ensure_user("rhein-admin", "exporter", org, "Nora Neu", password=PASSWORD)
    user.profile.org_admin = True
    user.profile.save()
    return user


def test_api_tokens_pages(browser, live_server, exporter_admin):
    ctx = browser.new_context(base_url=live_server.url, bypass_csp=True)
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)
    problems = []
    login(pg, "rhein-admin", PASSWORD)
    pg.goto("/account/tokens/")
    _audit(pg, "tokens-empty", problems)
    pg.get_by_role("button", name="Create token").click()
    assert pg.title().startswith("Error:")
    _audit(pg, "tokens-errors", problems)
    pg.get_by_label("Name").fill("SAP production")
    pg.get_by_label("Read: look up cases").check()
    pg.get_by_label("Screen: screen parties").check()
    pg.get_by_role("button", name="Create token").click()
    secret = pg.locator("code.secret").inner_text()
    assert secret.startswith("ca_")
    _audit(pg, "token-created", problems)
    pg.get_by_role("link", name="Back to API tokens").click()
    assert secret not in pg.content()
    _audit(pg, "tokens-list", problems)
    # a token whose user is no longer the organisation's administrator: shown as not working
    from catchall.web.demo import ensure_user
    from catchall.web.tokens.services import token_create

    former = ensure_user(
        "rhein-former", "exporter", exporter_admin.profile.organisation, "Falk Former"
    )
    former.profile.org_admin = True
    former.profile.save()
    token_create(actor=former, name="Old ERP link", scopes=["read"], lifetime_days=30)
    former.profile.org_admin = False
    former.profile.save()
    pg.goto("/account/tokens/")
    assert "Falk Former is no longer" in pg.content()
    _audit(pg, "tokens-suspended", problems)
    ctx.close()
    assert not problems, "\n".join(problems)


def test_email_preferences_and_list_alerts(browser, live_server, exporter_admin):
    from catchall.web.accounts.models import Organisation
    from catchall.web.demo import ensure_user
    from catchall.web.screening.models import ListAlert, ListSource

    exporter_admin.email = "nora@rhein.example"
    exporter_admin.save()
    authority = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    ensure_user("officer-a", "licensing_officer", authority, "Olga Officer", password=PASSWORD)
    from django.utils import timezone

    ListSource.objects.create(
        name="ofac",
        url="https://publisher.example/sanctions/sdn_advanced_list_with_a_long_name.xml",
        format="ofac",
        last_checked_at=timezone.now(),
        last_status="held",
        last_message="not imported: the download has 7,000 entities where the stored list has "
        "10,000 (it shrank by 30%, more than the 20% allowed)",
    )
    ListAlert.objects.create(
        name="ofac", at=timezone.now(), kind="held", message=ListSource.objects.get().last_message
    )
    ctx = browser.new_context(base_url=live_server.url, bypass_csp=True)
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)
    problems = []
    login(pg, "rhein-admin", PASSWORD)
    pg.goto("/account/notifications/")
    _audit(pg, "email-preferences", problems)
    pg.get_by_label("Decisions on applications").uncheck()
    pg.get_by_role("button", name="Save choices").click()
    assert "saved" in pg.content()
    assert not pg.get_by_label("Decisions on applications").is_checked()
    _audit(pg, "email-preferences-saved", problems)
    ctx.close()
    ctx = browser.new_context(base_url=live_server.url, bypass_csp=True)
    pg = ctx.new_page()
    login(pg, "officer-a", PASSWORD)
    pg.goto("/lists/")
    assert "Scheduled refresh needs attention" in pg.content()
    _audit(pg, "lists-refresh-alert", problems)
    ctx.close()
    assert not problems, "\n".join(problems)
