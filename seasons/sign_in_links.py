"""What every e-mailed sign-in link shares (the laureate teams' space, the jurors'
screens): a random token whose SHA-256 only is stored, spent once by a conditional
update, and rate limits counted per address without keeping the address.

Pure helpers on text and on any link model with `token_hash`, `expires_at` and
`used_at`: `laureates.space.sign_in` and `seasons.jury.sign_in` use them, so that
`seasons` never imports `laureates`.
"""

import hashlib
import secrets
from datetime import timedelta


def normalized(email):
    return email.strip().lower()


def new_token():
    return secrets.token_urlsafe(32)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def address_key(email):
    """What the per-address rate limit counts under: never the address itself."""
    return "address:" + hashlib.sha256(normalized(email).encode()).hexdigest()


def expiry(now, minutes):
    return now + timedelta(minutes=minutes)


def usable(links, token, now):
    """`links` (a queryset) narrowed to the one `token` may still use: unused, unexpired."""
    return links.filter(
        token_hash=token_hash(token or ""), used_at__isnull=True, expires_at__gt=now
    )


def spend(link, now):
    """Mark `link` used; False when another request spent it first (two tabs posting the
    same link at once: one signs in)."""
    unused = type(link).objects.filter(pk=link.pk, used_at__isnull=True)
    return bool(unused.update(used_at=now))
