"""The gate every request passes: Host check, token, and security headers on every answer.

Without a token the server is for this machine only, and a page on another
site must not reach it through DNS rebinding: the Host header has to name a
loopback address. With a token, each request carries it as
``Authorization: Bearer``, ``?token=`` or the cookie the dashboard gets when
it is opened with ``?token=`` (so its scripts and API calls need no copy).
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterable

from starlette.datastructures import Headers, MutableHeaders, QueryParams
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
COOKIE = "tieline_token"
TOKEN_CHARS = re.compile(r"[A-Za-z0-9._~-]{8,}")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "content-security-policy": CSP,  # article text is untrusted: no inline script can run
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",  # a ?token= must not leak to article sites
    "x-frame-options": "DENY",
}


def host_name(host: str) -> str:
    """The host part of a Host header, without port or IPv6 brackets."""
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class Gate:
    """ASGI middleware: reject foreign hosts and missing tokens, add security headers."""

    def __init__(
        self, app: ASGIApp, *, token: str | None, allowed_hosts: Iterable[str] | None
    ) -> None:
        self.app = app
        self.token = token
        self.hosts = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if self.hosts is not None and host_name(headers.get("host", "")).lower() not in self.hosts:
            await _reject(send, 400, "bad_host", "this server only answers to a loopback Host")
            return
        from_query = False
        if self.token is not None:
            given, from_query = _given_token(scope, headers)
            if given is None or not secrets.compare_digest(given.encode(), self.token.encode()):
                message = "a token is required: Authorization: Bearer <token> or ?token=<token>"
                await _reject(send, 401, "unauthorized", message)
                return
        await self.app(scope, receive, self._sender(send, scope, set_cookie=from_query))

    def _sender(self, send: Send, scope: Scope, *, set_cookie: bool) -> Send:
        api = scope["path"].startswith("/api/")

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                for k, v in HEADERS.items():
                    out.setdefault(k, v)
                if api:
                    out.setdefault("cache-control", "no-store")
                if set_cookie and self.token is not None:
                    out.append("set-cookie", _cookie(self.token))
            await send(message)

        return wrapped


def _given_token(scope: Scope, headers: Headers) -> tuple[str | None, bool]:
    """The token a request carries, and whether it came in the query string."""
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip(), False
    query = QueryParams(scope.get("query_string", b"").decode("latin-1"))
    if "token" in query:
        return query["token"], True
    return cookie_parser(headers.get("cookie", "")).get(COOKIE), False


def _cookie(token: str) -> str:
    return f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"


def check_token(token: str) -> str:
    """The token, if it can travel in a header, a query string and a cookie unquoted."""
    if not TOKEN_CHARS.fullmatch(token):
        raise ValueError("a token is 8 or more of: letters, digits and - . _ ~")
    return token


async def _reject(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"error": code, "message": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
