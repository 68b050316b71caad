"""Word-level redline between the previewed and the circulated text."""

from hypothesis import given
from hypothesis import strategies as st

from catchall.core.redline import changed, ops_text, redline_html, redline_ops


def test_changed_words_are_marked_deleted_and_inserted():
    html = redline_html(
        "Partners should consider missile uses.", "Partners shall weigh missile uses.", labels=False
    )
    assert "<del>should consider</del><ins>shall weigh</ins>" in html
    assert html.startswith("Partners ") and html.endswith("missile uses.")


def test_markup_in_the_text_is_escaped_so_only_ins_and_del_are_tags():
    html = redline_html("a <b>x</b>", "a <script>y</script>")
    assert "<script" not in html and "<b>" not in html
    assert "&lt;" in html and "&gt;" in html and "script" in html


def test_whitespace_only_edits_are_not_changes():
    assert not changed("a  b\n c", "a b c")
    assert changed("a b", "a c")


@given(st.text(max_size=60), st.text(max_size=60))
def test_the_redline_keeps_every_word_of_both_texts(a, b):
    import html as h
    import re

    out = redline_html(a, b, labels=False)
    old = h.unescape(
        re.sub(r"<ins>.*?</ins>", "", out, flags=re.S).replace("<del>", "").replace("</del>", "")
    )
    new = h.unescape(
        re.sub(r"<del>.*?</del>", "", out, flags=re.S).replace("<ins>", "").replace("</ins>", "")
    )
    assert old == a and new == b


def test_changes_carry_text_labels_for_screen_readers_and_print():
    html = redline_html("within 6 um", "within 4.5 um")
    assert '<del><span class="redline-label">[deleted: </span>6' in html
    assert '<ins><span class="redline-label">[inserted: </span>4.5' in html


def test_the_terminal_and_json_forms_come_from_the_same_operations():
    ops = redline_ops(
        "accuracy equal to or less than 6 um", "accuracy equal to or less than 4.5 um"
    )
    assert ops[1:3] == [{"op": "delete", "text": "6"}, {"op": "insert", "text": "4.5"}]
    assert ops_text(ops) == "accuracy equal to or less than [-6-]{+4.5+} um"


@given(st.text(max_size=60), st.text(max_size=60))
def test_the_operations_rebuild_both_texts(a, b):
    ops = redline_ops(a, b)
    assert "".join(o["text"] for o in ops if o["op"] != "insert") == a
    assert "".join(o["text"] for o in ops if o["op"] != "delete") == b
