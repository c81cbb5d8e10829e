"""Every e-mail the portal sends leaves the request through a background task.

``EMAIL_BACKEND`` is :class:`QueuedEmailBackend`: it turns each message into JSON and enqueues
:func:`deliver_email`, which sends it through the real backend (``EMAIL_DELIVERY_BACKEND``,
from ``EMAIL_URL``) with retries. So the portal's own mails, allauth's and Wagtail's workflow
mails all share one path, and an SMTP server that is down, slow or refusing never turns a
request that already saved its data into an error.

Header values lose their line breaks here: a CR or LF in a subject (a thread title, say)
makes Django raise ``BadHeaderError``, so they are folded into spaces before anything is sent.
"""

import base64
import logging
import re
from collections.abc import Iterable, Sequence
from email.mime.base import MIMEBase
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from portal.retries import retried_task

logger = logging.getLogger(__name__)


LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def one_line(value: str) -> str:
    """The value with its line breaks (and the spaces around them) folded into one space."""
    return LINE_BREAKS.sub(" ", str(value)).strip()


def _addresses(addresses: Iterable[str]) -> list[str]:
    return [one_line(address) for address in addresses]


def _content(content: str | bytes) -> dict[str, str]:
    if isinstance(content, bytes):
        return {"base64": base64.b64encode(content).decode("ascii")}
    return {"text": content}


def _restore_content(data: dict[str, str]) -> str | bytes:
    return base64.b64decode(data["base64"]) if "base64" in data else data["text"]


def _attachment(attachment: Any) -> dict[str, Any]:
    if isinstance(attachment, MIMEBase):
        # No part of the portal attaches ready-made MIME parts; keep their payload and name.
        return {
            "filename": attachment.get_filename(),
            "content": _content(attachment.get_payload(decode=True) or b""),
            "mimetype": attachment.get_content_type(),
        }
    filename, content, mimetype = attachment
    return {"filename": filename, "content": _content(content), "mimetype": mimetype}


def serialise_message(message: EmailMessage) -> dict[str, Any]:
    """JSON-safe fields of ``message``, header values on one line each."""
    return {
        "subject": one_line(message.subject),
        "body": message.body,
        "from_email": one_line(message.from_email),
        "to": _addresses(message.to),
        "cc": _addresses(message.cc),
        "bcc": _addresses(message.bcc),
        "reply_to": _addresses(message.reply_to),
        "headers": {one_line(k): one_line(v) for k, v in message.extra_headers.items()},
        "content_subtype": message.content_subtype,
        "mixed_subtype": message.mixed_subtype,
        "encoding": message.encoding,
        "alternatives": [
            {"content": _content(content), "mimetype": mimetype}
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [_attachment(attachment) for attachment in message.attachments],
    }


def restore_message(data: dict[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=one_line(data["subject"]),
        body=data["body"],
        from_email=one_line(data["from_email"]),
        to=_addresses(data["to"]),
        cc=_addresses(data["cc"]),
        bcc=_addresses(data["bcc"]),
        reply_to=_addresses(data["reply_to"]),
        headers={one_line(k): one_line(v) for k, v in data["headers"].items()},
    )
    message.content_subtype = data["content_subtype"]
    message.mixed_subtype = data["mixed_subtype"]
    message.encoding = data["encoding"]
    for alternative in data["alternatives"]:
        content = _restore_content(alternative["content"])
        message.attach_alternative(content, alternative["mimetype"])
    for attachment in data["attachments"]:
        message.attach(
            attachment["filename"], _restore_content(attachment["content"]), attachment["mimetype"]
        )
    return message


@retried_task()
def deliver_email(message: dict[str, Any]) -> int:
    """Send one queued message through the real backend; raises (and is retried) on failure."""
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    return connection.send_messages([restore_message(message)])


class QueuedEmailBackend(BaseEmailBackend):
    """Enqueue each message for :func:`deliver_email` instead of sending it now."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                deliver_email.enqueue(serialise_message(message))
            except Exception:
                # Mail must never fail the request that sent it; the log has the details.
                logger.exception("Could not queue e-mail %r", one_line(message.subject))
                continue
            queued += 1
        return queued
