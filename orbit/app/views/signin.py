"""The sign-in page: with ``[auth]`` in the secrets, what a browser sees before it has signed in.

:func:`admitted` runs first in every run of the app. Without sign-in it
lets everything through (the shared workspace). With sign-in, a browser
that has not signed in gets a short explanation and a "Sign in" button
("Anmelden"), and the run stops there: the library is never asked, so
nothing of any design, not even its name, is sent to it. A broken setup
and an identity without a usable e-mail address stop the run the same way,
with a line saying what to do.
"""

from __future__ import annotations

import streamlit as st

from ...i18n import LANGUAGES, Translator
from .. import auth, display, state

ss = st.session_state


def language() -> str:
    """The sign-in page's language: the link's ``lang``, else the browser's, else English."""
    chosen = ss.get("signin_lang")
    if chosen in LANGUAGES:
        return chosen
    wanted = state.read_url(st.query_params.to_dict()).get("lang")
    if wanted:
        return wanted
    locale = (st.context.locale or "").lower()
    return "de" if locale.startswith("de") else state.DEFAULT_LANG


def _lang_param() -> dict:
    lang = ss.get("signin_lang") or st.query_params.get("lang")
    return {"lang": lang} if lang in LANGUAGES and lang != state.DEFAULT_LANG else {}


def admitted() -> bool:
    """Whether the app may draw designs for this browser; if not, the page it sees instead is drawn."""
    status = auth.status()
    if status == auth.OFF:
        return True
    if status == auth.SIGNED_IN:
        if "designs" not in ss and not st.query_params:  # back from the provider: the link one came with
            kept = auth.recall_link()
            if kept:
                st.query_params.from_dict(kept)
        return True
    if status == auth.SIGNED_OUT:
        auth.remember_link({k: v for k, v in st.query_params.to_dict().items() if k != "lang"} | _lang_param())
    lang = language()
    tr = Translator(lang)
    _, middle, _ = st.columns([1, 2, 1])
    with middle, st.container(border=True, key="signin_page"):
        st.title(":material/radar: " + tr("head.title"), anchor=False)
        if status == auth.BROKEN:
            st.error(tr("access.broken"), icon=":material/error:")
            st.caption(display.md_escape(auth.setup().problem or ""))
            return False
        if status == auth.NO_EMAIL:
            st.warning(tr("access.no_email"), icon=":material/no_accounts:")
            if st.button(tr("access.sign_out"), key="sign_out", icon=":material/logout:"):
                st.logout()
            return False
        st.markdown(tr("access.signin.intro"))
        st.caption(tr("access.signin.privacy"))
        if st.button(tr("access.sign_in"), key="sign_in", type="primary", icon=":material/login:"):
            st.login()
        st.segmented_control(
            display.language_label(tr),
            list(LANGUAGES),
            format_func=LANGUAGES.get,
            key="signin_lang",
            default=lang,
            required=True,
        )
    return False
