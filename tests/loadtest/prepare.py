"""Prepare a served database for the load test and list what the simulated users visit.

Run as ``python -m tests.loadtest.prepare OUT.json`` with the same DATABASE_URL as the server.
Creates (idempotently) one verified member per public thread, with an approved membership in
an organisation that takes part in that thread, and an editor; writes the URLs of the home page,
listings with filters, need and analysis pages, threads and search queries.
"""

import json
import os
import sys

import django

PASSWORD = "lasttest-losen-2026"
MEMBERS = 20


def prepare() -> dict:
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from accounts.models import Membership
    from content.models import AnalysisPage, CompetenceNeedPage, Region
    from portal.dialogue.models import Thread

    User = get_user_model()
    threads = list(
        Thread.objects.filter(visibility=Thread.Visibility.PUBLIC, status=Thread.Status.OPEN)
        .prefetch_related("participants")
        .order_by("pk")[:MEMBERS]
    )
    members = []
    for number, thread in enumerate(threads):
        email = f"lasttest-{number}@example.se"
        user, created = User.objects.get_or_create(
            username=email, defaults={"email": email, "first_name": "Last", "last_name": "Test"}
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        organisation = thread.participants.order_by("pk").first()
        Membership.objects.update_or_create(
            user=user, organisation=organisation, defaults={"status": Membership.Status.APPROVED}
        )
        members.append({"email": email, "password": PASSWORD, "thread": thread.get_url()})

    regions = list(Region.objects.values_list("code", flat=True))
    needs = [page.url for page in CompetenceNeedPage.objects.live().public().order_by("pk")]
    analyses = [page.url for page in AnalysisPage.objects.live().public().order_by("pk")]
    return {
        "regions": regions,
        "listings": [
            "/kompetensbehov/",
            "/analyser/",
            "/goda-exempel/",
            "/resultat/",
            *(f"/kompetensbehov/?region={code}" for code in regions[:6]),
            "/kompetensbehov/?status=i_dialog",
            "/analyser/?horizon=long",
            "/dialog/",
        ],
        "needs": needs,
        "analyses": analyses,
        "threads": [thread.get_url() for thread in threads],
        "queries": [
            "undersköterskor",
            "kompetensförsörjning",
            "lärare",
            "vård och omsorg",
            '"korta vägen"',
            "yrkeshögskola",
            "industri",
            "sjuksköterskor",
        ],
        "members": members,
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    django.setup()
    targets = prepare()
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        json.dump(targets, out, ensure_ascii=False, indent=1)
    print(
        f"Lasttest: {len(targets['members'])} medlemmar, {len(targets['needs'])} behov, "
        f"{len(targets['analyses'])} analyser"
    )
