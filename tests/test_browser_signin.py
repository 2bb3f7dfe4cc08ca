"""Sign-in in a real browser (issue 17): a real OpenID Connect flow against ``oidc-provider-mock``.

The provider runs in this process on a free loopback port; the app's
secrets point ``st.login`` at it, and Playwright (the system Chromium)
signs in through the provider's login form as different people, each in
a browser context of their own (own cookies). Skipped without Chromium
unless ORBIT_REQUIRE_BROWSER=1. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time

import pytest
from test_browser import ARTIFACTS, free_port, streamlit_server
from test_browser_library import chromium, idle, open_tab

import orbit
from orbit.library import Library

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ALICE, BOB, GUEST = "alice@example.com", "bob@example.org", "guest@partner.net"
SECRET = "Reorg Zeta 2027"
SECRET_UNIT = "Kundendienst Zeta"
CLASSIC = "Brenner Verpackungsmaschinen GmbH (klassisch)"


@contextlib.contextmanager
def oidc_provider():
    """``oidc-provider-mock``'s server on 127.0.0.1 (its issuer URL); any client id and secret are accepted."""
    import oidc_provider_mock
    import werkzeug.serving

    server = werkzeug.serving.make_server("127.0.0.1", 0, oidc_provider_mock.app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()


@contextlib.contextmanager
def signin_app(tmp_path, admins: str = ""):
    """The app with ``[auth]`` pointing at a mock provider: its URL."""
    with oidc_provider() as issuer:
        port = free_port()
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            'cookie_secret = "browser-test-cookie-secret-0123456789"\n'
            'client_id = "orbit-test"\n'
            'client_secret = "orbit-test-secret"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
        )
        options = {"secrets.files": str(secrets)}
        with streamlit_server(
            env={"ORBIT_ADMINS": admins}, port=port, options=options, log_name="streamlit-signin-test.log"
        ) as url:
            yield url


def watched_page(browser, size=(1440, 1000)):
    """A new browser context (another person) whose websocket messages are all kept, as bytes."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.received = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: page.received.append(_bytes(f))))
    return page


def _bytes(frame) -> bytes:
    payload = frame if isinstance(frame, (bytes, str)) else getattr(frame, "payload", b"")
    return payload.encode("utf-8") if isinstance(payload, str) else bytes(payload)


def sent(page) -> bytes:
    """Everything the server sent this page: the page's HTML and every websocket message."""
    return page.content().encode("utf-8") + b"".join(page.received)


def sign_in(page, url: str, email: str, path: str = "") -> None:
    """Open the app and sign in through the provider's form as ``email``; wait for the app's charts."""
    page.goto(url + path)
    page.get_by_role("button", name=re.compile("Sign in|Anmelden")).click()
    page.wait_for_selector("input[name=sub]", timeout=30_000)
    page.fill("input[name=sub]", email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_selector(".js-plotly-plot", timeout=90_000)
    idle(page)


def go(page, url: str, path: str = "") -> None:
    page.goto(url + path)
    page.wait_for_selector(".js-plotly-plot", timeout=90_000)
    idle(page)


def picker_text(page) -> str:
    return page.locator(".st-key-design_list").text_content()


def pick(page, name: str) -> None:
    """Open a design from the sidebar's picker."""
    option = page.locator(".st-key-design_list label").filter(has_text=name).first
    option.scroll_into_view_if_needed()
    option.click()
    idle(page)


def secret_plan() -> orbit.Organisation:
    return orbit.Organisation.from_records(
        [
            {"id": "lead", "name": "Leitung", "headcount": 2},
            {"id": "desk", "name": SECRET_UNIT, "parent": "lead", "headcount": 5, "serves": ["customer"]},
        ],
        name=SECRET,
    )


def test_two_people_sign_in_share_view_and_revoke(tmp_path):
    alice_lib = Library().signed_in(ALICE)
    alice_lib.save(secret_plan(), SECRET, message="first draft")
    with signin_app(tmp_path) as url, chromium() as browser:
        # signed out: the sign-in page, and nothing of any design in what the server sent
        stranger = watched_page(browser)
        stranger.goto(url + f"/?design=library:{ALICE}/{SECRET}")
        stranger.get_by_role("button", name="Sign in").wait_for(timeout=60_000)
        idle(stranger)
        stranger.screenshot(path=str(ARTIFACTS / "signin-1-signed-out.png"))
        seen = sent(stranger)
        assert stranger.received, "the websocket messages were not captured"
        for secret in (SECRET, SECRET_UNIT, CLASSIC, "Brenner"):
            assert secret.encode() not in seen, f"{secret!r} was sent to a signed-out browser"
        german = watched_page(browser)
        german.goto(url + "/?lang=de")
        german.get_by_role("button", name="Anmelden").wait_for(timeout=60_000)

        # Alice signs in: her design and her own samples
        alice = watched_page(browser)
        sign_in(alice, url, ALICE)
        assert SECRET in picker_text(alice) and CLASSIC in picker_text(alice)
        pick(alice, SECRET)
        assert f"Signed in as {ALICE}" in alice.locator("section[data-testid='stSidebar']").inner_text()
        alice.screenshot(path=str(ARTIFACTS / "signin-2-alice.png"))

        # Bob signs in: Alice's design is nowhere, not even by its link or a version link
        bob = watched_page(browser)
        sign_in(bob, url, BOB)
        assert SECRET not in picker_text(bob)
        go(bob, url, f"/?design=library:{ALICE}/{SECRET}&version=1")
        assert "not in the library or not shared with you" in bob.locator("[data-testid='stAlert']").first.inner_text()
        assert SECRET_UNIT.encode() not in sent(bob)

        # Alice shares it with Bob as a viewer, in the sharing panel
        alice.get_by_role("button", name="Share").first.click()
        alice.get_by_label("E-mail address").fill(BOB)
        alice.get_by_label("E-mail address").press("Enter")
        idle(alice)
        alice.locator(".st-key-share_go button").click()
        alice.get_by_text(f"Shared with {BOB} (viewer).").wait_for(timeout=30_000)
        alice.screenshot(path=str(ARTIFACTS / "signin-3-shared.png"))

        # Bob's next interaction: he opens it, may not edit
        bob.get_by_role("tab", name="Analysis").click()
        idle(bob)
        assert SECRET in picker_text(bob)
        pick(bob, SECRET)
        open_tab(bob, "Edit (what-if)")
        body = bob.locator("[data-testid='stMain']").inner_text()
        assert f"{ALICE} shared it with you as a viewer" in body
        assert bob.locator("[data-testid='stDataFrameGlideDataEditor'][aria-readonly='false']").count() == 0
        bob.screenshot(path=str(ARTIFACTS / "signin-4-viewer.png"))

        # a read-only link: Alice makes it, a guest opens it read-only, Alice revokes it
        alice.get_by_role("button", name="Make a read-only link").click()
        idle(alice)
        address = alice.locator(".st-key-share_panel code, [data-testid='stPopoverBody'] code").first.inner_text()
        token = address.split("?link=", 1)[1].strip()
        guest = watched_page(browser)
        sign_in(guest, url, GUEST, f"/?link={token}")  # the link survives the way through the provider
        assert "by a read-only link from alice@example.com" in guest.locator("[data-testid='stMain']").inner_text()
        guest.screenshot(path=str(ARTIFACTS / "signin-5-link.png"))
        Library().signed_in(ALICE).revoke_link(SECRET, "all")
        guest.get_by_role("tab", name="Analysis").click()
        idle(guest)
        deadline = time.monotonic() + 20
        while "was revoked" not in guest.locator("[data-testid='stMain']").inner_text():
            assert time.monotonic() < deadline, "the revoked link still opens the design"
            guest.wait_for_timeout(300)
        assert SECRET_UNIT not in guest.locator("[data-testid='stMain']").inner_text()
