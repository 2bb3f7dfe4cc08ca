"""The import step: an uploaded export mapped, fixed, given touchpoints and grouped before the diagrams appear.

Shown in the main area instead of the tabs while an upload waits
(:func:`start` puts it there; :func:`pending` tells ``app.py``). What it
computes is in :mod:`orbit.app.importing`.
"""

from __future__ import annotations

import streamlit as st

from ...errors import OrgError
from ...formats.columns import FIXES
from ...i18n import Translator
from .. import designs, display, importing, state

ss = st.session_state

MAPPED = ("id", "name", "parent", "kind", "headcount", "serves", "email")
"""The fields the step offers a dropdown for (``orbit`` is for designed rings, not exports)."""


def start(filename: str, data: bytes) -> None:
    """Open the import step for an upload, its widgets pre-filled (as last time for the same headers, else guessed)."""
    ss.pending_import = {"name": filename, "data": bytes(data)}
    try:
        table = importing.raw_table(data, filename)
    except OrgError:
        settings = importing.ImportSettings()
    else:
        settings = importing.recall(table) or importing.guessed_settings(table)
        ss.pending_import["remembered"] = importing.recall(table) is not None
    ss.imp_encoding = settings.encoding
    for f in MAPPED:
        ss[f"imp_map_{f}"] = settings.mapping.get(f, "")
    for fix in FIXES:
        ss[f"imp_fix_{fix}"] = fix in settings.fixes
    ss.imp_rule_col = settings.rule_column
    ss.imp_rule_pat = settings.rule_pattern
    ss.imp_group = settings.group_by


def needs(result, filename: str) -> bool:
    """Whether an upload (its organisation, or the error reading it) goes through the import step.

    See :func:`orbit.app.importing.needs_import`.
    """
    return importing.needs_import(result, filename)


def pending() -> bool:
    """Whether an upload waits in the import step."""
    return bool(ss.get("pending_import"))


def close() -> None:
    ss.pending_import = None


def _settings() -> importing.ImportSettings:
    return importing.ImportSettings(
        mapping={f: ss.get(f"imp_map_{f}") or "" for f in MAPPED},
        encoding=ss.get("imp_encoding") or "",
        fixes=[fix for fix in FIXES if ss.get(f"imp_fix_{fix}")],
        rule_column=ss.get("imp_rule_col") or "",
        rule_pattern=ss.get("imp_rule_pat") or "",
        group_by=ss.get("imp_group") or "",
    )


def show(tr: Translator) -> None:
    """The import step of the waiting upload."""
    job = ss.pending_import
    name, data = job["name"], job["data"]
    st.subheader(tr("import.title", name=display.md_escape(name)), anchor=False)
    st.caption(tr("import.intro"))
    if job.get("remembered"):
        st.success(tr("import.remembered"), icon=":material/history:")
    try:
        table = importing.raw_table(data, name, ss.get("imp_encoding") or "")
    except OrgError as err:
        st.error(display.md_escape(str(err)), icon=":material/error:")
        table = None
    if name.lower().endswith(".csv"):
        st.selectbox(
            tr("import.encoding"),
            list(importing.ENCODINGS),
            key="imp_encoding",
            format_func=lambda e: e or tr("import.encoding.detect"),
        )
    if table is None:
        _buttons(tr, None, None)
        return
    st.markdown(f"**{tr('import.preview', rows=tr.number(len(table)))}**")
    st.dataframe(table.head(importing.PREVIEW_ROWS), hide_index=True, width="stretch")
    headers = [str(c) for c in table.columns]

    st.markdown(f"**{tr('import.columns')}**")
    cols = st.columns(4)
    for k, f in enumerate(MAPPED):
        if ss.get(f"imp_map_{f}") not in ("", None, *headers):
            ss[f"imp_map_{f}"] = ""
        cols[k % 4].selectbox(
            tr(f"import.field.{f}"),
            ["", *headers],
            key=f"imp_map_{f}",
            format_func=lambda h: h or "—",
        )
    settings = _settings()
    found = importing.found_problems(table, settings)
    if any(found.values()):
        st.markdown(f"**{tr('import.problems')}**")
        for fix in FIXES:
            ids = found[fix]
            if ids:
                first = ", ".join(display.md_escape(str(i)) for i in ids[:3]) + (" …" if len(ids) > 3 else "")
                st.toggle(tr(f"import.fix.{fix}", count=tr.number(len(ids)), first=first), key=f"imp_fix_{fix}")
        settings = _settings()
    try:
        org, notes = importing.trial(data, name, settings)
    except OrgError as err:
        st.error(display.md_escape(str(err)) + "\n\n" + tr("sidebar.kept_open"), icon=":material/error:")
        _buttons(tr, None, None)
        return
    if notes:
        st.info("\n".join(f"- {display.md_escape(n)}" for n in notes), icon=":material/info:")

    st.markdown(f"**{tr('import.facing')}**")
    left, right = st.columns([1, 2])
    columns = [c for c in org.units.columns if c != "parent" and org.units[c].notna().any()]
    if ss.get("imp_rule_col") not in ("", None, *columns):
        ss.imp_rule_col = ""
    left.selectbox(tr("import.facing.column"), ["", *columns], key="imp_rule_col", format_func=lambda c: c or "—")
    right.text_input(tr("import.facing.pattern"), key="imp_rule_pat", placeholder=tr("import.facing.example"))
    settings = _settings()
    try:
        count = importing.rule_count(org, settings)
    except OrgError as err:
        st.error(display.md_escape(str(err)), icon=":material/error:")
        count = None
    if count is not None:
        st.caption(tr("import.facing.count", count=tr.number(count), rows=tr.number(len(org))))
    elif not (org.serves["target"] == "customer").any():
        st.warning(tr("import.facing.none"), icon=":material/person_off:")

    ranked = importing.grouping_choices(org)
    verdicts = {j.column: j for j in ranked}
    if ss.get("imp_group") not in ("", None, *verdicts):
        ss.imp_group = ""
    st.selectbox(
        tr("import.group"),
        ["", *verdicts],
        key="imp_group",
        format_func=lambda c: (
            tr("import.group.none")
            if not c
            else f"{c} · {tr('import.verdict.' + verdicts[c].verdict.replace(' ', '_'), groups=verdicts[c].groups)}"
        ),
        help=tr("import.group.help"),
    )
    _buttons(tr, table, _settings())


def _buttons(tr: Translator, table, settings) -> None:
    left, right = st.columns(2)
    if left.button(tr("import.go"), key="imp_go", type="primary", icon=":material/check:", disabled=settings is None):
        job = ss.pending_import
        try:
            org, notes, name = importing.build_design(job["data"], job["name"], settings, ss.lang)
            saved = designs.save_new(org, name, tr("lib.msg.uploaded", file=job["name"]))
        except OrgError as err:
            st.error(display.md_escape(str(err)), icon=":material/error:")
            return
        importing.remember(table, settings)
        did = designs.design_id(saved)
        ss.design_notes = {**ss.get("design_notes", {}), did: tuple(notes)}
        ss.imported = {**ss.get("imported", {}), job["name"]: (saved, len(org))}
        state.refresh_designs()
        state.open_design(did)
        close()
        st.rerun()
    if right.button(tr("import.cancel"), key="imp_cancel", icon=":material/close:"):
        close()
        st.rerun()
