"""With sign-in: who may open the design on screen (its members), sharing it, read-only links; the account.

The owner (and admins) share with a person by e-mail, with everyone
signed in from an e-mail domain, or by a read-only link whose random token
is shown once; each can be taken back. Everyone who may open a design sees
its members (never a link's token). Every action goes through the library,
which checks the role again (:mod:`orbit.library.sharing`); what changes
holds from the next interaction of the person concerned.
"""

from __future__ import annotations

import urllib.parse

import pandas as pd
import streamlit as st

from ...errors import OrgError
from ...i18n import Translator
from .. import auth, designs, display

ss = st.session_state

ROLES = ("viewer", "editor")
"""The roles a share gives."""
PUBLIC_MAIL = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "t-online.de",
        "freenet.de",
        "posteo.de",
        "mailbox.org",
        "proton.me",
        "protonmail.com",
    ]
)
"""Domains of public mail services: "everyone @gmail.com" is not a team, so the app never offers it."""


def panel(tr: Translator, d: designs.Design) -> None:
    """The sharing popover under the open design: its members, and for its owner the ways to share."""
    if d.by_link:
        return
    with st.popover(tr("access.share"), icon=":material/group:", width="stretch", key="share_panel"):
        st.markdown(f"**{tr('access.members', name=display.md_escape(d.shown_name))}**")
        try:
            frame = designs.library().members(d.name)
        except OrgError as err:
            st.error(display.md_escape(str(err)))
            return
        result = ss.pop("share_result", None)
        if result:
            (st.success if result[0] == "ok" else st.error)(display.md_escape(result[1]))
        members(tr, d, frame)
        if not d.may_share:
            st.caption(tr("access.owner_only", owner=display.md_escape(d.owner)))
            return
        st.divider()
        share_form(tr, d)
        st.divider()
        link_form(tr, d)


def role_label(tr: Translator, role: str) -> str:
    return tr(f"access.role.{role}")


def members(tr: Translator, d: designs.Design, frame: pd.DataFrame) -> None:
    """One line per member: who, their role; for the owner a button that takes each one back."""
    for i, r in enumerate(frame.itertuples(index=False)):
        if r.kind == "domain":
            who = tr("access.kind.domain", domain=r.who)
        elif r.kind == "link":
            opens = tr("access.link.fixed", n=int(r.version)) if pd.notna(r.version) else tr("access.link.newest")
            who = tr("access.kind.link", id=r.who.removeprefix("link "), opens=opens)
        else:
            who = r.who
        row = st.container(horizontal=True, vertical_alignment="center", key=f"member_{i}")
        row.markdown(f"{display.md_escape(who)} · *{role_label(tr, r.role)}*", width="stretch")
        if d.may_share and r.role != "owner":
            row.button(
                "",
                key=f"unshare_{i}",
                icon=":material/person_remove:" if r.kind != "link" else ":material/link_off:",
                help=tr("access.revoke.help" if r.kind == "link" else "access.unshare.help"),
                on_click=on_unshare,
                args=(d.name, r.kind, r.who, tr.lang),
            )


def share_form(tr: Translator, d: designs.Design) -> None:
    """Share with a person (e-mail and role) or with everyone of the user's e-mail domain."""
    st.markdown(f"**{tr('access.with_person')}**")
    st.text_input(tr("access.email"), key="share_email", placeholder=tr("access.email.placeholder"))
    st.segmented_control(
        tr("access.role"),
        ROLES,
        format_func=lambda r: role_label(tr, r),
        key="share_role",
        default=ROLES[0],
        required=True,
    )
    st.caption(tr("access.roles.help"))
    st.button(
        tr("access.share.go"),
        key="share_go",
        on_click=on_share,
        args=(d.name, tr.lang),
        icon=":material/person_add:",
        type="primary",
    )
    domain = (designs.current_user() or "").partition("@")[2]
    if domain and domain not in PUBLIC_MAIL:
        st.button(
            tr("access.share.domain", domain=domain),
            key="share_domain_go",
            on_click=on_share_domain,
            args=(d.name, domain, tr.lang),
            icon=":material/domain:",
            help=tr("access.share.domain.help", domain=domain),
        )


def link_form(tr: Translator, d: designs.Design) -> None:
    """Make a read-only link (its address shown once), for the newest version or the version on screen."""
    st.markdown(f"**{tr('access.link.title')}**")
    st.caption(tr("access.link.help"))
    fixed = st.checkbox(tr("access.link.this_version", n=d.version), key="link_fixed", value=d.pinned)
    st.button(
        tr("access.link.go"),
        key="link_go",
        on_click=on_link,
        args=(d.name, d.version if fixed else None, tr.lang),
        icon=":material/add_link:",
    )
    made = ss.get("new_link")
    if made and made[0] == d.name:
        st.caption(tr("access.link.once"))
        st.code(made[1], language=None, wrap_lines=True)


def app_address() -> str:
    """The app's address as the browser sees it, without query or fragment (for a link to paste)."""
    url = st.context.url or ""
    parts = urllib.parse.urlsplit(url)
    if not parts.scheme:
        return url
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "", ""))


def link_address(token: str) -> str:
    """The address that opens a read-only link: the app's, with ``?link=TOKEN``."""
    return f"{app_address()}?{urllib.parse.urlencode({'link': token})}"


# ---------------------------------------------------------------- actions
def _done(kind: str, text: str) -> None:
    ss.share_result = (kind, text)


def on_share(name: str, lang: str) -> None:
    tr = Translator(lang)
    email = (ss.get("share_email") or "").strip()
    role = ss.get("share_role") or ROLES[0]
    if not email:
        _done("error", tr("access.email.missing"))
        return
    try:
        designs.library().share(name, email, role)
    except OrgError as err:
        _done("error", tr("lib.failed", message=err.message))
        return
    ss.share_email = ""
    _done("ok", tr("access.done.shared", who=email.lower(), role=role_label(tr, role)))


def on_share_domain(name: str, domain: str, lang: str) -> None:
    tr = Translator(lang)
    role = ss.get("share_role") or ROLES[0]
    try:
        designs.library().share_domain(name, domain, role)
    except OrgError as err:
        _done("error", tr("lib.failed", message=err.message))
        return
    _done("ok", tr("access.done.shared", who=tr("access.kind.domain", domain=domain), role=role_label(tr, role)))


def on_unshare(name: str, kind: str, who: str, lang: str) -> None:
    tr = Translator(lang)
    try:
        lib = designs.library()
        if kind == "link":
            lib.revoke_link(name, who)
        else:
            lib.unshare(name, who)
    except OrgError as err:
        _done("error", tr("lib.failed", message=err.message))
        return
    if kind == "link":
        ss.new_link = None
    _done("ok", tr("access.done.revoked" if kind == "link" else "access.done.unshared", who=who))


def on_link(name: str, version: int | None, lang: str) -> None:
    tr = Translator(lang)
    try:
        token = designs.library().create_link(name, version=version)
    except OrgError as err:
        _done("error", tr("lib.failed", message=err.message))
        return
    ss.new_link = (name, link_address(token))
    _done("ok", tr("access.done.link"))


# ---------------------------------------------------------------- the account
def account(tr: Translator) -> None:
    """Who is signed in (an admin says so), and the button that signs out."""
    email = designs.current_user()
    if email is None:
        return
    with st.container(key="account"):
        shown = auth.display_name()
        text = tr("access.signed_in_as", name=display.md_escape(shown), email=display.md_escape(email))
        if shown == email:
            text = tr("access.signed_in_as.email", email=display.md_escape(email))
        st.caption(":material/account_circle: " + text)
        if designs.library().is_admin:
            st.caption(":material/shield_person: " + tr("access.admin"))
        if st.button(tr("access.sign_out"), key="sign_out", icon=":material/logout:"):
            st.logout()
