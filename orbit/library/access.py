"""Who may do what with a design: roles, e-mail addresses, the acting user, link tokens (no database here).

Roles, from least to most
    ``viewer`` opens, exports and compares a design (reads its versions and
    history); ``editor`` also saves versions, restores old ones and renames
    it; ``owner`` (the user who created it) also shares and unshares it,
    makes and revokes links, deletes and restores it.
Who acts (:class:`Actor`)
    ``workspace``: no sign-in configured; the single shared workspace where
    everyone is everything, authors are the OS user or ``anonymous``.
    ``signed-in``: a user known by their e-mail; every library call checks
    their role, and an e-mail listed in ``ORBIT_ADMINS`` is an admin.
    ``admin``: the command line, which has the database's credentials and
    acts as an admin on it. Admins and the workspace see and manage every
    design as if they owned it.
E-mail addresses and domains
    Normalised once, when they enter (:func:`normalise_email`): outer
    spaces removed, Unicode NFC, lower case; compared exactly after that.
    A domain share covers the addresses ``…@domain`` and not its sub-domains.
Links
    A link's token is 256 random bits (:func:`new_token`), given to its
    maker once and stored only as its SHA-256 (:func:`token_hash`).

>>> normalise_email("  Ana.Lopez@Example.COM ")
'ana.lopez@example.com'
>>> Actor.signed_in("Ana@Example.com", admins=["ana@example.com"]).admin
True
>>> allows("editor", "save"), allows("viewer", "save")
(True, False)
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

VIEWER, EDITOR, OWNER = "viewer", "editor", "owner"
ROLES = (VIEWER, EDITOR, OWNER)
"""The roles, from least to most."""
SHARE_ROLES = (VIEWER, EDITOR)
"""The roles a design can be shared with (there is one owner)."""
RANK = {None: 0, VIEWER: 1, EDITOR: 2, OWNER: 3}

WORKSPACE, SIGNED_IN, ADMIN = "workspace", "signed-in", "admin"
MODES = (WORKSPACE, SIGNED_IN, ADMIN)
"""How a :class:`~orbit.library.Library` acts: see :class:`Actor`."""

ADMINS_VAR = "ORBIT_ADMINS"
"""The environment variable listing the admins' e-mails, comma separated."""
EMAIL_MAX = 254
"""Longest e-mail address (RFC 5321)."""
TOKEN_BYTES = 32
"""Random bytes in a link token (256 bits)."""
LINK_ID_CHARS = 8
"""Characters of a link's id: the start of its token's hash, never of the token."""

PERSON, DOMAIN, LINK = "person", "domain", "link"
"""Kinds of member: a person (e-mail), everyone of a domain, a read-only link."""

ACTIONS = {
    "read": (VIEWER, "opening"),
    "save": (EDITOR, "saving a version"),
    "restore_version": (EDITOR, "restoring a version"),
    "rename": (EDITOR, "renaming"),
    "delete": (OWNER, "deleting"),
    "restore": (OWNER, "restoring a deleted design"),
    "share": (OWNER, "sharing"),
    "link": (OWNER, "making or revoking links"),
}
"""What each kind of call needs: the least role, and how an error names the action."""

_FORBIDDEN = r"\s@/\\,;:<>()\[\]\""
_LABEL = rf"[^{_FORBIDDEN}.]+"
_DOMAIN_RE = re.compile(rf"^{_LABEL}(?:\.{_LABEL})*$")
_LOCAL_RE = re.compile(rf"^[^{_FORBIDDEN}]+$")


def _clean(text) -> str:
    return unicodedata.normalize("NFC", text.strip()).lower()


def normalise_domain(domain) -> str:
    """A domain as stored and compared: lower case, without a leading ``@``; ``ValueError`` when it is none.

    >>> normalise_domain("@Example.COM")
    'example.com'
    """
    if not isinstance(domain, str):
        raise ValueError(f"a domain must be text, not {type(domain).__name__}")
    cleaned = _clean(domain).removeprefix("@")
    if not cleaned or len(cleaned) > EMAIL_MAX or not _DOMAIN_RE.match(cleaned) or cleaned.startswith("-"):
        raise ValueError(f"{domain.strip()!r} is not an e-mail domain (write it as example.com)")
    return cleaned


def normalise_email(email) -> str:
    """An e-mail address as stored and compared (see the module notes); ``ValueError`` when it is none.

    >>> normalise_email("Bob@Example.com")
    'bob@example.com'
    >>> normalise_email("bob")
    Traceback (most recent call last):
    ValueError: 'bob' is not an e-mail address (write it as name@example.com)
    """
    if not isinstance(email, str):
        raise ValueError(f"an e-mail address must be text, not {type(email).__name__}")
    cleaned = _clean(email)
    local, at, domain = cleaned.rpartition("@")
    ok = at and len(cleaned) <= EMAIL_MAX and _LOCAL_RE.match(local)
    try:
        ok = ok and normalise_domain(domain) == domain
    except ValueError:
        ok = False
    if not ok:
        raise ValueError(f"{email.strip()[:80]!r} is not an e-mail address (write it as name@example.com)")
    return cleaned


def is_email(text) -> bool:
    """Whether ``text`` is an e-mail address (as :func:`normalise_email` accepts it).

    >>> is_email("ana@example.com"), is_email("maria")
    (True, False)
    """
    try:
        normalise_email(text)
    except ValueError:
        return False
    return True


def owner_key(author: str) -> str:
    """Who owns what ``author`` creates: the normalised e-mail, else the author as given (an OS user)."""
    return normalise_email(author) if is_email(author) else author


def parse_admins(text: str | Iterable[str] | None) -> frozenset[str]:
    """The admins' e-mails from ``ORBIT_ADMINS`` text (comma separated) or a list; ``ValueError`` for a bad entry.

    >>> sorted(parse_admins(" Dave@Example.com, eve@example.org ,"))
    ['dave@example.com', 'eve@example.org']
    """
    if text is None:
        return frozenset()
    items = text.split(",") if isinstance(text, str) else list(text)
    admins = set()
    for item in items:
        if isinstance(item, str) and not item.strip():
            continue
        try:
            admins.add(normalise_email(item))
        except ValueError as err:
            raise ValueError(f"{ADMINS_VAR}: {err}") from None
    return frozenset(admins)


def admins_from_environment() -> frozenset[str]:
    """The admins listed in ``$ORBIT_ADMINS`` now."""
    return parse_admins(os.environ.get(ADMINS_VAR, ""))


def allows(role: str | None, action: str) -> bool:
    """Whether ``role`` may do ``action`` (a key of :data:`ACTIONS`)."""
    return RANK[role] >= RANK[ACTIONS[action][0]]


def best(roles: Iterable[str | None]) -> str | None:
    """The strongest of several roles (``None`` for no role at all).

    >>> best(["viewer", "editor", None])
    'editor'
    """
    return max(roles, key=RANK.__getitem__, default=None)


@dataclass(frozen=True)
class Actor:
    """On whose behalf a library acts, and how its rights are decided.

    Attributes
    ----------
    mode : str
        ``workspace``, ``signed-in`` or ``admin`` (see the module notes).
    user : str or None
        The author of what is saved: the signed-in e-mail (normalised), or
        in the other modes a name given by the caller (``None``: the OS user,
        else ``anonymous``, at the time of saving).
    admin : bool
        A signed-in user listed in ``ORBIT_ADMINS``, or the ``admin`` mode.
    """

    mode: str = WORKSPACE
    user: str | None = None
    admin: bool = False

    @classmethod
    def signed_in(cls, email: str, *, admins: Iterable[str] = ()) -> Actor:
        """A signed-in user; ``ValueError`` when ``email`` is not an e-mail address."""
        email = normalise_email(email)
        return cls(SIGNED_IN, email, email in set(admins))

    @property
    def sees_all(self) -> bool:
        """Whether every design is visible and allowed (the workspace, and admins)."""
        return self.mode != SIGNED_IN or self.admin

    @property
    def checked(self) -> bool:
        """Whether roles are checked (a signed-in user who is not an admin)."""
        return not self.sees_all

    @property
    def domain(self) -> str | None:
        """The domain of a signed-in user's e-mail."""
        return self.user.rpartition("@")[2] if self.mode == SIGNED_IN and self.user else None


def new_token() -> str:
    """A new link token: 256 random bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What is stored of a token: its SHA-256, hex (a token has 256 random bits, so no slow hash is needed)."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def link_id(hashed: str) -> str:
    """A link's public id: the start of its token's hash (it tells nothing about the token).

    >>> link_id(token_hash("x"))
    '2d711642'
    """
    return hashed[:LINK_ID_CHARS]


__all__ = [
    "ACTIONS",
    "ADMIN",
    "ADMINS_VAR",
    "DOMAIN",
    "EDITOR",
    "LINK",
    "MODES",
    "OWNER",
    "PERSON",
    "ROLES",
    "SHARE_ROLES",
    "SIGNED_IN",
    "VIEWER",
    "WORKSPACE",
    "Actor",
    "admins_from_environment",
    "allows",
    "best",
    "is_email",
    "link_id",
    "new_token",
    "normalise_domain",
    "normalise_email",
    "owner_key",
    "parse_admins",
    "token_hash",
]
