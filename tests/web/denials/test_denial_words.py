"""A denial notification's page reads in words: countries by name, the item's kind by its
title, dates as people write them (the officer weighs it for no-undercut)."""

from __future__ import annotations

import datetime as dt

import pytest

from catchall.web.denials.models import DenialNotification
from tests.web.confidential import import_partner_denial

pytestmark = pytest.mark.django_db


def test_the_denial_page_names_countries_kinds_and_dates_in_words(client, users):
    import_partner_denial(users["partner_liaison"])
    n = DenialNotification.objects.get()
    n.item_kind = "machine_tool.flow_forming"
    n.save()
    client.force_login(users["licensing_officer"])
    html = client.get(f"/denials/{n.pk}/").content.decode()
    denied_on = dt.date.today() - dt.timedelta(days=30)
    assert f"{denied_on:%-d %B %Y}" in html and denied_on.isoformat() not in html
    assert "<dd>Iceland</dd>" in html and "(IS)" not in html
    assert "<td>United Arab Emirates</td>" in html and "<td>AE</td>" not in html
    assert "machine_tool.flow_forming" not in html and "Flow-forming machines" in html
