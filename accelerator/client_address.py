"""The address of the person behind a request, for every per-client limit of the site.

The rate limits of the public form (`seasons.applying.antispam`) and the login lockout of
django-axes (`AXES_CLIENT_IP_CALLABLE`) both count per client: both call this function.

Behind a load balancer or reverse proxy (docs/deploy.md), `REMOTE_ADDR` is the proxy's
address, the same for every visitor: counted on it, the whole site would share one
applicant's limit, and five wrong passwords from anyone would lock a staff account for
everyone. Each proxy appends the address it received the request from to
`X-Forwarded-For`, so with `TRUSTED_PROXY_COUNT` proxies in front, the client is the
entry that many places from the end. Entries further left were written by the client
itself and are never trusted. With the default, 0, the header is ignored: without a proxy
that sets it, anyone could write any address there and escape every limit.

The instances must then be reachable only through those proxies (otherwise a client
talking to them directly writes the header that would be trusted).
"""

import ipaddress

from django.conf import settings


def client_address(request):
    """The client's IP address as a string; None when the request has none (django-axes
    stores None, an address column refuses anything else)."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < proxies:
        # Fewer entries than proxies: the request did not come through all of them.
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        # A proxy writes addresses only: anything else was not written by a proxy.
        return remote
