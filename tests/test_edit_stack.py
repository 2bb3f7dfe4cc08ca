"""Undo and redo are a stack of whole designs (issue 15): property tests of :class:`orbit.app.editing.EditSession`.

The editor widget is emulated as streamlit runs it: its edit state
accumulates cell edits and added rows relative to the table it was started
from, and starts empty again whenever the session restarts it (undo, redo, a
form). Invalid edits stay typed until they are fixed or undone and are
never a step.
"""

from __future__ import annotations

import hypothesis.strategies as st
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

import orbit
from orbit.app import editing

pytestmark = pytest.mark.slow

START = orbit.load(
    b"name: Shop\n"
    b"units:\n"
    b"  - {id: boss, name: Boss, headcount: 1}\n"
    b"  - {id: sales, name: Sales, parent: boss, headcount: 4, serves: [customer]}\n"
    b"  - {id: ops, name: Ops, parent: boss, headcount: 6, serves: [sales]}\n"
    b"  - {id: stock, name: Stock, parent: ops, headcount: 3, serves: [ops]}\n"
    b"journeys:\n"
    b"  - {name: order, steps: [sales, ops, stock]}\n",
    name="shop.yaml",
)


def records(table: pd.DataFrame) -> list:
    return editing.organisation_of(table, START).records()


class Editor:
    """A session and the editor widget in front of it, as a user drives them."""

    def __init__(self):
        self.session = editing.EditSession.start("Shop", START, 1, "d1")
        self.state = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
        self.pending: dict[tuple[int, str], object] = {}  # invalid cells typed: their last valid value
        self.key = self.session.editor_key
        self.added = 0

    def sync(self):
        """A new editor key means a fresh widget: its edit state starts empty."""
        if self.session.editor_key != self.key:
            self.key = self.session.editor_key
            self.state = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
            self.pending = {}

    def base_rows(self) -> int:
        return len(self.session.editor_base)

    def type_cell(self, row: int, column: str, value) -> str | None:
        self.state["edited_rows"].setdefault(str(row), {})[column] = value
        return self.session.take(self.state)

    def shown(self, row: int, column: str):
        """What the widget shows in a base cell now."""
        edited = self.state["edited_rows"].get(str(row), {})
        return edited[column] if column in edited else self.session.editor_base.at[row, column]

    def add_row(self) -> str | None:
        self.added += 1
        self.state["added_rows"].append({"id": f"new{self.added}", "parent": "boss", "headcount": self.added})
        return self.session.take(self.state)


# ---------------------------------------------------------------- the property
EDITS = st.lists(
    st.one_of(
        st.tuples(st.just("headcount"), st.integers(0, 3), st.integers(0, 50)),
        st.tuples(st.just("name"), st.integers(0, 3), st.text("abcxyz ", min_size=1, max_size=6)),
        st.tuples(st.just("add"), st.just(0), st.just(0)),
        st.tuples(st.just("bad_parent"), st.integers(1, 3), st.just("ghost")),
        st.tuples(st.just("bad_headcount"), st.integers(0, 3), st.just(-1)),
        st.tuples(st.just("cycle"), st.just(0), st.just("stock")),
        st.tuples(st.just("fix"), st.just(0), st.just(0)),
    ),
    max_size=14,
)


@settings(max_examples=60)
@given(edits=EDITS, k=st.integers(0, 16))
def test_undo_k_times_gives_the_design_k_valid_edits_back_and_redo_returns(edits, k):
    ed = Editor()
    valid = [records(ed.session.table)]  # the design after each valid edit, in order
    for kind, row, value in edits:
        outcome = None
        if kind == "fix":
            for (r, col), good in list(ed.pending.items()):
                del ed.pending[(r, col)]
                outcome = ed.type_cell(r, col, good)
                if outcome == "edit":
                    valid.append(records(ed.session.table))
            outcome = None
        elif kind in ("bad_parent", "bad_headcount", "cycle"):
            column = "parent" if kind != "bad_headcount" else "headcount"
            ed.pending.setdefault((row, column), ed.shown(row, column))
            outcome = ed.type_cell(row, column, value)
            assert outcome in ("draft", None)
        elif kind == "add":
            outcome = ed.add_row()
        else:
            ed.pending.pop((row, kind), None)  # a valid value typed over an invalid one
            outcome = ed.type_cell(row, kind, value)
        if ed.pending:
            assert ed.session.problem is not None
        if outcome == "edit":
            valid.append(records(ed.session.table))
        assert records(ed.session.table) == valid[-1]  # the design in use is always the last valid one
    steps = len(valid) - 1
    for _ in range(k):
        ed.session.undo()
    back = min(k, steps)
    assert records(ed.session.table) == valid[steps - back]
    if back:
        assert ed.session.problem is None  # an undo drops what was typed since the last valid edit
    assert ed.session.can_undo == (back < steps)
    for _ in range(back):
        assert ed.session.redo() is not None
    assert records(ed.session.table) == valid[-1]
    assert not ed.session.can_redo


# ---------------------------------------------------------------- undo, redo and edits interleaved
class StackMachine(RuleBasedStateMachine):
    """Edits (table and forms, valid and invalid), undo and redo in any order, against a plain list model."""

    def __init__(self):
        super().__init__()
        self.ed = Editor()
        self.model = [records(self.ed.session.table)]
        self.cursor = 0

    def _took(self, outcome):
        if outcome == "edit":
            del self.model[self.cursor + 1 :]
            self.model.append(records(self.ed.session.table))
            self.cursor += 1
        self.ed.sync()

    @rule(row=st.integers(0, 3), value=st.integers(0, 99))
    def type_headcount(self, row, value):
        self.ed.pending.pop((row, "headcount"), None)
        self._took(self.ed.type_cell(row, "headcount", value))

    @rule(row=st.integers(1, 3))
    def type_unknown_parent(self, row):
        self.ed.pending.setdefault((row, "parent"), self.ed.shown(row, "parent"))
        outcome = self.ed.type_cell(row, "parent", "ghost")
        assert outcome in ("draft", None) and self.ed.session.problem is not None
        self._took(outcome)

    @precondition(lambda self: self.ed.pending)
    @rule()
    def fix_typing(self):
        for (r, col), good in list(self.ed.pending.items()):
            del self.ed.pending[(r, col)]
            self._took(self.ed.type_cell(r, col, good))

    @rule()
    def add_row(self):
        self._took(self.ed.add_row())

    @rule(unit=st.sampled_from(["sales", "ops", "stock"]), parent=st.sampled_from(["boss", "sales", "ops", None]))
    def form_move(self, unit, parent):
        table = self.ed.session.table.copy()
        i = table.index[table["id"] == unit][0]
        table.at[i, "parent"] = parent
        before = records(self.ed.session.table)
        outcome = self.ed.session.offer(table)
        if outcome == "draft":
            assert self.ed.session.problem is not None
        elif outcome == "same":
            assert records(table) == before
        self._took(outcome)
        if outcome != "edit":
            self.ed.session.discard_draft()  # the form's inline check would have refused it
            self.ed.sync()

    @rule()
    def undo(self):
        undone = self.ed.session.undo()
        assert (undone is not None) == (self.cursor > 0)
        self.cursor = max(self.cursor - 1, 0)
        self.ed.sync()

    @rule()
    def redo(self):
        redone = self.ed.session.redo()
        assert (redone is not None) == (self.cursor < len(self.model) - 1)
        self.cursor = min(self.cursor + 1, len(self.model) - 1)
        self.ed.sync()

    @invariant()
    def the_design_is_the_models(self):
        assert records(self.ed.session.table) == self.model[self.cursor]
        assert self.ed.session.can_undo == (self.cursor > 0)
        assert self.ed.session.can_redo == (self.cursor < len(self.model) - 1)
        assert editing.check_table(self.ed.session.table, START) is None  # a step is always a valid design


StackMachine.TestCase.settings = settings(max_examples=30, stateful_step_count=20)
test_undo_redo_and_edits_in_any_order = StackMachine.TestCase


def test_defect_2_undo_after_an_added_unit_and_a_tried_cycle_never_flips():
    """Issue 15, defect 2: add a unit, try a cycle (gf under vertrieb), then Undo four times."""
    sample = orbit.load("sample_orgs/maschinenbau-classic.yaml")
    s = editing.EditSession.start("B", sample, 1, "d")
    units = len(sample)
    assert s.take({"added_rows": [{"id": "kam"}]}) == "edit"
    assert len(s.organisation()) == units + 1
    gf = int(s.editor_base.index[s.editor_base["id"] == "gf"][0])
    state = {"added_rows": [{"id": "kam"}], "edited_rows": {str(gf): {"parent": "vertrieb"}}}
    assert s.take(state) == "draft" and s.problem.key == "cycle"
    counts = []
    for _ in range(4):
        s.undo()
        counts.append(len(s.organisation()))
    assert counts == [units] * 4  # back to the start once, and it stays there
    assert not s.can_undo and s.problem is None


@pytest.mark.parametrize("value", ["1e20", 10**20, "1e400", float("inf"), "nan", "9" * 5000, "20000000", -3])
@pytest.mark.parametrize("where", ["edited", "added"])
def test_a_number_out_of_range_typed_in_the_editor_is_a_problem_naming_it_not_a_crash(value, where):
    """Issue 11, the app: a headcount that no int64 holds is named in the problem row; the design stays."""
    s = editing.EditSession.start("Shop", START, 1, "d1")
    if where == "edited":
        state = {"edited_rows": {"1": {"headcount": value}}}
    else:
        state = {"added_rows": [{"id": "new", "parent": "boss", "headcount": value}]}
    assert s.take(state) == "draft"
    assert s.problem.column == "headcount" and s.problem.key == "headcount"
    assert s.organisation().records() == START.records()
