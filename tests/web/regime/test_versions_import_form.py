"""The list-versions page offers the import form only to the roles the import service lets in.

A delegate or an outreach guest who pasted a list version was refused after the typing; a
delegate's way to a new version is an Annex amendment proposal."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["us-delegate", "kz-guest", "br-partner", "fr-poc"])
def test_no_import_form_for_those_who_may_not_import(client, people, who):
    client.force_login(people[who])
    body = client.get("/regime/versions/").content.decode()
    assert 'name="yaml_text"' not in body
    assert "Import an authority" not in body
    assert "eu-dual-use" in body  # the versions are still listed


def test_the_technical_expert_gets_the_import_form(client, people):
    client.force_login(people["us-expert"])
    body = client.get("/regime/versions/").content.decode()
    assert 'name="yaml_text"' in body
