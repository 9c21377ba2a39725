"""The client's address, counted from a configured number of trusted proxies.

With `TRUSTED_PROXY_COUNT` = N reverse proxies in front of the portal, the nearest one is
REMOTE_ADDR and each appends the address it received the request from to
X-Forwarded-For, so the client is the N-th entry from the right. Entries to the left of
it are whatever the client wrote, never trusted. With N = 0 the header is ignored. When
the header has fewer entries than N (the request did not go through every proxy) or the
entry is not an address, REMOTE_ADDR is used. django-axes (AXES_CLIENT_IP_CALLABLE), the
recovery throttle and the contract-PDF quota all use this one function (issue 10, hole 2).
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """The address, or None when unknown (a request built by the test client's login)."""
    remote = request.META.get("REMOTE_ADDR") or None
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
