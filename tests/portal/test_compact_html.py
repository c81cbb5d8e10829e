"""Admin HTML loses its indentation but nothing that renders differently."""

from portal.compact_html import compact


def test_indentation_becomes_one_line_break_outside_pre_and_textarea():
    html = (
        b"<div>\n    <p>Ett\n        tv\xc3\xa5</p>  <b>tre</b>\n\n"
        b"<pre>  kod\n    indragen</pre>\n   <TEXTAREA name=x>\n  rad\n\n  rad</TEXTAREA>\n"
        b"<script>var a = 1\n    return\n    a</script></div>"
    )
    assert compact(html) == (
        b"<div>\n<p>Ett\ntv\xc3\xa5</p>  <b>tre</b>\n"
        b"<pre>  kod\n    indragen</pre>\n<TEXTAREA name=x>\n  rad\n\n  rad</TEXTAREA>\n"
        b"<script>var a = 1\nreturn\na</script></div>"
    )


def test_public_pages_are_left_alone(client, db):
    assert b"\n    " in client.get("/konto/login/").content
