"""Users for the regime workbench tests: one per role and country the rules distinguish."""

from __future__ import annotations

import pytest

from catchall.web.regime.releasability import reader_for

PEOPLE = {
    # username: (role, organisation, kind, country)
    "us-delegate": ("delegate", "US delegation", "partner_government", "US"),
    "br-partner": ("partner_delegate", "Brazil delegation", "partner_government", "BR"),
    "za-partner": ("partner_delegate", "South Africa delegation", "partner_government", "ZA"),
    "fr-poc": ("point_of_contact", "MTCR Point of Contact", "point_of_contact", "FR"),
    "kz-guest": ("outreach_guest", "Kazakhstan MFA", "non_partner_government", "KZ"),
    "gb-delegate": ("delegate", "UK delegation", "partner_government", "GB"),
    "us-expert": ("technical_expert", "US licensing authority", "authority", "US"),
    "de-exporter": ("exporter", "Werkzeugmaschinen GmbH", "exporter", "DE"),
    "in-partner": ("partner_delegate", "India delegation", "partner_government", "IN"),
}


def make_user(username: str):
    from django.contrib.auth import get_user_model

    from catchall.web.accounts.models import Organisation, Profile

    role, org, kind, country = PEOPLE[username]
    user, _ = get_user_model().objects.get_or_create(username=username)
    organisation, _ = Organisation.objects.get_or_create(
        name=org, defaults={"kind": kind, "country": country}
    )
    Profile.objects.get_or_create(user=user, defaults={"role": role, "organisation": organisation})
    return get_user_model().objects.select_related("profile__organisation").get(pk=user.pk)


@pytest.fixture
def people(db):
    return {name: make_user(name) for name in PEOPLE}


@pytest.fixture
def readers(people):
    return {name: reader_for(u) for name, u in people.items()}
