"""The axe check itself: it measures what a reader sees once the page has stopped moving."""

import pytest

# White on Wagtail's success green passes AA once opaque; half-way through a fade-in from a
# white page it is pale green on white and fails. The fade starts after a short delay, as the
# admin's messages do.
FADING_IN = """
<!doctype html>
<html lang="sv">
<head>
<title>Meddelande</title>
<style>
  body { background: #fff; }
  p { background: #007d5b; color: #fff; opacity: 0; transition: opacity 1.5s linear; }
  p.appear { opacity: 1; }
</style>
</head>
<body>
<main><p id="message">Du har loggat in.</p></main>
<script>setTimeout(() => document.getElementById("message").classList.add("appear"), 100);</script>
</body>
</html>
"""


def test_waits_for_text_fading_in(page, check_accessibility):
    page.set_content(FADING_IN)
    check_accessibility()
    assert page.evaluate("getComputedStyle(document.getElementById('message')).opacity") == "1"


def test_still_fails_low_contrast_that_stays(page, check_accessibility):
    page.set_content(FADING_IN.replace("color: #fff", "color: #6fbf9f"))
    with pytest.raises(AssertionError, match="color-contrast"):
        check_accessibility()
