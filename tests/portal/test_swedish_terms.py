"""One Swedish word for each thing: docs/glossary.md's banned variants appear nowhere people
read them (templates, the portal's message catalogue, rendered account pages and e-mails)."""

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core import mail

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "docs" / "glossary.md"
LOCALE = ROOT / "locale" / "sv" / "LC_MESSAGES"

# Template syntax, tags with their attributes, and message placeholders are not read by people.
NOT_TEXT = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}|<[^>]*>|%\([a-z_]+\)[sd]|\{[a-z_]+\}", re.S)


def banned_variants() -> list[str]:
    rows = [line for line in GLOSSARY.read_text(encoding="utf-8").splitlines() if line[:2] == "| "]
    variants = []
    for row in rows[2:]:  # the header and its rule
        banned = row.split("|")[2]
        variants += [variant.strip() for variant in banned.split(";") if variant.strip()]
    return variants


BANNED = banned_variants()
# A variant is banned at the start of a word and in every inflection and compound it starts
# ("Epost-adresser", "mailet"), but not inside another word ("e-postadress" holds "post").
BANNED_PATTERN = re.compile(
    r"(?<![\w-])((?:" + "|".join(re.escape(variant) for variant in BANNED) + r")[\w-]*)",
    re.IGNORECASE,
)


def offending(text: str) -> list[str]:
    return sorted({match.group(1) for match in BANNED_PATTERN.finditer(NOT_TEXT.sub(" ", text))})


def test_the_glossary_bans_the_variants_the_issue_found():
    lowered = {variant.lower() for variant in BANNED}
    for variant in ("epost-adress", "tvåfaktorsautentisering", "verifierings-mail", "säker att",
                    "mailet"):  # fmt: skip
        assert variant in lowered
    assert offending("Du får det här mailet") == ["mailet"]
    assert offending("Epost-adresser och Tvåfaktorsautentisering") == [
        "Epost-adresser",
        "Tvåfaktorsautentisering",
    ]
    # Words that only contain a banned variant, markup and placeholders are not offences.
    assert offending('<a href="mailto:x">e-post</a> {{ email }} %(email)s e-postadress') == []


def test_no_template_uses_a_banned_variant():
    problems = {}
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix in {".html", ".txt"}:
            found = offending(path.read_text(encoding="utf-8"))
            if found:
                problems[str(path.relative_to(ROOT))] = found
    assert problems == {}


def test_the_message_catalogue_uses_only_the_glossarys_words():
    with (LOCALE / "django.mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog
    translations = [text for key, text in catalogue.items() if key and isinstance(text, str)]
    assert len(translations) > 50
    problems = {text: offending(text) for text in translations if offending(text)}
    assert problems == {}


@pytest.mark.allow_skip_in_strict
def test_the_compiled_catalogue_matches_its_source(tmp_path):
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt saknas (Debian-paketet gettext): kan inte kompilera .po-filen")
    compiled = tmp_path / "django.mo"
    subprocess.run(
        ["msgfmt", "--check", "-o", str(compiled), str(LOCALE / "django.po")], check=True
    )
    with compiled.open("rb") as fresh, (LOCALE / "django.mo").open("rb") as committed:
        assert gettext.GNUTranslations(fresh)._catalog == (
            gettext.GNUTranslations(committed)._catalog
        ), "locale/sv/LC_MESSAGES/django.mo är inaktuell: kör msgfmt (se .po-filens huvud)"


ACCOUNT_PAGES = (
    "/konto/email/",
    "/konto/password/change/",
    "/konto/2fa/",
    "/konto/logout/",
    "/konto/profil/",
)
ANONYMOUS_PAGES = ("/konto/login/", "/konto/signup/", "/konto/password/reset/")


@pytest.mark.django_db
def test_rendered_account_pages_and_their_emails_use_the_glossarys_words(client):
    pages = {}
    for url in ANONYMOUS_PAGES:
        pages[url] = client.get(url).text
    # Sign up: the verification code page and the verification mail.
    response = client.post(
        "/konto/signup/",
        {
            "first_name": "Sara",
            "last_name": "Lind",
            "email": "sara.lind@example.se",
            "password1": "Kompetens-Vaxer-2026",
            "password2": "Kompetens-Vaxer-2026",
        },
        follow=True,
    )
    pages["verifieringssidan"] = response.text
    client.post("/konto/password/reset/", {"email": "sara.lind@example.se"})

    user = UserFactory()
    client.force_login(user)
    for url in ACCOUNT_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.text
    client.post("/konto/email/", {"action_add": "", "email": "ny.adress@example.se"})
    assert mail.outbox, "sign-up, reset and the new address each send a mail"

    problems = {url: offending(html) for url, html in pages.items() if offending(html)}
    for message in mail.outbox:
        found = offending(f"{message.subject}\n{message.body}")
        if found:
            problems[message.subject] = found
    assert problems == {}
    assert "E-postadresser" in pages["/konto/email/"]
    assert "Tvåstegsverifiering" in pages["/konto/2fa/"]


@pytest.mark.django_db
def test_form_labels_have_no_trailing_colon(client):
    html = client.get("/konto/login/").text
    labels = re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)
    assert "E-postadress" in [label.strip() for label in labels]
    assert [label for label in labels if label.strip().endswith(":")] == []
