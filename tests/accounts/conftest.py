"""Helpers shared by the accounts tests."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from accounts.models import Organisation


def verification_code(message) -> str:
    """The e-mail verification code allauth puts on a line of its own."""
    match = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", message.body, re.MULTILINE)
    assert match, f"no code in: {message.body}"
    return match.group(1)


def messages_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


@pytest.fixture
def sundsvall(db) -> Organisation:
    return Organisation.objects.get(municipality__code="2281")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters and used TOTP codes live in the cache; no test inherits another's."""
    cache.clear()
    yield
    cache.clear()
