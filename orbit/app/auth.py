"""Sign-in: whether the app requires it, who is signed in, and what a broken setup looks like.

Sign-in is OpenID Connect through Streamlit's ``st.login``, configured the
standard way in ``.streamlit/secrets.toml``::

    [auth]
    redirect_uri = "https://orbit.example.com/oauth2callback"
    cookie_secret = "…a long random string…"
    client_id = "…"
    client_secret = "…"
    server_metadata_url = "https://…/.well-known/openid-configuration"

- **Without** an ``[auth]`` section the app is the single shared workspace
  it always was (:func:`required` is False, :func:`email` None).
- **With** one, every page requires sign-in: :func:`status` is ``signed-out``
  until the browser holds Streamlit's identity cookie, and the app draws
  nothing but the sign-in page (no design, not even a name, is sent).
- A setup that cannot be trusted fails **closed**: a secrets file that does
  not parse, an ``[auth]`` section missing a setting, or a sign-in whose
  identity carries no usable e-mail address is a status of its own and the
  app serves no design (:data:`BROKEN`, :data:`NO_EMAIL`).

Nothing here draws a widget (:mod:`orbit.app.views.signin` does).
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

SETTINGS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")
"""The ``[auth]`` settings the app needs (the default provider of ``st.login``)."""

OFF = "off"
"""No ``[auth]`` section: the shared workspace, no sign-in."""
SIGNED_OUT = "signed-out"
"""Sign-in is required and this browser has not signed in."""
SIGNED_IN = "signed-in"
"""Signed in with a usable e-mail address."""
NO_EMAIL = "no-email"
"""Signed in, but the identity has no e-mail address, or one the provider says it has not verified."""
BROKEN = "broken"
"""Sign-in is meant to be on but its settings cannot be read or are incomplete: nothing is served."""


class Setup:
    """What the secrets say about sign-in: ``problem`` is ``None`` when it is off or complete.

    Attributes
    ----------
    on : bool
        Whether an ``[auth]`` section (or an unreadable secrets file) asks for sign-in.
    problem : str or None
        Why the setup cannot be used (a missing setting, a secrets file that does not parse).
    """

    __slots__ = ("on", "problem")

    def __init__(self, on: bool, problem: str | None = None):
        self.on, self.problem = on, problem

    def __repr__(self) -> str:
        return f"Setup(on={self.on}, problem={self.problem!r})"


def check_section(section) -> str | None:
    """What is wrong with an ``[auth]`` section (``None``: nothing).

    >>> check_section({**{k: "x" for k in SETTINGS}, "redirect_uri": "http://127.0.0.1:8501/oauth2callback"}) is None
    True
    >>> check_section({"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": " "})
    'the [auth] section of secrets.toml lacks cookie_secret, client_id, client_secret, server_metadata_url'
    >>> check_section({**{k: "x" for k in SETTINGS}, "redirect_uri": "http://h:1/callback"})
    'redirect_uri in [auth] must end with /oauth2callback, not http://h:1/callback'
    """
    if not isinstance(section, Mapping):
        return "the auth entry of secrets.toml must be a table: [auth]"
    missing = [k for k in SETTINGS if not isinstance(section.get(k), str) or not section.get(k).strip()]
    if missing:
        return f"the [auth] section of secrets.toml lacks {', '.join(missing)}"
    redirect = section["redirect_uri"].strip()
    if not redirect.rstrip("/").endswith("/oauth2callback"):
        return f"redirect_uri in [auth] must end with /oauth2callback, not {redirect}"
    return None


def setup() -> Setup:
    """Read the secrets once per run: is sign-in on, and is its setup complete?

    A secrets file that exists but does not parse counts as sign-in on and
    broken: the app then serves nothing rather than opening the workspace to
    everyone because of a typo.
    """
    try:
        section = st.secrets.get("auth")
    except FileNotFoundError as err:  # StreamlitSecretNotFoundError: none at all, or one that does not parse
        if getattr(err, "error_id", None) == "no-secrets-found" or "No secrets found" in str(err):
            return Setup(False)
        return Setup(True, f"the secrets file cannot be read: {err}")
    if section is None:
        return Setup(False)
    return Setup(True, check_section(section))


def required() -> bool:
    """Whether every page requires sign-in (an ``[auth]`` section exists, complete or not)."""
    return setup().on


def identity() -> Mapping:
    """The signed-in identity's claims (``st.user``), empty when nobody is signed in."""
    try:
        return st.user.to_dict()
    except Exception:  # no script run context (a plain import), or no user at all
        return {}


def email_of(claims: Mapping) -> str | None:
    """The e-mail address of an identity, normalised, or ``None`` when it has none the app may trust.

    An address the provider explicitly marks as not verified
    (``email_verified: false``) is not trusted: anybody could type it.

    >>> email_of({"is_logged_in": True, "email": "Ana@Example.com"})
    'ana@example.com'
    >>> email_of({"is_logged_in": True, "email": "ana@example.com", "email_verified": False}) is None
    True
    >>> email_of({"is_logged_in": False, "email": "ana@example.com"}) is None
    True
    """
    from ..library import normalise_email

    if claims.get("is_logged_in") is not True:
        return None
    if claims.get("email_verified") in (False, "false", "False"):
        return None
    try:
        return normalise_email(claims.get("email"))
    except ValueError:
        return None


def status() -> str:
    """:data:`OFF`, :data:`SIGNED_OUT`, :data:`SIGNED_IN`, :data:`NO_EMAIL` or :data:`BROKEN`."""
    s = setup()
    if not s.on:
        return OFF
    if s.problem:
        return BROKEN
    claims = identity()
    if claims.get("is_logged_in") is not True:
        return SIGNED_OUT
    return SIGNED_IN if email_of(claims) else NO_EMAIL


def email() -> str | None:
    """The signed-in user's e-mail address; ``None`` without sign-in, or while nobody usable is signed in."""
    if not required():
        return None
    return email_of(identity())


def display_name() -> str:
    """How the sidebar greets the signed-in user: their name from the identity, else their e-mail."""
    claims = identity()
    name = claims.get("name")
    return name.strip() if isinstance(name, str) and name.strip() else (email() or "")


# ---------------------------------------------------------------- the link one arrived with
BROWSER_COOKIE = "_streamlit_xsrf"
"""Streamlit's XSRF cookie: the one thing a browser keeps across the sign-in round trip (on by sign-in)."""
KEEP_SECONDS = 600
"""How long the link a signed-out browser arrived with waits for its sign-in."""
_WAITING: dict[str, tuple[float, dict]] = {}
_WAITING_MAX = 10_000


def browser_key(cookie: str | None) -> str | None:
    """A stable key of this browser: the hash of the token inside Streamlit's XSRF cookie (its mask changes).

    >>> a = browser_key("2|00000000|deadbeef|1700000000")
    >>> a == browser_key("2|ffffffff|21524110|1700000000"), browser_key(None), browser_key("junk")
    (True, None, None)
    """
    import binascii
    import hashlib

    parts = (cookie or "").strip("\"'").split("|")
    try:
        if len(parts) == 4 and parts[0] == "2":
            mask, masked = binascii.a2b_hex(parts[1]), binascii.a2b_hex(parts[2])
            token = bytes(m ^ mask[i % len(mask)] for i, m in enumerate(masked))
        elif len(parts) == 1 and parts[0]:
            token = binascii.a2b_hex(parts[0])
        else:
            return None
    except (binascii.Error, ValueError, ZeroDivisionError):
        return None
    return hashlib.sha256(b"orbit sign-in|" + token).hexdigest() if token else None


def _this_browser() -> str | None:
    try:
        return browser_key(st.context.cookies.get(BROWSER_COOKIE))
    except Exception:  # no browser (a script run without one)
        return None


def remember_link(params: Mapping[str, str]) -> None:
    """Keep the link (query parameters) a signed-out browser arrived with, for after its sign-in.

    Streamlit's sign-in always returns to the app's start page; this
    process keeps the link for :data:`KEEP_SECONDS`, keyed by the browser
    (never sent anywhere). Behind a load balancer the sign-in may come back
    to another process: then the start page opens, as without this.
    """
    key = _this_browser()
    if key is None or not params:
        return
    now = _now()
    for k in [k for k, (t, _) in _WAITING.items() if now - t > KEEP_SECONDS]:
        del _WAITING[k]
    if len(_WAITING) < _WAITING_MAX or key in _WAITING:
        _WAITING[key] = (now, dict(params))


def recall_link() -> dict | None:
    """The link this browser arrived with before it signed in (once), or ``None``."""
    key = _this_browser()
    kept = _WAITING.pop(key, None) if key else None
    if kept is None or _now() - kept[0] > KEEP_SECONDS:
        return None
    return kept[1]


def _now() -> float:
    import time

    return time.monotonic()
