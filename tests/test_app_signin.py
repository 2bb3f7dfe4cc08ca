"""The app with sign-in (issue 17), run headless with AppTest: ``[auth]`` in the secrets, ``st.user`` faked.

AppTest cannot run the OpenID Connect flow itself (tests/test_browser_signin.py
does, against a real provider); it sets the signed-in identity directly
(``at.user``), which is what Streamlit's identity cookie gives a session.
Each test has its own library (tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import orbit
from orbit.library import Library, PermissionDenied

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 60
ALICE, BOB = "alice@example.com", "bob@example.org"
SECRET = "Reorg Zeta 2027"
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "a-test-cookie-secret-of-enough-length",
    "client_id": "orbit",
    "client_secret": "orbit-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
CLASSIC = "Brenner Verpackungsmaschinen GmbH (klassisch)"


def plan(lead: str = "Leitung") -> orbit.Organisation:
    return orbit.Organisation.from_records(
        [
            {"id": "lead", "name": lead, "headcount": 2},
            {"id": "desk", "name": "Kundendienst Zeta", "parent": "lead", "headcount": 5, "serves": ["customer"]},
        ],
        name=SECRET,
    )


def run(at: AppTest) -> AppTest:
    at.run(timeout=TIMEOUT)
    assert not at.exception, [e.value for e in at.exception]
    return at


def run_click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click()
    return run(at)


def browser(email: str | None = None, *, auth: dict | None = None, claims: dict | None = None, **params) -> AppTest:
    """A new browser session of the app with sign-in configured: signed in as ``email``, or signed out."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.secrets["auth"] = dict(AUTH if auth is None else auth)
    at.user = {"is_logged_in": True, "email": email, **(claims or {})} if email else {"is_logged_in": False}
    at.query_params.update(params)
    return run(at)


def page_text(at: AppTest) -> str:
    """Everything the run sent to the browser, as text (every element's protobuf)."""
    return str(at._tree)


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [e.value for e in at.error]
    parts += [w.value for w in at.warning] + [s.value for s in at.success] + [i.value for i in at.info]
    return "\n".join(str(p) for p in parts).replace("\\", "")


def picker_names(at: AppTest) -> list[str]:
    return [o.replace("\\", "") for o in at.radio(key="design_picker").options]


def open_tab(at: AppTest, label: str) -> AppTest:
    at.session_state["view_tab"] = label
    return run(at)


def library() -> Library:
    return Library()


def alice_saves() -> Library:
    lib = library().signed_in(ALICE)
    lib.save(plan(), SECRET, message="first draft")
    return lib


# ---------------------------------------------------------------- signed out
@pytest.mark.parametrize(("lang", "button"), [("en", "Sign in"), ("de", "Anmelden")])
def test_a_signed_out_browser_gets_the_sign_in_page_and_nothing_of_any_design(lang, button):
    alice_saves()
    library().save(plan(), "Workspace plan")  # a design from before sign-in, too
    at = browser(lang=lang, design=f"library:{ALICE}/{SECRET}")
    assert [b.label for b in at.button] == [button]
    sent = page_text(at)
    for secret in (SECRET, "Kundendienst Zeta", "Workspace plan", CLASSIC, "Leitung"):
        assert secret not in sent
    assert not at.sidebar.children or not any(SECRET in str(c) for c in at.sidebar.children.values())
    assert "design_picker" not in at.session_state and "designs" not in at.session_state


def test_a_broken_setup_serves_nothing_and_says_what_is_missing():
    alice_saves()
    at = browser(ALICE, auth={k: v for k, v in AUTH.items() if k != "client_secret"})
    assert "client_secret" in texts(at)
    assert SECRET not in page_text(at) and CLASSIC not in page_text(at)
    assert not at.button(key="sign_in") if "sign_in" in [b.key for b in at.button] else True


def test_an_identity_without_a_verified_email_is_not_let_in():
    alice_saves()
    at = browser(ALICE, claims={"email_verified": False})
    assert "no verified e-mail address" in texts(at)
    assert SECRET not in page_text(at)
    assert [b.label for b in at.button] == ["Sign out"]


# ---------------------------------------------------------------- signed in: own designs, others' designs
def test_each_user_gets_their_own_samples_and_sees_only_what_is_theirs_or_shared():
    alice_saves()
    alice = browser(ALICE)
    assert SECRET in picker_names(alice) and CLASSIC in picker_names(alice)
    assert f"Signed in as {ALICE}" in texts(alice)
    bob = browser(BOB)
    assert CLASSIC in picker_names(bob), "Bob gets his own copies of the samples"
    assert SECRET not in picker_names(bob)
    assert SECRET not in page_text(bob) and "Kundendienst Zeta" not in page_text(bob)
    owners = library().as_admin().list()
    assert set(owners[owners.name == CLASSIC].owner) == {ALICE, BOB}


def test_a_design_one_may_not_see_answers_like_one_that_does_not_exist():
    alice_saves()
    hidden = browser(BOB, design=f"library:{ALICE}/{SECRET}", version="1")
    missing = browser(BOB, design=f"library:{ALICE}/No such plan", version="1")
    assert SECRET not in page_text(hidden)
    hidden_text = texts(hidden).replace(f"{ALICE}/{SECRET}", "NAME")
    missing_text = texts(missing).replace(f"{ALICE}/No such plan", "NAME")
    assert "not in the library or not shared with you" in hidden_text
    assert hidden_text == missing_text
    plain = browser(BOB, design=f"library:{SECRET}")  # without the owner, as links from before sign-in
    assert SECRET not in picker_names(plain) and "Kundendienst Zeta" not in page_text(plain)


def test_a_viewer_opens_and_compares_but_the_editor_is_refused_in_the_ui_and_in_the_library():
    lib = alice_saves()
    lib.share(SECRET, BOB, "viewer")
    bob = browser(BOB, design=f"library:{ALICE}/{SECRET}")
    assert bob.session_state["current"] == f"library:{ALICE}/{SECRET}"
    assert "view only" in texts(bob)
    bob = open_tab(bob, "Edit (what-if)")
    assert not bob.get("arrow_data_editor"), "a viewer gets no editor"
    assert f"{ALICE} shared it with you as a viewer" in texts(bob)
    with pytest.raises(PermissionDenied, match="needs the editor role; you are a viewer"):
        library().signed_in(BOB).save(plan("Bob war hier"), f"{ALICE}/{SECRET}")
    bob = open_tab(bob, "History")
    assert bob.button(key="history_restore").disabled


def test_an_editor_saves_a_version_that_names_him_and_the_history_shows_it():
    lib = alice_saves()
    lib.share(SECRET, BOB, "editor")
    bob = browser(BOB, design=f"library:{ALICE}/{SECRET}")
    bob = open_tab(bob, "Edit (what-if)")
    session = next(iter(bob.session_state["edits"].values()))
    base = session.editor_base
    row = int(base.index[base["id"] == "desk"][0])
    edit = {"edited_rows": {row: {"headcount": 9}}, "added_rows": [], "deleted_rows": []}
    bob.session_state[session.editor_key] = edit
    bob = run(bob)
    history = lib.history(SECRET)
    assert list(history.author) == [BOB, ALICE]
    bob = open_tab(bob, "History")
    table = bob.dataframe[0].value
    assert list(table["by"]) == [BOB, ALICE]


def test_unsharing_takes_effect_at_the_next_interaction():
    lib = alice_saves()
    lib.share(SECRET, BOB, "viewer")
    bob = browser(BOB, design=f"library:{ALICE}/{SECRET}")
    assert bob.session_state["current"] == f"library:{ALICE}/{SECRET}"
    lib.unshare(SECRET, BOB)
    bob = run(bob)
    assert bob.session_state["current"] != f"library:{ALICE}/{SECRET}"
    assert SECRET not in picker_names(bob) and "Kundendienst Zeta" not in page_text(bob)


def test_the_owner_shares_in_the_panel_and_takes_it_back():
    alice_saves()
    alice = browser(ALICE, design=f"library:{ALICE}/{SECRET}")
    alice.text_input(key="share_email").input("Bob@Example.org")
    alice = run_click(alice, "share_go")
    assert f"Shared with {BOB} (viewer)." in texts(alice)
    members = library().as_admin().members(f"{ALICE}/{SECRET}")
    assert list(zip(members.who, members.role, strict=True)) == [(ALICE, "owner"), (BOB, "viewer")]
    assert SECRET in picker_names(browser(BOB))
    alice = run_click(alice, "unshare_1")
    assert SECRET not in picker_names(browser(BOB))


def test_others_see_the_members_but_cannot_share():
    lib = alice_saves()
    lib.share(SECRET, BOB, "editor")
    bob = browser(BOB, design=f"library:{ALICE}/{SECRET}")
    assert "Only its owner, alice@example.com, can share it" in texts(bob)
    assert "share_go" not in [b.key for b in bob.button] and "unshare_1" not in [b.key for b in bob.button]


def test_a_read_only_link_opens_the_design_until_it_is_revoked():
    lib = alice_saves()
    alice = browser(ALICE, design=f"library:{ALICE}/{SECRET}")
    alice = run_click(alice, "link_go")
    address = next(c.value for c in alice.code)
    token = address.split("?link=", 1)[1]
    guest = browser("guest@partner.net", link=token)
    assert guest.session_state["current"].startswith("link:")
    assert "by a read-only link from alice@example.com" in texts(guest)
    assert "Kundendienst Zeta" in page_text(guest)
    guest = open_tab(guest, "Edit (what-if)")
    assert not guest.get("arrow_data_editor")
    guest = open_tab(guest, "History")
    assert "opens this one version only" in texts(guest)
    lib.revoke_link(SECRET, "all")
    guest = run(guest)
    assert not guest.session_state["current"].startswith("link:")
    assert "was revoked" in texts(guest)
    assert "Kundendienst Zeta" not in page_text(guest)
    again = browser("guest@partner.net", link=token)
    made_up = browser("guest@partner.net", link="x" * 43)
    assert texts(again) == texts(made_up) and "This link opens nothing" in texts(again)


def test_admins_see_every_design():
    alice_saves()
    import os

    os.environ["ORBIT_ADMINS"] = "Boss@Example.com"
    try:
        boss = browser("boss@example.com")
    finally:
        del os.environ["ORBIT_ADMINS"]
    assert SECRET in picker_names(boss)
    assert "Admin: you see and manage every design." in texts(boss)
