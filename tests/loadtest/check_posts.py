"""After a load run: every acknowledged post is stored once, no unacknowledged post is stored.

Run as ``python -m tests.loadtest.check_posts POSTS.jsonl`` with the server's DATABASE_URL.
Prints one JSON line with the counts; exits 1 when anything was lost, doubled or stored after
an error answer.
"""

import json
import os
import sys

import django


def check(entries: list[dict]) -> dict:
    from django.db.models import Count

    from portal.dialogue.models import Contribution

    keys = [entry["key"] for entry in entries]
    stored = dict(
        Contribution.objects.filter(submission_key__in=keys)
        .values_list("submission_key")
        .annotate(copies=Count("pk"))
        .values_list("submission_key", "copies")
    )
    stored = {str(key): copies for key, copies in stored.items()}
    acknowledged = [entry["key"] for entry in entries if entry["acknowledged"]]
    refused = [entry["key"] for entry in entries if not entry["acknowledged"]]
    return {
        "posts_sent": len(entries),
        "acknowledged": len(acknowledged),
        "stored_of_acknowledged": sum(1 for key in acknowledged if key in stored),
        "lost": [key for key in acknowledged if key not in stored],
        "duplicated": [key for key, copies in stored.items() if copies > 1],
        "stored_after_error": [key for key in refused if key in stored],
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    django.setup()
    with open(sys.argv[1], encoding="utf-8") as source:
        entries = [json.loads(line) for line in source if line.strip()]
    result = check(entries)
    print(json.dumps(result))
    sys.exit(1 if result["lost"] or result["duplicated"] or result["stored_after_error"] else 0)
