"""Every item parameter has a short label in words for forms; the name stays for documents."""

from catchall.core.vocabulary import short_label, vocabulary


def test_a_label_is_made_from_the_name_with_its_abbreviations_spelt_out():
    assert short_label("max_pressure") == "Maximum pressure"
    assert short_label("nc_capable") == "NC capable"
    assert short_label("accel_bias_stability") == "Accelerometer bias stability"
    assert short_label("rollers") == "Rollers"


def test_every_parameter_has_a_short_label_in_words():
    params = vocabulary().parameters.values()
    for p in params:
        assert p.label and "_" not in p.label, p.name
        assert len(p.label) <= 45, (p.name, p.label)
        assert p.label[0].isupper(), p.name
    labels = [p.label for p in params]
    assert len(set(labels)) == len(labels)  # no two parameters look alike on a form


def test_a_label_given_in_the_vocabulary_wins_and_the_title_is_unchanged():
    p = vocabulary().parameters["nc_capable"]
    assert p.label == "Numerical control"
    assert p.title.startswith("Equipped with, or capable of being equipped with")
