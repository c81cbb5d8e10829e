"""TOTP codes computed the way an authenticator app does, with allauth's own HOTP function."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

PERIOD_SECONDS = 30
# A browser test types the code and submits it a few seconds later; a code read in the last
# seconds of its period reached the server in the next one and failed CI once (stop 20).
MIN_SECONDS_LEFT = 8


def totp_code(secret: str, *, offset_periods: int = 0) -> str:
    left = PERIOD_SECONDS - time.time() % PERIOD_SECONDS
    if left < MIN_SECONDS_LEFT:
        time.sleep(left + 0.05)
    counter = int(time.time()) // PERIOD_SECONDS + offset_periods
    return format_hotp_value(hotp_value(secret, counter))
