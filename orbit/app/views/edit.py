"""The Edit tab: the unit table, the "Move a unit" and "Add a unit" forms, undo and redo, the preview.

Every valid change is saved at once as a new version of the design (with a
message saying what changed); an invalid one is shown with its offending
cell and never saved. Undo and redo move along this session's stack of
whole designs, each step saved as a new version too, so that the library's
history stays complete and a reload shows what is on screen.

How the editor stays calm (issue 15): the table widget is always given the
same data, column settings and key while the user types (its edit state is
relative to :attr:`EditSession.editor_base`); it gets a new key only when
the design under it changes (undo, redo, a form, someone else's save, a new
language). Edits are taken in the widget's callback, or, for scripted
sessions, at the start of the next run (:func:`take_pending`); nothing here
writes a widget's state during the run a change caused, and nothing calls
``st.rerun``.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ...errors import OrgError
from ...i18n import Translator, kind_label
from ...library import name_key
from ...model import CUSTOMER
from ...render.style import KIND_STYLES
from .. import changes, designs, diagrams, display, downloads, editing, loading
from . import Page, widgets

ss = st.session_state

EDITOR_PX = 520
"""Height of the unit table (a smaller design's is as high as it needs)."""
ROW_PX = 35
"""Height of a table row."""
WIDTHS = {"id": 95, "name": 140, "kind": 85, "parent": 150, "headcount": 90, "serves": 140, "orbit": 65}
"""Column widths of the unit table, in px: all seven fields fit in the page at 1280 px."""
MARK = "background-color: #fde2e1; color: #a4161a; font-weight: 600"
"""How the offending cell of an invalid edit is marked."""


# ---------------------------------------------------------------- the session's editor of a design
def session_for(design: loading.Design, tr: Translator | None = None) -> editing.EditSession:
    """The editing session of ``design`` (made on first use); someone else's newer save restarts it there."""
    key = name_key(design.name)
    session = ss.edits.get(key)
    if session is None or session.name != design.name:
        session = editing.EditSession.start(design.name, loading.organisation(design), design.version, design.digest)
        session.lang = tr.lang if tr else session.lang
        ss.edits = {**ss.edits, key: session}
    elif design.version > session.version:
        if design.digest != session.digest:  # another session or app process saved a version
            session.rebase(loading.organisation(design), design.version, design.digest)
            when = designs.when(design.saved_at, tr or Translator("en"), designs.zone(st.context.timezone))
            from .. import state

            state.note(design.id, "info", "lib.external", author=design.author, n=design.version, when=when)
        else:
            session.saved(design.version, design.digest)
    return session


def renamed(old: str, new: str) -> None:
    """The design ``old`` is now called ``new``: its editing session goes with it."""
    session = ss.edits.get(name_key(old))
    if session is not None:
        session.name = new
        ss.edits = {**{k: v for k, v in ss.edits.items() if k != name_key(old)}, name_key(new): session}


def take_pending(tr: Translator) -> None:
    """Take an edit the table holds that its callback did not (scripted sessions), before anything is drawn.

    The edit is taken against the table it was typed into, before the
    session looks for newer versions: a version someone else saved
    meanwhile is merged with it, as the callback does.
    """
    design = ss.designs.get(ss.current)
    if design is None or not design.may_edit:
        return
    session = ss.edits.get(name_key(design.name))
    if session is None or session.editor_key not in ss:
        return
    if _taken(session, session.take(ss[session.editor_key]), tr):
        from .. import state

        state.refresh_designs()  # the version just saved is the one to show in this run


def on_table_edit(name: str, lang: str) -> None:
    session = ss.edits.get(name_key(name))
    if session is not None and session.editor_key in ss:
        _taken(session, session.take(ss[session.editor_key]), Translator(lang))


def _taken(session: editing.EditSession, outcome: str | None, tr: Translator) -> bool:
    """Save a valid edit the table holds as a new version; True when one was saved."""
    if outcome != "edit":
        return False
    before = session.steps[session.cursor - 1].table
    message = changes.describe(before, session.table, tr)
    session.name_last(message)
    return persist(session, message, before, tr) is not None


def persist(session: editing.EditSession, message: str, base: pd.DataFrame, tr: Translator) -> int | None:
    """Save the design under the session's cursor as a new version; returns its number (None: not saved).

    When someone else saved a version since this session's last one, the
    session's change (from ``base`` to now) is applied on top of theirs
    (:func:`~orbit.app.editing.merge_tables`); a change that no longer fits
    is not saved and the editor shows their version.
    """
    try:
        latest = designs.version_info(session.name)
        org = session.organisation()
        if latest.number == session.version or latest.digest == session.digest:
            number = designs.save_version(session.name, org, message, parent=latest.number)
        else:
            theirs_org = designs.load_version(session.name, latest.number)
            theirs = editing.editor_table(theirs_org)
            merged = editing.merge_tables(base, session.table, theirs)
            problem = editing.check_table(merged, theirs_org)
            did = designs.design_id(session.name)
            session.rebase(theirs_org, latest.number, latest.digest)
            if problem is not None:
                _note(did, "warning", "lib.conflict", author=latest.author, n=latest.number, problem=problem.text(tr))
                return None
            number = designs.save_version(
                session.name, editing.organisation_of(merged, theirs_org), message, parent=latest.number
            )
            session.rebase(theirs_org, latest.number, latest.digest, keep=[editing.Step(merged, message)])
            _note(did, "info", "lib.merged", author=latest.author, n=latest.number, m=number)
        session.saved(number, designs.version_info(session.name, number).digest)
    except OrgError as err:
        ss.edit_failed = tr("lib.failed", message=err.message)
        return None
    ss.last_saved = (session.name, number, message)
    return number


def _note(design_id: str, kind: str, key: str, **values) -> None:
    from .. import state

    state.note(design_id, kind, key, **values)


def on_undo(name: str, lang: str) -> None:
    tr = Translator(lang)
    session = ss.edits.get(name_key(name))
    if session is None:
        return
    before = session.table
    undone = session.undo()
    if undone is not None:
        persist(session, changes.undo_message(undone.message, tr), before, tr)


def on_redo(name: str, lang: str) -> None:
    tr = Translator(lang)
    session = ss.edits.get(name_key(name))
    if session is None:
        return
    before = session.table
    redone = session.redo()
    if redone is not None:
        persist(session, changes.undo_message(redone.message, tr, redo=True), before, tr)


def on_discard(name: str) -> None:
    session = ss.edits.get(name_key(name))
    if session is not None:
        session.discard_draft()


# ---------------------------------------------------------------- the view
def show(page: Page) -> None:
    tr, design, progress = page.tr, page.design, page.progress
    if not design.may_edit:
        read_only(tr, design)
        return
    session = session_for(design, tr)
    if session.editor_key not in ss or session.lang != tr.lang:
        session.restart_editor(session.working, lang=tr.lang)  # back in view, or another language: keep the typing
    toolbar(tr, design, session)
    start = designs.design_at(session.name, session.start_version) if session.start_version else design
    effect(tr, session, start, design, progress)
    move_col, add_col = st.columns(2)
    with move_col.expander(tr("edit.form.move"), icon=":material/move_down:"):
        move_form(tr, session)
    with add_col.expander(tr("edit.form.add"), icon=":material/add_box:"):
        add_form(tr, session)
    if session.problem is not None:
        problem_box(tr, session)
    unit_table(tr, session)
    preview(tr, session, start, design, progress)


def toolbar(tr: Translator, design: loading.Design, session: editing.EditSession) -> None:
    """The title with undo and redo beside it; where the design stands (version, last save, last change)."""
    tz = designs.zone(st.context.timezone)
    title, buttons = st.columns([2, 1], vertical_alignment="bottom")
    title.subheader(tr("edit.title.lib", name=display.md_escape(design.shown_name)), anchor=False)
    row = buttons.container(horizontal=True, horizontal_alignment="right", key="undo_redo")
    row.button(
        tr("edit.undo"),
        key="undo",
        icon=":material/undo:",
        on_click=on_undo,
        args=(session.name, tr.lang),
        help=tr("edit.undo.help.lib"),
        disabled=not session.can_undo,
    )
    row.button(
        tr("edit.redo"),
        key="redo",
        icon=":material/redo:",
        on_click=on_redo,
        args=(session.name, tr.lang),
        help=tr("edit.redo.help"),
        disabled=not session.can_redo,
    )
    status = tr("edit.status", n=design.version, when=designs.when(design.saved_at, tr, tz), author=design.author)
    last = session.steps[session.cursor].message if session.cursor else ""
    if last:
        status += " · " + tr("edit.status.last", message=last)
    st.markdown(":material/history: " + display.md_escape(status), help=tr("edit.intro.lib"))
    failed = ss.pop("edit_failed", None)
    if failed:
        st.error(display.md_escape(failed), icon=":material/error:")


def labels_of(table: pd.DataFrame, tr: Translator, customer: str | None = None) -> dict[str, str]:
    """How pickers name each unit of a table: ``Name (id)`` (just the id when it has no other name);
    the customer by the design's label for it."""
    out = {CUSTOMER: tr.customer(customer or "Customer")}
    for uid, name in zip(table["id"], table["name"], strict=True):
        if editing.blank(uid):
            continue
        uid = str(uid)
        out[uid] = uid if editing.blank(name) or str(name) == uid else f"{name} ({uid})"
    return out


def unit_table(tr: Translator, session: editing.EditSession) -> None:
    """The unit table: every field, parents and served units picked by name; German headers in German."""
    base = session.editor_base
    names = labels_of(base, tr, session.like.customer)
    ids = [i for i in names if i != CUSTOMER]
    attrs = editing.editable_attributes(base)
    st.data_editor(
        base,
        key=session.editor_key,
        num_rows="dynamic",
        hide_index=True,
        column_order=[*editing.EDITOR_COLUMNS, *attrs],
        width="stretch",
        height=min(EDITOR_PX, ROW_PX * (len(base) + 2) + 3),  # room for a few new rows; fixed within a round
        placeholder="",
        on_change=on_table_edit,
        args=(session.name, tr.lang),
        column_config={
            "id": st.column_config.TextColumn(
                tr("edit.col.id"), help=tr("edit.col.id.help"), required=True, width=WIDTHS["id"], pinned=True
            ),
            "name": st.column_config.TextColumn(tr("edit.col.name"), width=WIDTHS["name"]),
            "kind": st.column_config.TextColumn(
                tr("edit.col.kind"), help=tr("edit.col.kind.help.lib"), width=WIDTHS["kind"]
            ),
            "parent": st.column_config.SelectboxColumn(
                tr("edit.col.parent"),
                options=ids,
                format_func=names.get,
                help=tr("edit.col.parent.help.lib"),
                width=WIDTHS["parent"],
            ),
            "headcount": st.column_config.NumberColumn(
                tr("edit.col.headcount"),
                min_value=0,
                step=1,
                format="%d",
                help=tr("edit.col.headcount.help"),
                width=WIDTHS["headcount"],
            ),
            "serves": st.column_config.MultiselectColumn(
                tr("edit.col.serves"),
                options=[CUSTOMER, *ids],
                format_func=lambda v: names.get(v, v),
                accept_new_options=True,
                help=tr("edit.col.serves.help.lib"),
                width=WIDTHS["serves"],
            ),
            "orbit": st.column_config.NumberColumn(
                tr("edit.col.orbit"),
                min_value=1,
                step=1,
                format="%d",
                help=tr("edit.col.orbit.help"),
                width=WIDTHS["orbit"],
            ),
        },
    )


def problem_box(tr: Translator, session: editing.EditSession) -> None:
    """An invalid edit: what is wrong (units by name), where, the row with its offending cell marked."""
    p = session.problem
    where = ""
    if p.row is not None and p.column:
        where = tr("edit.problem.where", row=p.row + 1, column=tr(f"edit.col.{p.column}"))
    elif p.row is not None:
        where = tr("edit.problem.where.row", row=p.row + 1)
    with st.container(border=True, key="edit_problem"):
        parts = [tr("edit.problem.title", problem=p.text(tr)), where]
        st.error(
            "\n\n".join(display.md_escape(x) for x in parts if x) + "\n\n" + tr("edit.problem.kept"),
            icon=":material/block:",
        )
        if p.row is not None and p.row < len(session.working):
            names = labels_of(session.editor_base, tr, session.like.customer)
            row = session.working.iloc[[p.row]].copy()
            row["parent"] = row["parent"].map(lambda v: names.get(v, v))
            row["serves"] = row["serves"].map(lambda v: ", ".join(names.get(t, t) for t in editing.serves_list(v)))
            shown = row[[c for c in [*editing.EDITOR_COLUMNS] if c in row.columns]]
            shown = shown.rename(columns={c: tr(f"edit.col.{c}") for c in editing.EDITOR_COLUMNS})
            styled = shown.style.map(lambda _: MARK, subset=[tr(f"edit.col.{p.column}")] if p.column else None)
            st.dataframe(styled, hide_index=True, width="stretch", key="edit_problem_row", placeholder="")
        st.button(
            tr("edit.discard"),
            key="discard_draft",
            icon=":material/backspace:",
            on_click=on_discard,
            args=(session.name,),
        )


# ---------------------------------------------------------------- the forms
def known_kinds(table: pd.DataFrame) -> list[str]:
    """Kinds offered by the Add form: those of the design first, then the ones with a style of their own."""
    used = [str(k) for k in table["kind"].dropna().unique() if str(k).strip()]
    return [*used, *(k for k in KIND_STYLES if k not in used)]


def keep_valid(key: str, value) -> None:
    """Set a form widget's value before it is drawn, only when it must change (a unit it names is gone),
    so that what the user picked is never written over."""
    if ss.get(key) != value:
        ss[key] = value


def move_form(tr: Translator, session: editing.EditSession) -> None:
    """Move a unit: a new parent and what it serves, picked by name with search, validated as you pick."""
    table = session.table
    names = labels_of(table, tr, session.like.customer)
    ids = [i for i in names if i != CUSTOMER]
    if ss.get("move_unit") not in ids:
        keep_valid("move_unit", None)
    st.selectbox(
        tr("edit.form.move.unit"),
        ids,
        index=None,
        format_func=names.get,
        placeholder=tr("edit.form.search"),
        key="move_unit",
        on_change=on_move_unit,
    )
    uid = ss.get("move_unit")
    if uid is None:
        return
    row = table.loc[table["id"] == uid].iloc[0]
    current_parent = None if editing.blank(row["parent"]) else str(row["parent"])
    current_serves = editing.serves_list(row["serves"])
    st.caption(
        tr(
            "edit.form.move.now",
            parent=names.get(current_parent, tr("edit.form.nothing")) if current_parent else tr("edit.form.nothing"),
            serves=", ".join(names.get(t, t) for t in current_serves) or tr("edit.form.nothing"),
        )
    )
    others = ["", *(i for i in ids if i != uid)]
    if ss.get("move_parent") not in others:
        keep_valid("move_parent", current_parent or "")
    st.selectbox(
        tr("edit.form.move.parent"),
        others,
        format_func=lambda i: names.get(i) if i else tr("edit.top"),
        key="move_parent",
    )
    targets = [CUSTOMER, *(i for i in ids if i != uid)]
    keep_valid("move_serves", [t for t in ss.get("move_serves", current_serves) if t in targets])
    st.multiselect(tr("edit.form.move.serves"), targets, format_func=names.get, key="move_serves")
    candidate = moved_table(table, uid, ss.move_parent or None, ss.move_serves)
    problem = editing.check_table(candidate, session.like)
    unchanged = editing.same_table(candidate, table)
    if problem is not None:
        st.error(display.md_escape(problem.text(tr)), icon=":material/block:")
    elif unchanged:
        st.caption(tr("edit.form.unchanged"))
    st.button(
        tr("edit.form.move.go"),
        key="move_go",
        type="primary",
        on_click=on_move,
        args=(session.name, tr.lang),
        disabled=problem is not None or unchanged,
        icon=":material/check:",
    )


def on_move_unit() -> None:
    """Another unit picked to move: the fields start from its current parent and service relations."""
    for key in ("move_parent", "move_serves"):
        ss.pop(key, None)
    uid = ss.get("move_unit")
    session = ss.edits.get(name_key(ss.designs[ss.current].name)) if ss.current in ss.designs else None
    if uid is None or session is None:
        return
    row = session.table.loc[session.table["id"] == uid]
    if len(row):
        parent = row.iloc[0]["parent"]
        ss.move_parent = "" if editing.blank(parent) else str(parent)
        ss.move_serves = editing.serves_list(row.iloc[0]["serves"])


def moved_table(table: pd.DataFrame, uid: str, parent: str | None, serves: list[str]) -> pd.DataFrame:
    """``table`` with unit ``uid`` under ``parent`` (None: the top level) and serving ``serves``."""
    out = table.copy()
    i = out.index[out["id"] == uid][0]
    out.at[i, "parent"] = parent
    out.at[i, "serves"] = list(serves)
    return out


def on_move(name: str, lang: str) -> None:
    session = ss.edits.get(name_key(name))
    uid = ss.get("move_unit")
    if session is None or uid is None:
        return
    candidate = moved_table(session.table, uid, ss.get("move_parent") or None, ss.get("move_serves") or [])
    _offered(session, candidate, Translator(lang))


def add_form(tr: Translator, session: editing.EditSession) -> None:
    """Add a unit: every field, the parent and served units picked by name, validated as you type."""
    table = session.table
    names = labels_of(table, tr, session.like.customer)
    ids = [i for i in names if i != CUSTOMER]
    st.text_input(tr("edit.col.id"), key="add_id", help=tr("edit.form.id.help"))
    st.text_input(tr("edit.col.name"), key="add_name")
    st.selectbox(
        tr("edit.col.kind"),
        known_kinds(table),
        index=None,
        format_func=lambda k: kind_label(k, tr.lang),
        accept_new_options=True,
        placeholder=tr("edit.form.search"),
        key="add_kind",
    )
    if ss.get("add_parent") not in ["", *ids]:
        keep_valid("add_parent", "")
    st.selectbox(
        tr("edit.col.parent"),
        ["", *ids],
        format_func=lambda i: names.get(i) if i else tr("edit.top"),
        key="add_parent",
    )
    c1, c2 = st.columns(2)
    c1.number_input(tr("edit.col.headcount"), min_value=0, step=1, value=None, key="add_headcount")
    c2.number_input(tr("edit.col.orbit"), min_value=1, step=1, value=None, key="add_orbit")
    keep_valid("add_serves", [t for t in ss.get("add_serves", []) if t in [CUSTOMER, *ids]])
    st.multiselect(tr("edit.col.serves"), [CUSTOMER, *ids], format_func=names.get, key="add_serves")
    candidate = added_table(table)
    problem = None if candidate is None else editing.check_table(candidate, session.like)
    if candidate is None:
        st.caption(tr("edit.form.id.needed"))
    elif problem is not None:
        st.error(display.md_escape(problem.text(tr)), icon=":material/block:")
    st.button(
        tr("edit.form.add.go"),
        key="add_go",
        type="primary",
        on_click=on_add,
        args=(session.name, tr.lang),
        disabled=candidate is None or problem is not None,
        icon=":material/add:",
    )


def added_table(table: pd.DataFrame) -> pd.DataFrame | None:
    """``table`` with the unit the Add form describes appended (None until it has an id)."""
    uid = (ss.get("add_id") or "").strip()
    if not uid:
        return None
    row = {c: None for c in table.columns}
    row |= {
        "id": uid,
        "name": (ss.get("add_name") or "").strip() or None,
        "kind": (ss.get("add_kind") or "").strip() or None,
        "parent": ss.get("add_parent") or None,
        "serves": list(ss.get("add_serves") or []),
    }
    out = pd.concat([table, pd.DataFrame([row], columns=table.columns).astype(object)], ignore_index=True)
    for c, key in (("headcount", "add_headcount"), ("orbit", "add_orbit")):
        values = list(out[c])
        values[-1] = pd.NA if ss.get(key) is None else int(ss.get(key))
        out[c] = pd.array(values, dtype="Int64")
    out["serves"] = pd.Series([editing.serves_list(v) for v in out["serves"]], dtype=object)
    return out


def on_add(name: str, lang: str) -> None:
    session = ss.edits.get(name_key(name))
    candidate = None if session is None else added_table(session.table)
    if candidate is None:
        return
    if _offered(session, candidate, Translator(lang)):
        for key, empty in (("add_id", ""), ("add_name", ""), ("add_kind", None), ("add_parent", "")):
            ss[key] = empty
        for key in ("add_headcount", "add_orbit"):
            ss[key] = None
        ss.add_serves = []


def _offered(session: editing.EditSession, candidate: pd.DataFrame, tr: Translator) -> bool:
    """A whole new table from a form: saved as a version when valid and different."""
    before = session.table
    if session.offer(candidate) != "edit":
        return False
    message = changes.describe(before, session.table, tr)
    session.name_last(message)
    return persist(session, message, before, tr) is not None


# ---------------------------------------------------------------- the preview
def effect(tr: Translator, session: editing.EditSession, start: loading.Design, design: loading.Design, progress):
    """The key figures now, with their change since the version this session's editing started from."""
    before = widgets.analysis_for(start, tr, progress)
    after = widgets.analysis_for(design, tr, progress)
    st.markdown(f"**{tr('edit.since', n=session.start_version)}**")
    old = {k: r for k, _, _, r, _ in display.metric_values(before, tr)}
    cards = [c for c in display.metric_values(after, tr) if c[0] in ("units", "mean_hops", "share", "flagged")]
    for col, (key, label, shown, raw, help_text) in zip(st.columns(len(cards)), cards, strict=True):
        delta, colour = display.metric_delta(key, old[key], raw, tr)
        col.metric(label, shown, delta=delta, delta_color=colour, help=help_text, border=True)


def preview(tr: Translator, session: editing.EditSession, start: loading.Design, design: loading.Design, progress):
    """The orbit view of the design now, units that did not change where they were, changed ones ringed."""
    start_org, before = widgets.prepared(start, tr, progress)
    org, after = widgets.prepared(design, tr, progress)
    with progress.stage("layout", widgets.heavy(org, "layout-edit", design.key, start.key, ss.via)):
        reference = diagrams.orbit_positions(start.key, start_org, before)
        pos = diagrams.orbit_positions(design.key, org, after, reference=reference, reference_key=start.key)
    changed = changes.changed_units(editing.editor_table(start_org), session.table) if start is not design else []
    with progress.stage("drawing", widgets.heavy(org, "draw-edit", design.key, ss.max_hops, ss.via, tr.lang)):
        fig = diagrams.orbit_chart(
            f"{design.key}|ref{start.key}",
            after,
            pos,
            loading.colours_for(before, after),
            customer_label=display.customer_label(org, tr),
            text=tr.figure_text(),
            height=560,
            legend=False,
            highlight=[u for u in changed if u in org.ids],
            flags_on_page=False,
        )
    chart, side = st.columns([3, 1], gap="medium")
    with chart:
        st.markdown(f"**{tr('edit.preview')}**")
        st.caption(tr("edit.preview.moved", n=len(changed)) if changed else tr("edit.preview.none"))
        st.plotly_chart(fig, config=widgets.CHART_CONFIG, width="stretch", key="edit_chart")
    with side:
        st.markdown(f"**{tr('edit.download')}**")
        stem = downloads.safe_filename(design.shown_name)
        for fmt in ("yaml", "csv", "xlsx"):
            st.download_button(
                fmt.upper(),
                lambda f=fmt, o=org: downloads.design_bytes(o, f)[0],
                file_name=f"{stem}.{fmt}",
                mime=downloads.MIME[fmt],
                key=f"dl_edit_{fmt}",
                on_click="ignore",
                width="stretch",
            )
        st.caption(tr("edit.formats"))


# ---------------------------------------------------------------- a fixed version
def read_only(tr: Translator, design: loading.Design) -> None:
    """A design the user may not change (a fixed version, a viewer's, a link's): its table, and the ways on.

    The editor is not drawn at all, and the library refuses a save anyway
    (:class:`~orbit.library.PermissionDenied`): the check is not only here.
    """
    from .notices import fixed_version_actions, readonly_reason

    st.subheader(tr("edit.title.lib", name=display.md_escape(design.shown_name)), anchor=False)
    st.info(readonly_reason(tr, design), icon=":material/lock:")
    fixed_version_actions(tr, design, key="edit")
    table = editing.editor_table(loading.organisation(design))
    table["serves"] = table["serves"].map(lambda v: " | ".join(v))
    shown = table.rename(columns={c: tr(f"edit.col.{c}") for c in editing.EDITOR_COLUMNS})
    st.dataframe(shown, hide_index=True, width="stretch", height=EDITOR_PX, placeholder="")
