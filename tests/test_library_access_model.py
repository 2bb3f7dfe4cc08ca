"""Access rules against a reference model (Hypothesis), the upgrade of a database from before sign-in,
and designs created at once by different people, on SQLite and on a real PostgreSQL.
"""

from __future__ import annotations

import difflib
import hashlib
import threading
from dataclasses import dataclass, field

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from test_properties import examples

import orbit
from orbit.library import (
    AmbiguousName,
    DesignDeleted,
    InvalidMember,
    Library,
    PermissionDenied,
    UnknownDesign,
    UnknownLink,
)
from orbit.library import engine as library_engine
from orbit.library.schema import SCHEMA_REVISION, designs, documents, links, markers, shares, versions

RANK = {None: 0, "viewer": 1, "editor": 2, "owner": 3}


def org(marker: int) -> orbit.Organisation:
    return orbit.Organisation.from_records([{"id": "desk", "headcount": marker}, {"id": "back", "parent": "desk"}])


# ---------------------------------------------------------------- a database from before sign-in
def test_a_database_from_before_sign_in_gets_owners_and_stays_a_shared_workspace(db_url):
    engine = library_engine.create_engine(library_engine.resolve_url(db_url))
    library_engine.upgrade_to(engine, "0003")
    doc = orbit.dumps(org(4), "json")[0].decode()

    with engine.begin() as conn:
        for design_id, (name, by) in enumerate([("Old plan", "maria"), ("Ana's", "Ana@Example.COM")], start=1):
            conn.execute(
                sa.text(
                    "INSERT INTO designs (id, name, name_key, created_at, created_by, updated_at, versions)"
                    " VALUES (:i, :n, :k, :t, :b, :t, 1)"
                ),
                {"i": design_id, "n": name, "k": name.lower(), "t": "2026-01-02 03:04:05", "b": by},
            )
            conn.execute(
                sa.text(
                    "INSERT INTO versions (id, design_id, number, saved_at, author, message, units, headcount, digest)"
                    " VALUES (:i, :i, 1, :t, :b, '', 2, 5, :d)"
                ),
                {"i": design_id, "t": "2026-01-02 03:04:05", "b": by, "d": hashlib.sha256(doc.encode()).hexdigest()},
            )
            conn.execute(
                sa.text("INSERT INTO documents (version_id, document) VALUES (:i, :d)"), {"i": design_id, "d": doc}
            )
    engine.dispose()

    lib = Library(db_url, admins="dave@example.com")
    with lib.engine.connect() as conn:
        assert library_engine.current_revision(conn) == SCHEMA_REVISION
        owners = dict(conn.execute(sa.select(designs.c.name, designs.c.owner)).all())
    assert owners == {"Old plan": "maria", "Ana's": "ana@example.com"}  # the creator, e-mails normalised
    # the shared workspace, as before: everyone sees and changes everything
    assert lib.list()["name"].tolist() == ["Ana's", "Old plan"]
    assert lib.save(org(5), "Old plan") == 2 and lib.save(org(6), "Ana's") == 2
    # with sign-in: Ana's is hers; the OS user's design only admins see, until shared or handed over
    ana, bob, dave = (lib.signed_in(e) for e in ("ana@example.com", "bob@example.com", "dave@example.com"))
    assert ana.list()[["name", "role"]].values.tolist() == [["Ana's", "owner"]]
    assert bob.list().empty and dave.list()["name"].tolist() == ["Ana's", "Old plan"]
    assert ana.history("Ana's")["author"].tolist() == [lib.user or orbit.library.os_user(), "Ana@Example.COM"]
    # names are now unique per owner: Bob's "Old plan" is his own, beside maria's
    assert bob.save(org(7), "Old plan") == 1
    assert lib.list()["reference"].tolist() == [
        "library:Ana's",
        "library:bob@example.com/Old plan",
        "library:maria/Old plan",
    ]
    with lib.engine.connect() as conn:
        row = conn.execute(sa.select(designs).where(designs.c.owner == "maria")).one()
    with pytest.raises(sa.exc.IntegrityError), lib.engine.begin() as conn:
        conn.execute(designs.insert().values({**row._asdict(), "id": 99, "name": "OLD PLAN"}))
    lib.close()


# ---------------------------------------------------------------- designs created at once
WRITERS = 8


def test_people_creating_one_name_at_once_in_the_workspace_make_one_design(db_url):
    lib = Library(db_url)
    barrier = threading.Barrier(WRITERS)
    numbers, errors = [], []

    def writer(i: int) -> None:
        try:
            barrier.wait()
            numbers.append(lib.as_user(f"user{i}").save(org(i), "Shared"))
        except Exception as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(numbers) == list(range(1, WRITERS + 1))
    assert lib.list()["name"].tolist() == ["Shared"] and lib.info("Shared").versions == WRITERS
    lib.close()


# ---------------------------------------------------------------- the reference model
ADMIN = "adm@b.org"
USERS = ["ann@a.org", "ben@a.org", "cat@b.org", ADMIN]
DOMAINS = ["a.org", "b.org"]
NAMES = ["Plan", "Plan B", "Other"]
ROLES = ["viewer", "editor"]


@dataclass
class Design:
    owner: str
    name: str
    authors: list[str] = field(default_factory=list)
    shares: dict[tuple[str, str], str] = field(default_factory=dict)
    deleted: bool = False

    @property
    def ref(self) -> str:
        return f"{self.owner}/{self.name}"


def domain(user: str) -> str:
    return user.rpartition("@")[2]


class AccessMachine(RuleBasedStateMachine):
    """Random users saving, sharing, linking, deleting; each outcome checked against a few lines of rules."""

    lib: Library  # set by the test

    def __init__(self):
        super().__init__()
        with self.lib.engine.begin() as conn:
            conn.execute(versions.update().values(parent_id=None))
            for table in (links, shares, documents, versions, designs, markers):
                conn.execute(table.delete())
        self.as_ = {u: self.lib.signed_in(u) for u in USERS}
        self.designs: dict[tuple[str, str], Design] = {}
        self.tokens: list[tuple[str, Design, bool]] = []

    # -- the rules, written plainly
    def role(self, user: str, d: Design | None) -> str | None:
        if d is None:
            return None
        if user == ADMIN or d.owner == user:
            return "owner"
        got = [d.shares.get(("person", user)), d.shares.get(("domain", domain(user)))]
        return max(got, key=RANK.__getitem__)

    def visible(self, user: str, *, deleted: bool | None = None) -> list[Design]:
        return [d for d in self.designs.values() if self.role(user, d) and (deleted is None or d.deleted == deleted)]

    def unknown_text(self, user: str, asked: str, name: str) -> str:
        close = difflib.get_close_matches(name, [d.name for d in self.visible(user, deleted=False)], n=1, cutoff=0.75)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"{self.lib.database}: no design named {asked!r}{hint}"

    def outcome(self, action):
        try:
            return "ok", action()
        except (UnknownDesign, PermissionDenied, InvalidMember, UnknownLink, AmbiguousName) as err:
            return type(err), err

    def check(self, got, expected_kind, *, unknown: tuple | None = None, needed: str | None = None):
        kind, value = got
        assert kind == expected_kind, (kind, value)
        if expected_kind is UnknownDesign and unknown is not None:
            assert str(value) == self.unknown_text(*unknown)  # exactly as for a name nobody uses
        if expected_kind is PermissionDenied:
            assert value.needed == needed
        return value

    def refused(self, got, user: str, d: Design, needed: str, *, deleted_ok: bool = False) -> bool:
        """Check ``got`` against the refusal the rules give ``user`` on ``d`` for ``needed``; False if allowed."""
        refusal = self.gate(user, d, needed, deleted_ok=deleted_ok)
        if refusal is DesignDeleted:
            assert isinstance(got[1], DesignDeleted), got
        elif refusal is not None:
            self.check(got, refusal, unknown=(user, d.ref, d.name), needed=needed)
        return refusal is not None

    def gate(self, user: str, d: Design | None, action_needs: str, *, deleted_ok: bool = False):
        """The expected refusal for ``user`` doing something that needs ``action_needs`` on ``d`` (or None)."""
        role = self.role(user, d)
        if role is None:
            return UnknownDesign
        if d.deleted and not deleted_ok:
            return DesignDeleted
        if RANK[role] < RANK[action_needs]:
            return PermissionDenied
        return None

    # -- operations
    @initialize(owners=st.lists(st.sampled_from(USERS[:3]), min_size=2, max_size=4), names=st.permutations(NAMES))
    def start_with_some_designs(self, owners, names):
        for owner, name in zip(owners, names * 2):
            if (owner, name) not in self.designs:
                self.as_[owner].save(org(1), name)
                self.designs[owner, name] = Design(owner, name, [owner])

    @rule(user=st.sampled_from(USERS), owner=st.sampled_from(USERS), name=st.sampled_from(NAMES))
    def save(self, user, owner, name):
        d = self.designs.get((owner, name))
        ref = f"{owner}/{name}"
        got = self.outcome(lambda: self.as_[user].save(org(len(self.tokens) + 1), ref))
        if self.role(user, d) is not None:
            if not self.refused(got, user, d, "editor"):
                self.check(got, "ok")
                d.authors.append(user)
                assert got[1] == len(d.authors)
        elif owner != user and user != ADMIN:  # someone else's name they cannot see, or nobody's: the same
            self.check(got, UnknownDesign, unknown=(user, ref, name))
        else:
            assert d is None
            self.check(got, "ok")
            assert got[1] == 1
            self.designs[owner, name] = Design(owner, name, [user])

    @rule(user=st.sampled_from(USERS), name=st.sampled_from(NAMES))
    def save_by_name_only(self, user, name):
        seen = [d for d in self.visible(user) if d.name == name]
        mine = [d for d in seen if d.owner == user]
        got = self.outcome(lambda: self.as_[user].save(org(1), name))
        if not seen:
            self.check(got, "ok")
            self.designs[user, name] = Design(user, name, [user])
            return
        if len(seen) > 1 and len(mine) != 1:
            self.check(got, AmbiguousName)
            return
        d = seen[0] if len(seen) == 1 else mine[0]
        if not self.refused(got, user, d, "editor"):
            self.check(got, "ok")
            d.authors.append(user)

    def pick(self, data) -> Design | None:
        if not self.designs:
            return None
        return data.draw(st.sampled_from(sorted(self.designs.values(), key=lambda d: d.ref)))

    @rule(user=st.sampled_from(USERS), data=st.data(), member=st.sampled_from(USERS), role=st.sampled_from(ROLES))
    def share(self, user, data, member, role):
        d = self.pick(data)
        if d is None:
            return
        got = self.outcome(lambda: self.as_[user].share(d.ref, member.upper(), role))
        if self.refused(got, user, d, "owner"):
            return
        if member == d.owner:
            self.check(got, InvalidMember)
        else:
            self.check(got, "ok")
            d.shares["person", member] = role

    @rule(user=st.sampled_from(USERS), data=st.data(), dom=st.sampled_from(DOMAINS), role=st.sampled_from(ROLES))
    def share_domain(self, user, data, dom, role):
        d = self.pick(data)
        if d is None:
            return
        got = self.outcome(lambda: self.as_[user].share_domain(d.ref, "@" + dom, role))
        if not self.refused(got, user, d, "owner"):
            self.check(got, "ok")
            d.shares["domain", dom] = role

    @rule(user=st.sampled_from(USERS), data=st.data(), who=st.sampled_from(USERS + DOMAINS))
    def unshare(self, user, data, who):
        d = self.pick(data)
        if d is None:
            return
        kind = "person" if "@" in who else "domain"
        got = self.outcome(lambda: self.as_[user].unshare(d.ref, who))
        role = self.role(user, d)
        if role is None:
            self.check(got, UnknownDesign, unknown=(user, d.ref, d.name))
        elif not (kind == "person" and who == user) and role != "owner":
            self.check(got, PermissionDenied, needed="owner")
        elif (kind, who) == ("person", d.owner) or (kind, who) not in d.shares:
            self.check(got, InvalidMember)
        else:
            self.check(got, "ok")
            del d.shares[kind, who]

    @rule(user=st.sampled_from(USERS), data=st.data())
    def create_link(self, user, data):
        d = self.pick(data)
        if d is None:
            return
        got = self.outcome(lambda: self.as_[user].create_link(d.ref))
        if not self.refused(got, user, d, "owner"):
            token = self.check(got, "ok")
            self.tokens.append((token, d, True))

    @rule(user=st.sampled_from(USERS), data=st.data(), every=st.booleans())
    def revoke_link(self, user, data, every):
        if not self.tokens:
            return
        i = data.draw(st.integers(0, len(self.tokens) - 1))
        token, d, active = self.tokens[i]
        got = self.outcome(lambda: self.as_[user].revoke_link(d.ref, "all" if every else token))
        if self.refused(got, user, d, "owner", deleted_ok=True):
            return
        if every:
            count = self.check(got, "ok")
            assert count == sum(a for _, e, a in self.tokens if e is d)
            self.tokens = [(t, e, a and e is not d) for t, e, a in self.tokens]
        elif not active:
            self.check(got, InvalidMember)
        else:
            assert self.check(got, "ok") == 1
            self.tokens[i] = (token, d, False)

    @rule(user=st.sampled_from(USERS), data=st.data(), undo=st.booleans())
    def delete_or_restore(self, user, data, undo):
        d = self.pick(data)
        if d is None:
            return
        lib = self.as_[user]
        got = self.outcome(lambda: (lib.restore if undo else lib.delete)(d.ref))
        if not self.refused(got, user, d, "owner", deleted_ok=True):
            self.check(got, "ok")
            d.deleted = not undo

    @rule(data=st.data(), user=st.sampled_from(USERS))
    def open_link(self, data, user):
        if not self.tokens:
            return
        token, d, active = data.draw(st.sampled_from(self.tokens))
        got = self.outcome(lambda: self.as_[user].open_link(token))
        if active and not d.deleted:
            opened = self.check(got, "ok")
            assert opened.version.number == len(d.authors) and opened.reference.name == d.ref
        else:
            self.check(got, UnknownLink)

    @rule(user=st.sampled_from(USERS), data=st.data())
    def load(self, user, data):
        d = self.pick(data)
        if d is None:
            return
        lib = self.as_[user]
        got = self.outcome(lambda: lib.history(d.ref))
        if self.refused(got, user, d, "viewer"):
            if self.role(user, d) is None:  # a guessed version answers the same
                guess = self.outcome(lambda: lib.load(d.ref, len(d.authors)))
                self.check(guess, UnknownDesign, unknown=(user, d.ref, d.name))
        else:
            history = self.check(got, "ok")
            assert history["author"].tolist() == d.authors[::-1]

    @invariant()
    def everyone_lists_exactly_what_they_may_see(self):
        for user in USERS:
            for deleted in (False, True):
                table = self.as_[user].list(deleted=deleted)
                got = sorted(zip(table["owner"], table["name"], table["role"]))
                want = sorted((d.owner, d.name, self.role(user, d)) for d in self.visible(user, deleted=deleted))
                assert got == want, (user, deleted)


@pytest.mark.slow
def test_random_sequences_of_access_operations_follow_the_rules(db_url):
    lib = Library(db_url, admins=[ADMIN])
    AccessMachine.lib = lib
    try:
        run_state_machine_as_test(
            AccessMachine,
            settings=settings(
                max_examples=examples(30),
                stateful_step_count=30,
                deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            ),
        )
    finally:
        lib.close()
