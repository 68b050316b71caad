"""The classification page works without JavaScript: choose a kind, fill parameters, read the result."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_choosing_a_kind_shows_the_parameters_that_matter_for_it(client):
    r = client.get("/classify/?kind=press.isostatic")
    html = r.content.decode()
    assert r.status_code == 200
    assert 'name="p_max_pressure"' in html
    assert '<label class="govuk-label" for="p_max_pressure">' in html


def test_submitting_the_form_shows_the_result_with_its_trace(client):
    r = client.post(
        "/classify/",
        {
            "kind": "press.isostatic",
            "p_max_pressure": "150 MPa",
            "p_max_temperature": "1200 degC",
            "p_chamber_inner_diameter": "400 mm",
        },
    )
    html = r.content.decode()
    assert r.status_code == 200
    assert "Result:" in html and "Missile relevance" in html


def test_a_bad_value_is_shown_in_the_govuk_error_pattern_and_nothing_is_classified(client):
    r = client.post("/classify/", {"kind": "press.isostatic", "p_max_pressure": "3 kg"})
    html = r.content.decode()
    assert r.status_code == 422
    assert "Result:" not in html
    assert re.search(r"<title>Error: Classify an item", html)
    summary = html.split('class="govuk-error-summary"', 1)[1].split("</div>", 3)
    link = re.search(r'<a href="#p_max_pressure"[^>]*>([^<]+)</a>', "".join(summary))
    assert link and "is not a pressure" in link.group(1)
    assert "parameters.max_pressure" not in html  # plain words, no field paths
    assert link.group(1).startswith(("Maximum", "Max", "max"))  # the parameter, named
    field = re.search(r'<input [^>]*id="p_max_pressure"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field and "p_max_pressure-error" in field
    beside = re.search(r'<p id="p_max_pressure-error" class="govuk-error-message">(.+?)</p>', html)
    assert beside and "is not a pressure" in beside.group(1)
    assert html.index('class="govuk-error-summary"') < html.index("<h1")
    assert html.count('aria-invalid="true"') == 1  # only the field in error


def test_a_bad_date_and_a_bad_document_link_to_their_own_fields(client):
    r = client.post(
        "/classify/",
        {"kind": "press.isostatic", "p_max_pressure": "150 MPa", "list_date": "2024-13-40"},
    )
    html = r.content.decode()
    assert r.status_code == 422 and '<a href="#list_date"' in html
    assert re.search(r'<input [^>]*id="list_date"[^>]*aria-invalid="true"', html)
    r = client.post("/classify/", {"document": "kind: press.isostatic\nparameters: [1, 2]\n"})
    html = r.content.decode()
    assert r.status_code == 422 and '<a href="#document"' in html
    assert re.search(r'<textarea [^>]*id="document"[^>]*aria-invalid="true"', html)
    assert '<details class="govuk-details doc-form" open>' in html  # the box in error is shown
    r = client.post("/classify/", {"document": "kind: no.such.kind\n"})
    assert "catchall kinds" not in r.content.decode()  # no command-line hints on a page


def test_a_pasted_yaml_document_is_classified(client):
    r = client.post(
        "/classify/", {"document": "kind: press.isostatic\nparameters:\n  max_pressure: 150 MPa\n"}
    )
    assert r.status_code == 200 and "Result:" in r.content.decode()


def test_controls_pages_list_entries_and_show_one(client):
    assert client.get("/controls/").status_code == 200
    assert client.get("/controls/9Z999/").status_code == 404


def test_health_endpoint_answers(client):
    assert client.get("/healthz").content == b"ok"


def test_controls_page_pages_through_every_entry_and_shows_text_only_ones(client):
    html = client.get("/controls/").content.decode()
    assert "text only" in html and "Page 1 of" in html
    last = client.get("/controls/?page=9999").content.decode()  # (out of range: the last)
    assert "9E102" in last
    nsg = client.get("/controls/?regime=AG").content.decode()
    assert "1C350" in nsg and "2B001" not in nsg
    entry = client.get("/controls/0A001.h/").content.decode()
    assert "Official text" in entry and "nuclear reactor internals" in entry
    assert "does not rate items" in entry
    rated = client.get("/controls/2B109.a/").content.decode()
    assert "Criteria (all of)" in rated and "Flow-forming machines having all" in rated


def test_entry_page_footer_does_not_dump_the_list_version(client):
    # the page passed the list version as "version", which base.html prints in its footer
    html = client.get("/controls/2B104/").content.decode()
    assert "version 2023-12, in force from" in html
    assert "ListVersion(" not in html and len(html) < 100_000


def test_entry_page_renders_criteria_and_exclusions(client):
    # the template's |join:"<newline>" was printed as template source, never rendered
    html = client.get("/controls/2B001.a/").content.decode()
    assert "{{" not in html
    assert "contouring axes" in html and "limited to making gears" in html
    # exclusions by their text, values and yes/no facts in words, never their codes
    assert "gear-machines" not in html and "gear_machining" not in html
    assert "special purpose is gear machining" in html and "numerical control: yes" in html


def test_parameters_are_labelled_in_words_and_the_raw_name_is_only_a_hint(client):
    html = client.get("/classify/?kind=press.isostatic").content.decode()
    label = re.search(
        r'<label class="govuk-label" for="p_max_pressure">([^<]+)</label>', html
    ).group(1)
    assert label == "Maximum pressure"
    hint = re.search(r'<span class="hint" id="p_max_pressure-h">(.+?)</span></span>', html)
    assert "Maximum working pressure" in hint.group(1)  # the title, in full
    assert ">max_pressure</code>" in hint.group(1)  # the name, for item documents
    labels = re.findall(r'<label class="govuk-label" for="p_[a-z0-9_]+">([^<]+)</label>', html)
    assert labels and not [t for t in labels if "_" in t]
    legend = re.search(
        r"<legend[^>]*><h2[^>]*>Parameters that decide entries for ([^<]+)</h2>", html
    )
    assert "press.isostatic" not in legend.group(1)


def test_kinds_are_offered_by_their_titles_not_their_codes(client):
    html = client.get("/classify/").content.decode()
    options = re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', html)
    assert ("press.isostatic", "Isostatic presses") in [(v, t[:17]) for v, t in options]
    assert not [t for _, t in options if "." in t.split(" ")[0] or "_" in t]


def test_a_parameters_choices_and_quantity_read_as_words(client):
    """An enumerated answer and a parameter's kind of quantity are shown in words; the code a
    document uses stays in the value and in the "In an item document" hint."""
    html = client.get("/classify/", {"kind": "sensor.gyro"}).content.decode()
    assert '<option value="spinning_mass">Spinning mass</option>' in html
    assert "(angular velocity)" in html and "(angular_velocity)" not in html


@pytest.mark.parametrize(
    ("form", "field", "words"),
    [
        ({"document": "kind: press.isostatic\nparameters: [1, 2]\n"}, "document", "Parameters: "),
        ({"document": "{not json"}, "document", "Document: malformed JSON at line 1"),
    ],
)
def test_a_bad_item_document_is_shown_in_the_govuk_pattern_and_kept(client, form, field, words):
    """The summary links to the box, the box's group is marked and says the same, the pasted
    text is kept for correction, and nothing is classified."""
    r = client.post("/classify/", form)
    html = r.content.decode().replace("&#x27;", "'")
    assert r.status_code == 422 and "Result:" not in html
    summary = html.split('class="govuk-error-summary"', 1)[1].split("</ul>")[0]
    assert re.search(f'<a href="#{field}" autofocus>{words}', summary)
    group = re.search(r'<div class="([^"]*)">\s*<label[^>]*for="document"', html)
    assert group and "govuk-form-group--error" in group.group(1)
    beside = html.split('id="document-error"')[1].split("</p>")[0]
    assert words.lower() in beside.lower()
    box = re.search(r'<textarea [^>]*id="document"[^>]*>([^<]*)</textarea>', html)
    assert 'aria-describedby="document-hint document-error"' in box.group(0)
    assert box.group(1).replace("&quot;", '"').startswith(form["document"][:8])
    assert 'class="govuk-file-upload" id="upload"' in html
