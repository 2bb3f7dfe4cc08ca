"""Orbit: the workshop app.

Run with ``make run`` (``streamlit run app.py``); design files named after
``--`` open as well (``streamlit run app.py -- my-org.csv``).

This file only builds widgets and wires them together. Loading, analysis,
layouts, figures, tables, editing and downloads live in
:mod:`orbit.appkit` (cached, per-session state in ``st.session_state``) and
:mod:`orbit.render.interactive` (plotly figures).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import streamlit as st

from orbit import appkit as kit
from orbit.errors import OrgError
from orbit.i18n import LANGUAGES, Translator, text
from orbit.render import interactive

st.set_page_config(page_title="Orbit", page_icon=":material/radar:", layout="wide", initial_sidebar_state="expanded")
ss = st.session_state
CHART_CONFIG = {"displaylogo": False, "scrollZoom": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


# ----------------------------------------------------------------- session
def init_session(progress: kit.Progress) -> None:
    """First run of a browser session: samples, command-line files and the view named in the URL."""
    if "designs" in ss:
        return
    url = kit.read_url(st.query_params.to_dict())
    ss.lang = url.get("lang", kit.DEFAULT_LANG)
    tr = Translator(ss.lang)
    designs = kit.sample_designs()
    notes = []
    current = kit.DEFAULT_PAIR[0] if kit.DEFAULT_PAIR[0] in designs else next(iter(designs), None)
    for path in kit.command_line_files(sys.argv[1:]):
        data = b""
        with contextlib.suppress(OSError):
            data = Path(path).read_bytes()
        key = f"load|{kit.content_key(data, path)}" if kit.looks_big(data, path) else None
        with progress.stage("reading", key, name=kit.md_escape(Path(path).name), size=kit.size_text(len(data), tr)):
            try:
                d = kit.file_design(path)
            except OrgError as err:
                progress.fail()
                notes.append(("error", str(err)))
                continue
        designs[d.id] = d
        current = current if current in designs and current.startswith("file:") else d.id
    if url.get("design") in designs:
        current = url["design"]
    elif url.get("design"):
        notes.append(("missing", url["design"]))
    ss.designs = designs
    ss.current = current
    ss.max_hops = url.get("n", kit.DEFAULT_MAX_HOPS)
    ss.via = url.get("via", kit.DEFAULT_VIA)
    ss.selected = url.get("unit")
    ss.view = url.get("view", kit.VIEWS[0])
    ss.journey = None
    ss.uploads_seen = {}
    ss.edits = {}
    ss.expand = []
    ss.notes = notes


def add_design(design: kit.Design, *, select: bool = True) -> None:
    """Register a design; it becomes the open one on the next run (before the picker is drawn)."""
    ss.designs = {**ss.designs, design.id: design}
    if select:
        ss.open_next = design.id


def take_uploads(tr: Translator, progress: kit.Progress) -> None:
    """Parse new uploads once each; a good file opens, a bad one leaves the open design as it is.

    Runs in the script before the design picker is drawn (not as the
    uploader's callback), so a big file can show its progress and a good one
    opens in the same run.
    """
    for f in ss.get("uploader") or []:
        if f.file_id in ss.uploads_seen:
            continue
        data = f.getvalue()
        big = len(data) <= kit.MAX_UPLOAD_BYTES and kit.looks_big(data, f.name)
        key = f"load|{kit.content_key(data, f.name)}" if big else None
        with progress.stage("reading", key, name=kit.md_escape(f.name), size=kit.size_text(len(data), tr)):
            try:
                design = kit.ingest_upload(f.name, data)
            except kit.UploadRejected as err:
                progress.fail()
                ss.uploads_seen[f.file_id] = ("error", f.name, (err.key, err.values))
            except OrgError as err:
                progress.fail()
                ss.uploads_seen[f.file_id] = ("error", f.name, ("sidebar.bad_file", {"message": str(err)}))
            else:
                add_design(design)
                ss.uploads_seen[f.file_id] = ("ok", f.name, design.id)


def on_clicked(chart_key: str) -> None:
    unit = kit.clicked_unit(ss.get(chart_key))
    if unit:
        ss.selected = unit


def on_search() -> None:
    if ss.get("search"):
        ss.selected = ss.search


def clear_selection() -> None:
    ss.selected = None


def sync_choice(shared: str, widget: str) -> None:
    ss[shared] = ss[widget] or None


# ----------------------------------------------------------------- sidebar
def sidebar(tr: Translator, progress: kit.Progress) -> None:
    take_uploads(tr, progress)
    with st.sidebar:
        st.title(":material/radar: Orbit", anchor=False)
        st.caption(tr("app.tagline"))
        st.segmented_control(
            " / ".join(
                dict.fromkeys([tr("sidebar.language"), *(text(lang, "sidebar.language") for lang in LANGUAGES)])
            ),
            list(LANGUAGES),
            format_func=LANGUAGES.get,
            key="lang",
            required=True,
        )

        st.subheader(tr("sidebar.designs"))
        if ss.get("open_next") in ss.designs:
            ss.current = ss.pop("open_next")
        if ss.current not in ss.designs:
            ss.current = next(iter(ss.designs))
        st.selectbox(
            tr("sidebar.design"),
            list(ss.designs),
            format_func={i: kit.design_label(d, tr) for i, d in ss.designs.items()}.__getitem__,
            key="current",
            help=tr("sidebar.design.help"),
        )
        st.file_uploader(
            tr("sidebar.upload"),
            type=list(kit.UPLOAD_TYPES),
            accept_multiple_files=True,
            key="uploader",
            help=tr("sidebar.upload.help", mb=kit.MAX_UPLOAD_MB),
            max_upload_size=kit.MAX_UPLOAD_MB,
        )
        for f in ss.get("uploader") or []:
            status, name, detail = ss.uploads_seen.get(f.file_id, (None, None, None))
            if status == "ok" and detail in ss.designs:
                org = kit.organisation(ss.designs[detail])
                st.caption(
                    ":material/check_circle: "
                    + kit.md_escape(tr("sidebar.loaded", name=name, units=tr.number(len(org))))
                )
            elif status == "error":
                key, values = detail
                st.error(kit.md_escape(tr(key, **values)) + "\n\n" + tr("sidebar.kept_open"), icon=":material/error:")
        group_by_picker(tr)

        st.subheader(tr("sidebar.distance"))
        st.slider(
            tr("sidebar.max_hops"),
            min_value=kit.MAX_HOPS_RANGE[0],
            max_value=kit.MAX_HOPS_RANGE[1],
            key="max_hops",
            help=tr("sidebar.max_hops.help"),
        )
        st.radio(
            tr("sidebar.via"),
            list(kit.VIA),
            format_func=lambda v: tr(f"via.{v}"),
            key="via",
            help=tr("sidebar.via.help"),
        )
        st.divider()
        st.caption(":material/link: " + tr("sidebar.share"))


def group_by_picker(tr: Translator) -> None:
    """For person-level uploads: group people into units by a column (orbit.hr)."""
    design = ss.designs[ss.current]
    org = kit.organisation(design)
    columns, suggested = kit.grouping_offer(design, org)
    if not columns:
        return
    with st.expander(tr("sidebar.group_by"), expanded=suggested):
        column = st.selectbox(tr("sidebar.group_by"), columns, key="group_col", help=tr("sidebar.group_by.help"))
        facing = st.multiselect(tr("sidebar.group_by.facing"), kit.group_values(org, column), key="group_facing")
        if st.button(tr("sidebar.group_by.go"), key="group_go", icon=":material/group_work:"):
            try:
                add_design(kit.grouped_design(design, org, column, facing))
            except OrgError as err:
                st.error(kit.md_escape(str(err)))
            else:
                st.rerun()


# ------------------------------------------------------------------ header
def header(tr: Translator, design: kit.Design, org, a, progress: kit.Progress) -> None:
    other = kit.counterpart(design.id, ss.designs)
    intro, story = st.columns([3, 2]) if other else (st.container(), None)
    intro.markdown(tr("app.intro", n=a.max_hops))
    if other:
        first, second = (design, ss.designs[other]) if design.id.endswith("-classic") else (ss.designs[other], design)
        with story.container(border=True):
            st.markdown(f"**{tr('app.story.title')}**")
            st.markdown(
                kit.story(
                    analysis_for(first, tr, progress),
                    analysis_for(second, tr, progress),
                    tr,
                    (first.title, second.title),
                )
            )
    if kit.grouping_offer(design, org)[1]:
        st.info(tr("group.suggest", name=kit.md_escape(design.filename)), icon=":material/group_work:")
    if design.notes:  # how a grouping of people into units decided ties and empty cells
        lines = "\n".join(f"- {kit.md_escape(note)}" for note in design.notes)
        st.info(tr("group.notes") + "\n\n" + lines, icon=":material/group_work:")
    for kind, note in ss.notes:
        if kind == "missing":
            st.warning(kit.md_escape(note) + ": " + tr("sidebar.kept_open"), icon=":material/link_off:")
        else:
            st.error(kit.md_escape(note), icon=":material/error:")
    if org.description:
        with st.expander(f"{tr('app.description')}: {kit.md_escape(design.title)}", icon=":material/info:"):
            st.markdown(kit.md_escape(org.description))


def loaded(design: kit.Design, tr: Translator, progress: kit.Progress):
    """The design's organisation; a big file shows its reading the first time."""
    with progress.stage(
        "reading",
        f"load|{design.key}" if design.looks_big else None,
        name=kit.md_escape(design.filename),
        size=kit.size_text(len(design.data), tr),
    ):
        return kit.organisation(design)


def prepared(design: kit.Design, tr: Translator, progress: kit.Progress):
    """The design's organisation and analysis; a big design shows each step the first time it runs."""
    org = loaded(design, tr, progress)
    key = f"analysis|{design.key}|{ss.max_hops}|{ss.via}"
    with progress.stage(
        "analysing", key if design.looks_big or len(org) >= kit.BIG_ROWS else None, units=tr.number(len(org))
    ):
        a = kit.analysis_of(design.key, org, ss.max_hops, ss.via)
    return org, a


def analysis_for(design: kit.Design, tr: Translator, progress: kit.Progress):
    return prepared(design, tr, progress)[1]


def heavy(org, *parts) -> str | None:
    """A progress key for a step on a big organisation (None for a small one: no progress shown)."""
    return "|".join(map(str, parts)) if len(org) >= kit.BIG_ROWS else None


# ----------------------------------------------------------------- explore
def explore(tr: Translator, design: kit.Design, org, a, progress: kit.Progress) -> None:
    view_org, view_a, view_key = org, a, design.key
    big = len(org) >= kit.BIG_ORG
    if big:
        depth = st.select_slider(
            tr("sidebar.aggregate"),
            options=[0, 2, 3, 4, 5, 6],
            value=0,
            format_func=lambda d: tr("sidebar.aggregate.off") if d == 0 else str(d),
            key="agg_depth",
            help=tr("sidebar.aggregate.help"),
        )
        if depth:
            folded = kit.aggregated(org, depth, ss.expand)
            if folded is not None:
                view_org = folded
                view_key = f"{design.key}|depth{depth}|{'|'.join(sorted(ss.expand))}"
                view_a = kit.analysis_of(view_key, view_org, ss.max_hops, ss.via)
        st.caption(tr("sidebar.big", units=tr.number(len(org))))

    ids, labels = kit.unit_options(view_a)
    if ss.selected not in labels:
        ss.selected = None
    ss.search = ss.selected
    journeys = [j.name for j in view_org.journeys]
    if ss.journey not in journeys:
        ss.journey = None
    ss.journey_explore = ss.journey or ""

    c1, c2, c3 = st.columns([2, 2, 1], vertical_alignment="bottom")
    c1.selectbox(
        tr("explore.search"),
        ids,
        index=None,
        format_func=labels.get,
        placeholder=tr("explore.search.placeholder"),
        key="search",
        on_change=on_search,
        help=tr("explore.search.help"),
    )
    c2.selectbox(
        tr("explore.journey"),
        ["", *journeys],
        format_func=lambda j: j or tr("explore.journey.none"),
        key="journey_explore",
        on_change=sync_choice,
        args=("journey", "journey_explore"),
        help=tr("explore.journey.help"),
        disabled=not journeys,
    )
    c3.button(tr("explore.clear"), on_click=clear_selection, disabled=ss.selected is None, width="stretch")

    journey_steps = journey_departments = None
    if ss.journey:
        row = view_a.journeys.loc[view_a.journeys["name"] == ss.journey].iloc[0]
        journey_steps, journey_departments = list(row["steps"]), list(row["departments"])

    colours = kit.colours_for(view_a)
    customer = kit.customer_label(view_org, tr)
    text = tr.figure_text()
    with progress.stage("layout", heavy(view_org, "layout", view_key, ss.via)):
        pos = kit.orbit_positions(view_key, view_org, ss.via)
        hpos = kit.hierarchy_positions(view_key, view_org)
    common = dict(selected=ss.selected, journey=journey_steps, customer_label=customer, text=text, height=680)
    with progress.stage(
        "drawing", heavy(view_org, "draw", view_key, view_a.max_hops, ss.via, ss.selected, ss.journey, tr.lang)
    ):
        orbit_fig = kit.figure("orbit", view_key, view_a, pos, colours, **common)
        tree_fig = kit.figure(
            "hierarchy", view_key, view_a, hpos, colours, journey_departments=journey_departments, **common
        )

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{tr('explore.orbit')}**")
        st.plotly_chart(
            orbit_fig,
            key="orbit_chart",
            on_select=lambda: on_clicked("orbit_chart"),
            selection_mode="points",
            config=CHART_CONFIG,
            width="stretch",
        )
    with right:
        st.markdown(f"**{tr('explore.tree')}**")
        st.plotly_chart(
            tree_fig,
            key="tree_chart",
            on_select=lambda: on_clicked("tree_chart"),
            selection_mode="points",
            config=CHART_CONFIG,
            width="stretch",
        )
    if ss.selected:
        detail_panel(tr, view_a, ss.selected, customer, view_org)
    else:
        with st.container(border=True):
            st.markdown(f"**{tr('explore.how.title')}**")
            st.markdown(tr("explore.how", customer=kit.md_escape(customer), n=view_a.max_hops))


def detail_panel(tr: Translator, a, unit_id: str, customer: str, org) -> None:
    info = kit.unit_detail(a, unit_id, tr, customer)
    icons = {
        "error": ":material/flag:",
        "warning": ":material/wrong_location:",
        "ok": ":material/check_circle:",
        "info": ":material/handshake:",
    }
    show = {"error": st.error, "warning": st.warning, "ok": st.success, "info": st.info}
    with st.container(border=True, key="detail_panel"):
        head, facts, path = st.columns([1.3, 1, 1.3])
        with head:
            st.caption(tr("detail.title"))
            st.subheader(kit.md_escape(info["name"]), anchor=False)
            for kind, note in info["notes"]:
                show[kind](note, icon=icons[kind])
        facts.markdown("\n".join(f"- **{label}**: {kit.md_escape(value)}" for label, value in info["facts"]))
        with path:
            if info["path"]:
                st.markdown(f"**{tr('detail.path')}**")
                st.markdown("  \n".join(f"{k}. {kit.md_escape(p)}" for k, p in enumerate(info["path"])))
            members = org.unit(unit_id).get("units") if "units" in org.units.columns else None
            label = f"{kit.md_escape(info['name'])} ({members})"
            if (
                members
                and members > 1
                and unit_id not in ss.expand
                and st.button(label, key="drill", icon=":material/unfold_more:")
            ):
                ss.expand = [*ss.expand, unit_id]
                st.rerun()
            st.button(tr("explore.clear"), on_click=clear_selection, key="clear_detail", icon=":material/close:")


# ---------------------------------------------------------------- analysis
def metric_cards(tr: Translator, a, compare_with=None, per_row: int = 4) -> None:
    values = kit.metric_values(a, tr)
    before = {k: raw for k, _, _, raw, _ in kit.metric_values(compare_with, tr)} if compare_with is not None else {}
    for start in range(0, len(values), per_row):
        cols = st.columns(per_row)
        for col, (key, label, shown, raw, help_text) in zip(cols, values[start : start + per_row], strict=False):
            delta, colour = kit.metric_delta(key, before.get(key), raw, tr) if before else (None, "off")
            col.metric(label, shown, delta=delta, delta_color=colour, help=help_text, border=True)


def analysis_tab(tr: Translator, design: kit.Design, org, a, progress: kit.Progress) -> None:
    st.subheader(tr("analysis.title"), anchor=False)
    metric_cards(tr, a)

    with progress.stage("checks", heavy(org, "checks", design.key, a.max_hops, a.via, tr.lang)):
        checks = kit.checks_of(design.key, org, a, tr)
    if checks is None:
        st.caption(tr("analysis.checks.missing"))
    else:
        errors = sum(len(g["messages"]) for g in checks if g["severity"] == "error")
        warnings = sum(len(g["messages"]) for g in checks if g["severity"] == "warning")
        with st.expander(
            tr("analysis.checks.summary", errors=errors, warnings=warnings),
            icon=":material/rule:",
            expanded=errors > 0,
        ):
            if not checks:
                st.success(tr("analysis.checks.none"), icon=":material/check_circle:")
            icons = {"error": ":material/block:", "warning": ":material/warning:", "info": ":material/info:"}
            for g in checks:
                st.markdown(f"{icons.get(g['severity'], '')} **{kit.md_escape(g['title'])}** ({len(g['messages'])})")
                shown = g["messages"][:5]
                lines = [f"- {kit.md_escape(m)}" for m in shown]
                if len(g["messages"]) > len(shown):
                    lines.append("- " + tr("analysis.checks.more", count=len(g["messages"]) - len(shown)))
                st.markdown("\n".join(lines))
                if g["explanation"]:
                    st.caption(
                        kit.md_escape(g["explanation"])
                        + (f" ({tr('check.source')}: {kit.md_escape(g['source'])})" if g["source"] else "")
                    )

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{tr('analysis.rings')}**")
        st.plotly_chart(
            interactive.ring_headcount_figure(a, text=tr.figure_text(), headcount_label=tr("metric.headcount")),
            config=CHART_CONFIG,
            width="stretch",
            key="rings_chart",
        )
    with right:
        st.markdown(f"**{tr('analysis.spans')}**")
        spans = a.spans()
        if len(spans):
            st.plotly_chart(
                interactive.span_figure(spans, labels=kit.span_labels(tr), managers_label=tr("analysis.managers")),
                config=CHART_CONFIG,
                width="stretch",
                key="spans_chart",
            )
        st.caption(tr("analysis.spans.caption") if len(spans) else tr("analysis.spans.none"))

    st.markdown(f"**{tr('analysis.flagged')}**")
    flagged = kit.flagged_table(a, tr)
    if len(flagged):
        st.caption(tr("analysis.flagged.caption"))
        st.dataframe(flagged, hide_index=True, width="stretch", height=min(400, 38 + 35 * len(flagged)))
    else:
        st.success(tr("analysis.flagged.none", n=a.max_hops))

    st.markdown(f"**{tr('analysis.journeys')}**")
    if len(a.journeys):
        st.caption(tr("analysis.journeys.caption"))
        st.dataframe(kit.journey_table(a, tr), hide_index=True, width="stretch")
        names = list(a.journeys["name"])
        ss.journey_analysis = ss.journey if ss.journey in names else names[0]
        st.selectbox(
            tr("analysis.journey.pick"),
            names,
            key="journey_analysis",
            on_change=sync_choice,
            args=("journey", "journey_analysis"),
            help=tr("explore.journey.help"),
        )
        row = a.journeys.loc[a.journeys["name"] == ss.journey_analysis].iloc[0]
        colours = kit.colours_for(a)
        text = tr.figure_text()
        customer = kit.customer_label(org, tr)
        with progress.stage("layout", heavy(org, "layout", design.key, ss.via)):
            pos = kit.orbit_positions(design.key, org, ss.via)
            hpos = kit.hierarchy_positions(design.key, org)
        left, right = st.columns(2)
        common = dict(journey=list(row["steps"]), customer_label=customer, text=text, height=520)
        left.plotly_chart(
            kit.figure("orbit", design.key, a, pos, colours, **common),
            config=CHART_CONFIG,
            width="stretch",
            key="journey_orbit",
        )
        right.plotly_chart(
            kit.figure(
                "hierarchy", design.key, a, hpos, colours, journey_departments=list(row["departments"]), **common
            ),
            config=CHART_CONFIG,
            width="stretch",
            key="journey_tree",
        )
    else:
        st.caption(tr("explore.no_journeys"))

    with st.expander(tr("analysis.explain")):
        for key in (
            "explain.hops",
            "explain.share",
            "explain.layers",
            "explain.spans",
            "explain.journeys",
            "explain.orbit",
        ):
            st.markdown(tr(key))


# -------------------------------------------------------------------- edit
def edit_session(design: kit.Design) -> kit.EditSession:
    base_id = design.base if design.origin == "edit" and design.base in ss.designs else design.id
    if base_id not in ss.edits:
        base = ss.designs[base_id]
        ss.edits = {**ss.edits, base_id: kit.EditSession.start(base_id, kit.organisation(base))}
    return ss.edits[base_id]


def publish_edit(session: kit.EditSession) -> None:
    base = ss.designs[session.base_id]
    add_design(kit.edited_design(base, session.organisation()))


def on_edit(session_id: str) -> None:
    session = ss.edits[session_id]
    if session.apply(ss.get(session.editor_key)) == "design":
        publish_edit(session)


def on_undo(session_id: str) -> None:
    session = ss.edits[session_id]
    if session.undo_last():
        publish_edit(session)


def on_reset(session_id: str) -> None:
    session = ss.edits[session_id]
    session.reset()
    publish_edit(session)


def edit_tab(tr: Translator, design: kit.Design, org, a, progress: kit.Progress) -> None:
    session = edit_session(design)
    st.subheader(tr("edit.title"), anchor=False)
    st.markdown(tr("edit.intro"))
    if session.editor_key not in ss:
        session.restart_editor()  # the editor was out of view: start it from what was typed
    table_col, side = st.columns([5, 2])
    with table_col:
        if session.error is not None:
            st.error(
                kit.md_escape(kit.edit_error_text(session.error, tr)) + "\n\n" + tr("edit.invalid.kept"),
                icon=":material/block:",
            )
        ids = session.working["id"].dropna().astype(str).tolist()
        attrs = kit.editable_attributes(session.editor_base)
        shown = ["id", "name", "kind", "parent", "headcount", "serves", "orbit", *attrs]
        st.data_editor(
            session.editor_base,
            key=session.editor_key,
            num_rows="dynamic",
            hide_index=True,
            column_order=shown,
            width="stretch",
            height=560,
            on_change=on_edit,
            args=(session.base_id,),
            column_config={
                "id": st.column_config.TextColumn("id", help=tr("edit.col.id.help"), required=True),
                "name": st.column_config.TextColumn("name"),
                "kind": st.column_config.TextColumn("kind", help=tr("edit.col.kind.help")),
                "parent": st.column_config.SelectboxColumn("parent", options=ids, help=tr("edit.col.parent.help")),
                "headcount": st.column_config.NumberColumn(
                    "headcount", min_value=0, step=1, format="%d", help=tr("edit.col.headcount.help")
                ),
                "serves": st.column_config.TextColumn("serves", help=tr("edit.col.serves.help")),
                "orbit": st.column_config.NumberColumn(
                    "orbit", min_value=1, step=1, format="%d", help=tr("edit.col.orbit.help")
                ),
            },
        )
        news = session.apply(ss.get(session.editor_key))  # scripted sessions change the state without the callback
        if news:
            if news == "design":
                publish_edit(session)
            st.rerun()
    with side:
        if session.error is None:
            st.success(tr("edit.valid"), icon=":material/check_circle:")
        b1, b2 = st.columns(2)
        b1.button(
            tr("edit.undo"),
            on_click=on_undo,
            args=(session.base_id,),
            help=tr("edit.undo.help"),
            disabled=not session.undo and session.error is None,
            width="stretch",
            key="undo",
        )
        b2.button(
            tr("edit.reset"),
            on_click=on_reset,
            args=(session.base_id,),
            help=tr("edit.reset.help"),
            disabled=not session.changed and session.error is None,
            width="stretch",
            key="reset",
        )
        base = ss.designs[session.base_id]
        edited_id = f"edit:{session.base_id}"
        shown_design = ss.designs.get(edited_id, base)
        before = analysis_for(base, tr, progress)
        edited_org, after = prepared(shown_design, tr, progress)
        st.markdown(f"**{tr('edit.effect')}**")
        old = {k: r for k, _, _, r, _ in kit.metric_values(before, tr)}
        cards = [c for c in kit.metric_values(after, tr) if c[0] in ("units", "mean_hops", "share", "flagged")]
        for row in (cards[:2], cards[2:]):
            for col, (key, label, shown, raw, help_text) in zip(st.columns(2), row, strict=False):
                delta, colour = kit.metric_delta(key, old[key], raw, tr)
                col.metric(label, shown, delta=delta, delta_color=colour, help=help_text, border=True)
        with progress.stage("layout", heavy(edited_org, "layout-orbit", shown_design.key, ss.via)):
            pos = kit.orbit_positions(shown_design.key, edited_org, ss.via)
        with progress.stage("drawing", heavy(edited_org, "draw-edit", shown_design.key, ss.max_hops, ss.via, tr.lang)):
            fig = kit.figure(
                "orbit",
                shown_design.key,
                after,
                pos,
                kit.colours_for(after),
                customer_label=kit.customer_label(edited_org, tr),
                text=tr.figure_text(),
                height=360,
                legend=False,
                labels=6,
                plot_px=250,  # the narrow right-hand column
            )
        st.plotly_chart(fig, config=CHART_CONFIG, width="stretch", key="edit_chart")
        st.markdown(f"**{tr('edit.download')}**")
        stem = kit.safe_filename(base.title) + ("-edited" if shown_design is not base else "")
        for col, fmt in zip(st.columns(3), ("yaml", "csv", "xlsx"), strict=True):
            col.download_button(
                fmt.upper(),
                lambda f=fmt, o=edited_org: kit.design_bytes(o, f)[0],
                file_name=f"{stem}.{fmt}",
                mime=kit.MIME[fmt],
                key=f"dl_edit_{fmt}",
                on_click="ignore",
                width="stretch",
            )
        st.caption(tr("edit.formats"))


# ----------------------------------------------------------------- compare
def compare_tab(tr: Translator, design: kit.Design, progress: kit.Progress) -> None:
    ids = list(ss.designs)
    bases = {i: d.base for i, d in ss.designs.items()}
    if ss.get("compare_for") != ss.current or ss.get("cmp_a") not in ids or ss.get("cmp_b") not in ids:
        ss.cmp_a, ss.cmp_b = kit.compare_defaults(ss.current, ids, bases)
        ss.compare_for = ss.current
    st.subheader(tr("compare.title"), anchor=False)
    st.caption(tr("compare.intro"))
    c1, c2 = st.columns(2)
    label = {i: kit.design_label(d, tr) for i, d in ss.designs.items()}.__getitem__
    c1.selectbox(tr("compare.a"), ids, format_func=label, key="cmp_a")
    c2.selectbox(tr("compare.b"), ids, format_func=label, key="cmp_b")
    if ss.cmp_a == ss.cmp_b:
        st.info(tr("compare.same"))
        return
    da, db = ss.designs[ss.cmp_a], ss.designs[ss.cmp_b]
    org_a, org_b = loaded(da, tr, progress), loaded(db, tr, progress)
    bigger = org_a if len(org_a) >= len(org_b) else org_b
    with progress.stage("comparing", heavy(bigger, "compare", da.key, db.key, ss.max_hops, ss.via)):
        c = kit.comparison_of(da.key, org_a, db.key, org_b, ss.max_hops, ss.via)
    st.markdown(
        f"**{tr('compare.metrics')}**: {kit.md_escape(db.title)} ({tr('compare.b')}) "
        f"{tr('compare.against')} {kit.md_escape(da.title)} ({tr('compare.a')})"
    )
    metric_cards(tr, c.b, compare_with=c.a)

    colours = kit.colours_for(c.a, c.b)
    with progress.stage("layout", heavy(bigger, "layout-compare", da.key, db.key, ss.via)):
        pos_a = kit.orbit_positions(da.key, org_a, ss.via)
        pos_b = kit.orbit_positions(db.key, org_b, ss.via, reference=pos_a, reference_key=da.key)
    text = tr.figure_text()
    figs = [
        kit.figure(
            "orbit",
            key,
            a,
            pos,
            colours,
            customer_label=kit.customer_label(a.org, tr),
            text=text,
            height=560,
            selected=ss.selected,
            legend_columns=2,
        )
        for a, pos, key in ((c.a, pos_a, da.key), (c.b, pos_b, f"{db.key}|ref{da.key}"))
    ]
    kit.equal_plot_areas(figs, columns=2)
    left, right = st.columns(2)
    for col, d, fig, chart in ((left, da, figs[0], "cmp_chart_a"), (right, db, figs[1], "cmp_chart_b")):
        with col:
            role = tr("compare.a") if d is da else tr("compare.b")
            st.markdown(f"**{role}: {kit.md_escape(d.title)}**")
            st.plotly_chart(
                fig,
                config=CHART_CONFIG,
                width="stretch",
                key=chart,
                on_select=lambda k=chart: on_clicked(k),
                selection_mode="points",
            )

    st.markdown(f"**{tr('compare.diff')}**")
    if len(c.added) + len(c.removed) + len(c.moved) + len(c.reparented):
        st.caption(
            tr(
                "compare.diff.summary",
                added=len(c.added),
                removed=len(c.removed),
                moved=len(c.moved),
                reparented=len(c.reparented),
            )
        )
        st.dataframe(kit.diff_table(c, tr), hide_index=True, width="stretch", height=360)
    else:
        st.success(tr("compare.diff.none"))
    if kit.static_views():
        st.download_button(
            tr("compare.pdf"),
            lambda lang=tr.lang: kit.comparison_pdf(c, lang),
            file_name=f"{kit.safe_filename(da.title)}-vs-{kit.safe_filename(db.title)}.pdf",
            mime=kit.MIME["pdf"],
            key="dl_compare_pdf",
            on_click="ignore",
        )


# ------------------------------------------------------------------ export
def export_tab(tr: Translator, design: kit.Design, org, a, progress: kit.Progress) -> None:
    st.subheader(tr("export.title"), anchor=False)
    st.caption(tr("export.intro"))
    views = kit.static_views()
    stem = kit.safe_filename(design.title)
    if not views:
        st.info(tr("export.unavailable"))
    colours = kit.colours_for(a)
    with progress.stage("layout", heavy(org, "layout", design.key, ss.via)):
        hpos = kit.hierarchy_positions(design.key, org)
    for view in views:
        cols = st.columns([2, 1, 1, 1])
        cols[0].markdown(f"**{tr(f'export.{view}')}**")
        for col, fmt in zip(cols[1:], ("png", "svg", "pdf"), strict=True):
            col.download_button(
                fmt.upper(),
                lambda v=view, f=fmt, lang=tr.lang: kit.image_bytes(v, f, a, colours=colours, hpos=hpos, lang=lang),
                file_name=f"{stem}-{view}.{fmt}",
                mime=kit.MIME[fmt],
                key=f"dl_{view}_{fmt}",
                on_click="ignore",
                width="stretch",
            )
    ids = list(ss.designs)
    a_id, b_id = (
        (ss.cmp_a, ss.cmp_b)
        if ss.get("compare_for") == ss.current
        else kit.compare_defaults(ss.current, ids, {i: d.base for i, d in ss.designs.items()})
    )
    if views and a_id != b_id and a_id in ss.designs and b_id in ss.designs:
        da, db = ss.designs[a_id], ss.designs[b_id]
        cols = st.columns([2, 1, 1, 1])
        cols[0].markdown(f"**{tr('export.compare', a=kit.md_escape(da.title), b=kit.md_escape(db.title))}**")
        cols[0].caption(tr("export.compare.hint"))

        orgs = (kit.organisation(da), kit.organisation(db))
        settings = (ss.max_hops, ss.via)  # the download runs outside the script: no session state there

        def comparison_pdf(orgs=orgs, settings=settings, lang=tr.lang):
            return kit.comparison_pdf(kit.compare(*orgs, *settings), lang)

        cols[3].download_button(
            "PDF",
            comparison_pdf,
            file_name=f"{kit.safe_filename(da.title)}-vs-{kit.safe_filename(db.title)}.pdf",
            mime=kit.MIME["pdf"],
            key="dl_export_compare",
            on_click="ignore",
            width="stretch",
        )
    st.divider()
    st.markdown(f"**{tr('export.data')}**")
    cols = st.columns(5)
    cols[0].download_button(
        tr("export.analysis_csv"),
        lambda: kit.analysis_csv(a),
        file_name=f"{stem}-analysis.csv",
        mime=kit.MIME["csv"],
        key="dl_analysis_csv",
        on_click="ignore",
        width="stretch",
    )
    cols[1].download_button(
        tr("export.analysis_json"),
        lambda: kit.analysis_json(a),
        file_name=f"{stem}-analysis.json",
        mime=kit.MIME["json"],
        key="dl_analysis_json",
        on_click="ignore",
        width="stretch",
    )
    for col, fmt in zip(cols[2:], ("yaml", "csv", "xlsx"), strict=True):
        col.download_button(
            tr("export.design", fmt=fmt.upper()),
            lambda f=fmt: kit.design_bytes(org, f)[0],
            file_name=f"{stem}.{fmt}",
            mime=kit.MIME[fmt],
            key=f"dl_design_{fmt}",
            on_click="ignore",
            width="stretch",
        )


# -------------------------------------------------------------------- main
def main() -> None:
    title = st.empty()
    # slow steps of a big design are listed here while they run (nothing at all for small designs)
    progress = kit.Progress(st.container(), ss.setdefault("progress_seen", set()), lambda: Translator(ss.lang))
    init_session(progress)
    tr = Translator(ss.lang)
    title.title(":material/radar: " + tr("app.title"), anchor=False)
    sidebar(tr, progress)
    design = ss.designs[ss.current]
    org, a = prepared(design, tr, progress)
    header(tr, design, org, a, progress)

    labels = [tr(f"tab.{v}") for v in kit.VIEWS]
    if ss.get("view_tab") not in labels:  # first run, a shared link, or the language changed
        ss.view_tab = labels[kit.VIEWS.index(ss.view)] if ss.view in kit.VIEWS else labels[0]
    tabs = st.tabs(labels, key="view_tab", on_change="rerun")
    for view, tab in zip(kit.VIEWS, tabs, strict=True):
        if tab.open:
            ss.view = view
    with tabs[0]:
        if tabs[0].open:
            explore(tr, design, org, a, progress)
    with tabs[1]:
        if tabs[1].open:
            analysis_tab(tr, design, org, a, progress)
    with tabs[2]:
        if tabs[2].open:
            edit_tab(tr, design, org, a, progress)
    with tabs[3]:
        if tabs[3].open:
            compare_tab(tr, design, progress)
    with tabs[4]:
        if tabs[4].open:
            export_tab(tr, design, org, a, progress)

    params = kit.url_params(
        {"design": ss.current, "n": ss.max_hops, "via": ss.via, "unit": ss.selected, "lang": ss.lang, "view": ss.view}
    )
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
    progress.finish()


main()
