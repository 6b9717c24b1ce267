"""The only way a delivery leaves this site: HTTPS to a public address, checked when the endpoint is registered and
again at every delivery (resolve the host, check every address it has, then connect to the address that was
checked, with the host name kept for TLS (SNI and certificate) and the Host header). A DNS answer that changes
after registration (rebinding) therefore cannot reach an internal address.

Short timeouts, no redirect followed (a 3xx is a failed delivery), and the response body read up to a cap.
`WEBHOOKS_ALLOW_PRIVATE_FOR_TESTS` (tests and the benchmark only) allows http:// and private addresses, for a
receiver on 127.0.0.1.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

URL_NOT_HTTPS = _("A webhook URL must start with https://.")
URL_INVALID = _("This is not a URL a webhook can be sent to.")
URL_UNRESOLVED = _("The host %(host)s could not be resolved.")
URL_NOT_PUBLIC = _("The host %(host)s has the address %(address)s, which is not a public address.")

RESPONSE_READ_BYTES = 4096
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _allow_private() -> bool:
    return bool(getattr(settings, "WEBHOOKS_ALLOW_PRIVATE_FOR_TESTS", False))


def address_is_public(address: IPAddress) -> bool:
    """A global unicast address: not private, loopback, link-local, multicast, reserved, unspecified, shared
    (100.64/10) or documentation; an IPv6 address that carries an IPv4 one (mapped, 6to4, Teredo) is judged by it."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = address.ipv4_mapped or address.sixtofour or (address.teredo[1] if address.teredo else None)
        if inner is not None and not address_is_public(inner):
            return False
    bad = (
        address.is_private,
        address.is_loopback,
        address.is_link_local,
        address.is_multicast,
        address.is_reserved,
        address.is_unspecified,
    )
    return address.is_global and not any(bad)


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str


def url_parse(url: str) -> Target:
    """The parts of a webhook URL; a ValidationError when it is not https:// (or http:// under the test flag), has
    credentials or no host."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise ValidationError(URL_INVALID, code="invalid") from exc
    allowed = ("https", "http") if _allow_private() else ("https",)
    if parts.scheme not in allowed:
        raise ValidationError(URL_NOT_HTTPS, code="not_https")
    if not parts.hostname or parts.username is not None or parts.password is not None:
        raise ValidationError(URL_INVALID, code="invalid")
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    default = 443 if parts.scheme == "https" else 80
    return Target(parts.scheme, parts.hostname, port or default, path)


def resolve_checked(host: str, port: int) -> list[str]:
    """Every address of `host`, each checked; a ValidationError naming the first address that is not public (or
    when the host does not resolve). Never returns an empty list."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise ValidationError(URL_UNRESOLVED, code="unresolved", params={"host": host}) from exc
    addresses: list[str] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        text = str(sockaddr[0]).split("%", 1)[0]  # an IPv6 zone ("fe80::1%eth0") is not part of the address
        address = ipaddress.ip_address(text)
        if not _allow_private() and not address_is_public(address):
            raise ValidationError(URL_NOT_PUBLIC, code="not_public", params={"host": host, "address": text})
        if text not in addresses:
            addresses.append(text)
    if not addresses:
        raise ValidationError(URL_UNRESOLVED, code="unresolved", params={"host": host})
    return addresses


def url_check(url: str) -> Target:
    """Registration's check: the URL's form and every address its host has now."""
    target = url_parse(url)
    resolve_checked(target.host, target.port)
    return target


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to an address checked beforehand, whatever the host name resolves to by then."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), timeout=self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), timeout=self.timeout)
        # SNI and the certificate check are for the host name, not the address connected to.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float) -> Response:
    """POST `body` to `url` after checking every address of its host; raises ValidationError for a refused URL or
    address, OSError (and http.client.HTTPException) for a network failure."""
    target = url_parse(url)
    address = resolve_checked(target.host, target.port)[0]
    kind = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = kind(target.host, target.port, address, timeout)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        return Response(response.status, response.read(RESPONSE_READ_BYTES))
    finally:
        connection.close()
