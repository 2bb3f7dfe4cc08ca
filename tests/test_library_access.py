"""Who may see and change which design (orbit.library, issue 17), on SQLite and on a real PostgreSQL.

Alice, Bob and Carol sign in; Dave is an admin. Every rule is checked in the
library layer, independent of any surface: a design someone may not see is
answered exactly as one that does not exist, and a change their role does
not allow is a one-line PermissionDenied naming the role needed.
"""

from __future__ import annotations

import base64
import hashlib
import re
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from sqlalchemy import event

import orbit
from orbit.library import (
    AmbiguousName,
    DesignDeleted,
    InvalidMember,
    InvalidName,
    Library,
    LibraryError,
    NameTaken,
    PermissionDenied,
    Reference,
    UnknownDesign,
    UnknownLink,
)
from orbit.library.schema import metadata

ALICE, BOB, CAROL, DAVE = "alice@example.com", "bob@example.com", "carol@other.org", "dave@example.com"


def org(headcount: int = 1) -> orbit.Organisation:
    return orbit.load(
        f"units: [{{id: desk, headcount: {headcount}, serves: [customer]}}, {{id: back, parent: desk}}]".encode(),
        name="t.yaml",
    )


@pytest.fixture
def lib(db_url):
    library = Library(db_url, admins=[DAVE])
    yield library
    library.close()


@pytest.fixture
def u(lib):
    return SimpleNamespace(
        **{n: lib.signed_in(e) for n, e in zip(("alice", "bob", "carol", "dave"), (ALICE, BOB, CAROL, DAVE))}
    )


def error_of(action) -> Exception:
    with pytest.raises(LibraryError) as info:
        action()
    assert "\n" not in str(info.value)
    return info.value


# every call that names a design, as Bob would try it on Alice's "Plan"
def attempts(lib: Library, name: str) -> dict:
    return {
        "load": lambda: lib.load(name),
        "load v1": lambda: lib.load(name, 1),
        "load v2 (guessed)": lambda: lib.load(name, 2),
        "load v9 (guessed)": lambda: lib.load(name, 9),
        "load_reference": lambda: lib.load_reference(f"library:{name}@2"),
        "document": lambda: lib.document(name, 1),
        "history": lambda: lib.history(name),
        "info": lambda: lib.info(name),
        "version": lambda: lib.version(name, 1),
        "diff": lambda: lib.diff(name, 1, 2),
        "copy": lambda: lib.copy(name, "Bob's copy"),
        "rename": lambda: lib.rename(name, "Renamed"),
        "delete": lambda: lib.delete(name),
        "restore": lambda: lib.restore(name),
        "restore_version": lambda: lib.restore_version(name, 1),
        "save with a parent": lambda: lib.save(org(), name, parent=1),
        "members": lambda: lib.members(name),
        "share": lambda: lib.share(name, BOB, "editor"),
        "share_domain": lambda: lib.share_domain(name, "example.com"),
        "unshare": lambda: lib.unshare(name, BOB),
        "create_link": lambda: lib.create_link(name),
        "revoke_link": lambda: lib.revoke_link(name, "all"),
    }


def outcomes(lib: Library, names) -> dict:
    got = {}
    for name in names:
        for what, action in attempts(lib, name).items():
            err = error_of(action)
            got[name, what] = (type(err), str(err))
    return got


# ---------------------------------------------------------------- a private design does not exist for others
def test_a_private_design_never_appears_to_someone_else(lib, u):
    names = ["Plan", "alice@example.com/Plan", "plan "]
    u.alice.save(org(), "Sketch")  # a visible-to-Alice-only neighbour: never suggested to Bob either
    before = outcomes(u.bob, [*names, "Plam", "Sketh"])
    for n in (1, 2, 3):
        u.alice.save(org(n), "Plan", message=f"v{n}")
    after = outcomes(u.bob, [*names, "Plam", "Sketh"])
    assert after == before  # the same error, the same text, for every call and every guessed version
    # each answers as for a name nobody uses: unknown, or (saving on a parent version) a design without versions
    assert all(kind is UnknownDesign for (_, what), (kind, _) in after.items() if what != "save with a parent")
    assert "has no version 1 (it has no versions yet)" in after["Plan", "save with a parent"][1]
    assert "did you mean" not in " ".join(text for _, text in after.values())
    assert u.bob.list().empty and u.bob.list(deleted=True).empty
    assert not u.bob.exists("Plan") and u.bob.role_of("Plan") is None
    assert u.bob.role_of("alice@example.com/Plan") is None
    assert u.bob.unique_name("Plan") == "Plan"  # her name is not taken for him
    assert u.carol.list().empty
    # and Alice herself sees it all
    assert u.alice.history("Plan")["version"].tolist() == [3, 2, 1]
    with pytest.raises(UnknownDesign, match=r"did you mean 'Plan'"):
        u.alice.load("Plam")


def test_a_hidden_design_runs_the_same_queries_as_a_missing_one(lib, u):
    statements = []

    @event.listens_for(lib.engine, "before_cursor_execute")
    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, repr(parameters)))

    def trace(action):
        statements.clear()
        error_of(action)
        return list(statements)

    calls = [lambda: u.bob.load("Plan", 2), lambda: u.bob.history("Plan"), lambda: u.bob.save(org(), "Plan", parent=1)]
    missing = [trace(c) for c in calls]
    u.alice.save(org(), "Plan")
    u.alice.save(org(2), "Plan")
    hidden = [trace(c) for c in calls]
    event.remove(lib.engine, "before_cursor_execute", record)
    assert hidden == missing and all(missing)


def test_a_name_someone_uses_privately_is_free_for_everyone_else(lib, u):
    u.alice.save(org(1), "Plan")
    assert u.bob.save(org(7), "Plan") == 1  # not "name taken": he cannot know hers exists
    assert u.bob.save_as_new(org(), "Option A") == "Option A"
    u.alice.save(org(), "Option A")
    assert u.bob.load("Plan").unit("desk")["headcount"] == 7
    assert u.alice.load("Plan").unit("desk")["headcount"] == 1
    assert u.bob.list()["reference"].tolist() == ["library:bob@example.com/Option A", "library:bob@example.com/Plan"]
    # a signed-in user's references name the owner, so a link passed on opens the same design
    assert u.bob.load("Plan").source == "library:bob@example.com/Plan@1"
    assert u.bob.info("Plan").reference == Reference("bob@example.com/Plan")
    # a user creates designs of their own only; naming another owner is answered as an unknown name
    err = error_of(lambda: u.bob.save(org(), "carol@other.org/Plan"))
    assert type(err) is UnknownDesign and "no design named 'carol@other.org/Plan'" in str(err)


# ---------------------------------------------------------------- viewers and editors
def test_a_viewer_opens_exports_and_compares_but_changes_nothing(lib, u):
    for n in (1, 2):
        u.alice.save(org(n), "Plan", message=f"v{n}")
    u.alice.share("Plan", BOB, "viewer")
    plan = "alice@example.com/Plan"
    listed = u.bob.list()
    assert listed[["name", "owner", "role", "reference"]].values.tolist() == [
        ["Plan", ALICE, "viewer", f"library:{plan}"]
    ]
    assert u.bob.role_of(plan) == u.bob.role_of("Plan") == "viewer"
    assert u.bob.load(plan, 1).unit("desk")["headcount"] == 1
    assert u.bob.load_reference(f"library:{plan}@2").source == f"library:{plan}@2"
    # links from before sign-in (?design=library:NAME&version=N) keep working for whoever may open the design
    assert u.bob.load_reference("library:Plan@1").records() == u.alice.load("Plan", 1).records()
    assert type(error_of(lambda: u.carol.load_reference("library:Plan@1"))) is UnknownDesign
    assert u.bob.document("Plan") == u.alice.document("Plan")  # export
    assert u.bob.history(plan)["message"].tolist() == ["v2", "v1"]
    assert u.bob.diff(plan, 1, 2).to_dict() == u.alice.diff("Plan", 1, 2).to_dict()  # compare
    assert u.bob.members(plan)["who"].tolist() == [ALICE, BOB]
    u.bob.copy(plan, "My take")  # copying is reading; the copy is his
    mine = u.bob.info("My take")
    assert (mine.owner, mine.role, mine.latest.message) == (BOB, "owner", "copied from 'Plan' version 2")
    assert not u.alice.exists("My take")

    denied = {
        "save": (lambda: u.bob.save(org(9), plan), "saving a version needs the editor role"),
        "restore_version": (lambda: u.bob.restore_version(plan, 1), "restoring a version needs the editor role"),
        "rename": (lambda: u.bob.rename(plan, "Mine now"), "renaming needs the editor role"),
        "delete": (lambda: u.bob.delete(plan), "deleting needs the owner role"),
        "share": (lambda: u.bob.share(plan, CAROL, "viewer"), "sharing needs the owner role"),
        "share_domain": (lambda: u.bob.share_domain(plan, "example.com"), "sharing needs the owner role"),
        "link": (lambda: u.bob.create_link(plan), "making or revoking links needs the owner role"),
        "revoke": (lambda: u.bob.revoke_link(plan, "all"), "making or revoking links needs the owner role"),
        "unshare": (lambda: u.bob.unshare(plan, ALICE), "sharing needs the owner role"),
    }
    for what, (action, words) in denied.items():
        err = error_of(action)
        assert type(err) is PermissionDenied, what
        assert str(err) == (
            f"{lib.database}: design 'Plan': {words}; you are a viewer (ask its owner, alice@example.com)"
        ), what
    assert u.alice.info("Plan").versions == 2 and u.alice.members("Plan")["who"].tolist() == [ALICE, BOB]
    assert not u.carol.exists(plan)


def test_an_editor_saves_versions_that_name_him_and_renames(lib, u):
    u.alice.save(org(1), "Plan")
    u.alice.share("Plan", BOB, "editor")
    plan = "alice@example.com/Plan"
    assert u.bob.save(org(5), plan, message="more desk") == 2
    assert u.bob.restore_version(plan, 1) == 3
    history = u.alice.history("Plan")
    assert history[["version", "author", "message"]].values.tolist() == [
        [3, BOB, "restored version 1"],
        [2, BOB, "more desk"],
        [1, ALICE, ""],
    ]
    # a signed-in user's saves always name them
    err = error_of(lambda: u.bob.save(org(), plan, author="alice@example.com"))
    assert "bob@example.com is signed in: their saves name them" in str(err)
    u.bob.save(org(), plan, author="  Bob@Example.com ")  # himself, however written
    u.bob.rename(plan, "Plan 2027")
    assert u.alice.list()["name"].tolist() == ["Plan 2027"] and u.alice.info("Plan 2027").owner == ALICE
    for action, words in [
        (lambda: u.bob.delete("Plan 2027"), "deleting needs the owner role; you are an editor"),
        (lambda: u.bob.share("Plan 2027", CAROL), "sharing needs the owner role; you are an editor"),
        (lambda: u.bob.create_link("Plan 2027"), "links needs the owner role; you are an editor"),
    ]:
        err = error_of(action)
        assert type(err) is PermissionDenied and words in str(err)


def test_sharing_again_changes_the_role_and_a_member_can_leave(lib, u):
    u.alice.save(org(), "Plan")
    u.alice.share("Plan", BOB, "editor")
    u.alice.share("Plan", "BOB@example.com", "viewer")
    assert u.bob.role_of("Plan") == "viewer"
    assert u.alice.members("Plan")[["who", "role"]].values.tolist() == [[ALICE, "owner"], [BOB, "viewer"]]
    u.bob.unshare("alice@example.com/Plan", BOB)  # leaving needs no owner
    assert u.bob.role_of("Plan") is None


def test_a_revoked_member_loses_access_at_the_next_call(lib, u):
    u.alice.save(org(), "Plan")
    never = str(error_of(lambda: u.carol.load("alice@example.com/Plan")))
    bob = u.bob  # one library object, kept across the change, as a server session keeps it
    u.alice.share("Plan", BOB, "editor")
    assert bob.save(org(2), "alice@example.com/Plan") == 2
    u.alice.share("Plan", BOB, "viewer")
    assert type(error_of(lambda: bob.save(org(3), "alice@example.com/Plan"))) is PermissionDenied
    u.alice.unshare("Plan", "Bob@Example.com")
    err = error_of(lambda: bob.load("alice@example.com/Plan"))
    assert type(err) is UnknownDesign and str(err) == never.replace(CAROL, BOB)
    assert bob.list().empty


def test_domain_shares_cover_the_domain_and_not_its_subdomains(lib, u):
    u.alice.save(org(), "Plan")
    u.alice.share_domain("Plan", "@Example.COM", "viewer")
    eu = lib.signed_in("erik@eu.example.com")
    assert u.bob.role_of("alice@example.com/Plan") == "viewer"
    assert u.carol.role_of("alice@example.com/Plan") is None and eu.role_of("alice@example.com/Plan") is None
    assert u.carol.list().empty and eu.list().empty
    # a person's own share and the domain's both count: the stronger wins
    u.alice.share("Plan", BOB, "editor")
    assert u.bob.role_of("alice@example.com/Plan") == "editor"
    assert lib.signed_in("frank@example.com").role_of("alice@example.com/Plan") == "viewer"
    members = u.alice.members("Plan")
    assert members[["who", "kind", "role"]].values.tolist() == [
        [ALICE, "person", "owner"],
        [BOB, "person", "editor"],
        ["example.com", "domain", "viewer"],
    ]
    u.alice.unshare("Plan", "example.com")
    assert lib.signed_in("frank@example.com").role_of("alice@example.com/Plan") is None
    assert u.bob.role_of("alice@example.com/Plan") == "editor"
    with pytest.raises(InvalidMember, match=r"is not shared with example\.com"):
        u.alice.unshare("Plan", "@example.com")


def test_addresses_and_roles_are_checked_in_one_line(lib, u):
    u.alice.save(org(), "Plan")
    cases = [
        (lambda: u.alice.share("Plan", "bob", "viewer"), "'bob' is not an e-mail address"),
        (lambda: u.alice.share("Plan", "bob@exa mple.com", "viewer"), "is not an e-mail address"),
        (lambda: u.alice.share("Plan", BOB, "owner"), "role must be 'viewer' or 'editor', not 'owner'"),
        (lambda: u.alice.share("Plan", BOB, "admin"), "role must be 'viewer' or 'editor', not 'admin'"),
        (lambda: u.alice.share("Plan", "ALICE@example.com", "editor"), "alice@example.com owns design 'Plan'"),
        (lambda: u.alice.share_domain("Plan", "exa mple.com"), "is not an e-mail domain"),
        (lambda: u.alice.share_domain("Plan", ".com"), "is not an e-mail domain"),
        (lambda: u.alice.unshare("Plan", ALICE), "an owner cannot be unshared"),
        (lambda: u.alice.unshare("Plan", CAROL), "design 'Plan' is not shared with carol@other.org"),
        (lambda: lib.signed_in("not an address"), "signed-in user: 'not an address' is not an e-mail address"),
        (lambda: Library(lib.url, mode="signed-in"), "a signed-in library needs the user's e-mail address"),
        (lambda: Library(lib.url, mode="root"), "mode must be one of workspace, signed-in, admin, not 'root'"),
    ]
    for action, words in cases:
        err = error_of(action)
        assert words in str(err)
    assert u.alice.members("Plan")["who"].tolist() == [ALICE]


# ---------------------------------------------------------------- links
def _all_stored_text(lib: Library) -> str:
    parts = []
    with lib.engine.connect() as conn:
        for table in metadata.sorted_tables:
            for row in conn.execute(sa.select(table)):
                parts.extend(str(v) for v in row)
    return "\n".join(parts)


def test_a_link_opens_read_only_and_stores_only_a_hash(lib, u):
    u.alice.save(org(1), "Plan")
    token = u.alice.create_link("Plan")
    assert re.fullmatch(r"[A-Za-z0-9_-]{43,}", token)
    assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) * 8 >= 128
    stored = _all_stored_text(lib)
    assert token not in stored and hashlib.sha256(token.encode()).hexdigest() in stored
    assert u.alice.create_link("Plan") != token
    # anyone holding it opens the newest version, signed in or in the workspace
    for holder in (u.carol, lib, u.bob):
        opened = holder.open_link(token)
        assert opened.reference == Reference("alice@example.com/Plan", 1) or holder is lib
        assert opened.organisation.unit("desk")["headcount"] == 1 and opened.version.number == 1
    u.alice.save(org(2), "Plan")
    assert u.carol.open_link(token).organisation.unit("desk")["headcount"] == 2
    # ...and nothing else: not by name, not other versions
    assert type(error_of(lambda: u.carol.load("alice@example.com/Plan", 1))) is UnknownDesign
    # a fixed link keeps opening its version
    fixed = u.alice.create_link("Plan", version=1)
    u.alice.save(org(3), "Plan")
    assert u.carol.open_link(fixed).reference == Reference("alice@example.com/Plan", 1)
    links = u.alice.members("Plan").query("kind == 'link'")
    assert len(links) == 3 and links["role"].eq("viewer").all() and links["version"].tolist()[-1] == 1
    assert all(re.fullmatch(r"link [0-9a-f]{8}", w) for w in links["who"])
    assert token not in u.alice.members("Plan").to_string()


def test_revoked_links_stop_working_and_look_like_never_made(lib, u):
    u.alice.save(org(), "Plan")
    first, second, third = (u.alice.create_link("Plan") for _ in range(3))
    never = str(error_of(lambda: u.carol.open_link("x" * 43)))
    assert u.alice.revoke_link("Plan", first) == 1
    for token in (first, "", "   "):
        err = error_of(lambda t=token: u.carol.open_link(t))
        assert type(err) is UnknownLink and str(err) == never
    # by the id members show
    shown = u.alice.members("Plan").query("kind == 'link'")["who"].tolist()
    assert len(shown) == 2
    assert u.alice.revoke_link("Plan", shown[0]) == 1
    assert u.alice.revoke_link("Plan", "all") == 1 and u.alice.revoke_link("Plan", "all") == 0
    for token in (second, third):
        assert str(error_of(lambda t=token: u.bob.open_link(t))) == never
    with pytest.raises(InvalidMember, match="has no active link"):
        u.alice.revoke_link("Plan", first)
    assert u.alice.members("Plan").query("kind == 'link'").empty


def test_a_link_to_a_deleted_design_opens_nothing_until_it_is_restored(lib, u):
    u.alice.save(org(), "Plan")
    token = u.alice.create_link("Plan")
    u.alice.delete("Plan")
    assert type(error_of(lambda: u.carol.open_link(token))) is UnknownLink
    u.alice.restore("Plan")
    assert u.carol.open_link(token).version.number == 1


def test_only_owners_and_admins_make_links(lib, u):
    u.alice.save(org(), "Plan")
    assert type(error_of(lambda: u.carol.create_link("alice@example.com/Plan"))) is UnknownDesign
    token = u.dave.create_link("alice@example.com/Plan")
    assert u.carol.open_link(token).version.number == 1
    assert u.dave.revoke_link("alice@example.com/Plan", token) == 1


# ---------------------------------------------------------------- admins, the workspace, the command line
def test_admins_listed_in_the_environment_see_and_manage_everything(db_url, monkeypatch):
    monkeypatch.setenv("ORBIT_ADMINS", " Dave@Example.com , eve@example.org,")
    lib = Library(db_url)
    alice, dave, eve = lib.signed_in(ALICE), lib.signed_in("DAVE@example.COM"), lib.signed_in("eve@example.org")
    alice.save(org(), "Plan")
    lib.signed_in(BOB).save(org(), "Bob's")
    assert dave.is_admin and eve.is_admin and not alice.is_admin
    assert dave.list()[["name", "owner", "role"]].values.tolist() == [
        ["Bob's", BOB, "owner"],
        ["Plan", ALICE, "owner"],
    ]
    assert dave.role_of("Plan") == "owner"
    dave.share("Plan", CAROL, "viewer")
    assert lib.signed_in(CAROL).role_of("alice@example.com/Plan") == "viewer"
    assert eve.save(org(2), "Plan") == 2 and alice.history("Plan")["author"].tolist()[0] == "eve@example.org"
    eve.delete("Plan")
    assert not alice.exists("Plan") and dave.list(deleted=True)["name"].tolist() == ["Plan"]
    dave.restore("Plan")
    monkeypatch.setenv("ORBIT_ADMINS", "eve@example.org")  # read at sign-in
    assert not lib.signed_in(DAVE).is_admin and lib.signed_in(DAVE).list().empty
    monkeypatch.setenv("ORBIT_ADMINS", "dave")
    with pytest.raises(InvalidMember, match="ORBIT_ADMINS: 'dave' is not an e-mail address"):
        lib.signed_in(ALICE)
    lib.close()


def test_the_command_line_acts_as_admin(lib, u):
    u.alice.save(org(), "Plan")
    admin = lib.as_admin("ops")
    assert admin.mode == "admin" and admin.is_admin
    assert admin.list()["name"].tolist() == ["Plan"] and admin.role_of("Plan") == "owner"
    admin.share("Plan", BOB, "editor")
    assert u.bob.role_of("alice@example.com/Plan") == "editor"
    admin.save(org(3), "Plan", message="fixed by ops")
    assert u.alice.history("Plan")["author"].tolist()[0] == "ops"
    # an admin may create a design for a user
    admin.save(org(), "carol@other.org/Welcome")
    assert u.carol.info("Welcome").owner == CAROL and u.carol.role_of("Welcome") == "owner"


def test_the_shared_workspace_sees_and_changes_everything_as_before(lib, u):
    u.alice.save(org(), "Plan")
    u.bob.save(org(), "Bob's")
    assert lib.list()["name"].tolist() == ["Bob's", "Plan"] and lib.mode == "workspace"
    assert lib.role_of("Plan") == "owner" and lib.save(org(2), "Plan") == 2
    lib.as_user("someone").rename("Plan", "Plan B")
    assert u.alice.exists("Plan B")
    lib.delete("Bob's")
    assert u.bob.list().empty


# ---------------------------------------------------------------- names that several people use
def test_own_designs_win_and_otherwise_a_shared_name_must_say_whose(lib, u):
    u.alice.save(org(1), "Plan")
    u.bob.save(org(2), "Plan")
    u.alice.share("Plan", BOB, "viewer")
    u.alice.share("Plan", CAROL, "viewer")
    u.bob.share("Plan", CAROL, "editor")
    assert u.bob.load("Plan").unit("desk")["headcount"] == 2  # his own
    assert u.bob.load("alice@example.com/Plan").unit("desk")["headcount"] == 1
    err = error_of(lambda: u.carol.load("Plan"))
    assert type(err) is AmbiguousName and str(err) == (
        f"{lib.database}: 2 designs you can see are named 'Plan': "
        "write one of 'alice@example.com/Plan', 'bob@example.com/Plan'"
    )
    assert type(error_of(lambda: u.dave.history("Plan"))) is AmbiguousName
    assert u.carol.role_of("bob@example.com/Plan") == "editor"
    assert u.carol.list()["reference"].tolist() == ["library:alice@example.com/Plan", "library:bob@example.com/Plan"]
    assert u.carol.unique_name("Plan") == "Plan (2)"
    # the workspace sees both: references name the owner only where two designs share a name
    lib.save(org(), "Solo")
    assert lib.list()["reference"].tolist() == [
        "library:alice@example.com/Plan",
        "library:bob@example.com/Plan",
        "library:Solo",
    ]
    with pytest.raises(InvalidName, match=r"renaming keeps a design's owner \(alice@example.com\)"):
        u.alice.rename("Plan", "bob@example.com/Plan")
    with pytest.raises(InvalidName, match="must not be empty"):
        u.alice.save(org(), "alice@example.com/")
    with pytest.raises(InvalidName, match=r"'bob@example\.com/Plan' must not start with an e-mail address and '/'"):
        u.alice.save(org(), "alice@example.com/bob@example.com/Plan")


def test_name_clashes_are_told_only_about_designs_one_sees(lib, u):
    u.alice.save(org(), "Plan")
    u.alice.save(org(), "Secret")
    u.alice.share("Plan", BOB, "editor")
    u.bob.save(org(), "Visible")
    with pytest.raises(NameTaken, match="a design named 'Visible' already exists"):
        u.bob.rename("alice@example.com/Plan", "Visible")
    with pytest.raises(NameTaken, match="a design named 'Plan' already exists"):
        u.bob.copy("Visible", "Plan")
    # names are unique per owner: an editor renaming her design meets her private name (documented)
    err = error_of(lambda: u.bob.rename("alice@example.com/Plan", "secret"))
    assert type(err) is NameTaken and "alice@example.com already has a design named 'secret'" in str(err)
    assert "Secret" not in str(err)  # not even its spelling
    u.bob.copy("alice@example.com/Plan", "Secret")  # his own namespace: free
    assert u.bob.info("Secret").owner == BOB


def test_deleted_designs_stay_hidden_from_those_who_never_saw_them(lib, u):
    u.alice.save(org(), "Plan")
    u.alice.share("Plan", BOB, "editor")
    never = str(error_of(lambda: u.carol.load("alice@example.com/Plan")))
    u.alice.delete("Plan")
    err = error_of(lambda: u.bob.load("alice@example.com/Plan"))
    assert type(err) is DesignDeleted and "its owner alice@example.com can restore it" in str(err)
    assert "deleting needs the owner role" not in str(err)
    assert str(error_of(lambda: u.carol.load("alice@example.com/Plan"))) == never
    assert type(error_of(lambda: u.bob.restore("alice@example.com/Plan"))) is PermissionDenied
    assert u.bob.list(deleted=True)["name"].tolist() == ["Plan"] and u.carol.list(deleted=True).empty
    u.alice.restore("Plan")
    assert u.bob.exists("alice@example.com/Plan")


def test_handing_a_design_to_another_owner_is_for_admins(lib, u):
    lib.as_user("maria").save(org(), "Before sign-in")  # the OS user: no signed-in user owns it
    assert u.alice.list().empty and u.dave.list()["owner"].tolist() == ["maria"]
    err = error_of(lambda: u.alice.transfer("Before sign-in", ALICE))
    assert type(err) is UnknownDesign
    u.dave.transfer("Before sign-in", "Alice@Example.com")
    assert u.alice.role_of("Before sign-in") == "owner"
    u.alice.share("Before sign-in", BOB, "editor")
    err = error_of(lambda: u.alice.transfer("Before sign-in", BOB))
    assert type(err) is PermissionDenied and "needs the admin role; you are its owner" in str(err)
    u.dave.transfer("alice@example.com/Before sign-in", BOB)
    assert u.bob.role_of("Before sign-in") == "owner" and u.alice.role_of("bob@example.com/Before sign-in") == "editor"
    assert u.bob.members("Before sign-in")[["who", "role"]].values.tolist() == [[BOB, "owner"], [ALICE, "editor"]]
    # a design from before sign-in beside a user's of the same name: OWNER/NAME tells them apart
    lib.as_user("maria").save(org(), "clash")
    u.bob.save(org(), "Clash")  # he cannot see hers: his own
    assert lib.as_user("maria").save(org(), "clash") == 2  # the workspace sees both: hers is the one she owns
    assert u.dave.list()["reference"].tolist() == [
        "library:bob@example.com/Before sign-in",
        "library:bob@example.com/Clash",
        "library:maria/clash",
    ]
    assert type(error_of(lambda: u.dave.load("clash"))) is AmbiguousName
    with pytest.raises(NameTaken, match=r"bob@example\.com already has a design named 'clash'"):
        u.dave.transfer("maria/clash", BOB)
    u.dave.transfer("maria/clash", CAROL)
    assert u.carol.info("clash").owner == CAROL and lib.as_user("maria").exists("bob@example.com/Clash")


def test_samples_are_seeded_once_per_signed_in_user(lib, u):
    samples = {"Bank": org(3), "Hospital": org(4)}
    assert u.alice.seed(samples, marker="samples") == ["Bank", "Hospital"]
    assert u.alice.seed(samples, marker="samples") == []
    assert u.bob.seed(samples, marker="samples") == ["Bank", "Hospital"]
    assert u.bob.list()["owner"].tolist() == [BOB, BOB] and u.alice.list()["owner"].tolist() == [ALICE, ALICE]
