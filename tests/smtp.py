"""A real SMTP server on a free local port (aiosmtpd) that accepts or refuses what it gets."""

import contextlib
import socket
from collections.abc import Iterator

from aiosmtpd.controller import Controller


class Inbox:
    """Collects accepted messages; with ``refuse=True`` answers every message with a 550."""

    def __init__(self, *, refuse: bool = False):
        self.refuse = refuse
        self.messages = []
        self.refused = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            self.refused += 1
            return "550 Mailbox unavailable"
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serving(inbox: Inbox) -> Iterator[int]:
    """Run ``inbox`` as an SMTP server; yields its port."""
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()
