"""The sidebar: language, the design library (picker, save as new, rename, delete, deleted designs),
uploads (saved into the library; grouping of person-level files).

N and the relations that count are above the tabs (:mod:`orbit.app.views.header`).
"""

from __future__ import annotations

import streamlit as st

from ...errors import OrgError
from ...i18n import LANGUAGES, Translator
from .. import designs, display, guard, loading, state
from . import edit, sharing
from . import importing as importing_view

ss = st.session_state

SEARCH_FROM = 8
"""From this many designs on, the picker has a search field."""
SCROLL_FROM = 7
"""From this many designs on, the picker scrolls (its height in px below)."""
PICKER_PX = 420


def take_uploads(tr: Translator, progress: loading.Progress) -> None:
    """Save new uploads into the library, once each; a good file opens, a bad one leaves the open design as it is.

    Runs in the script before the design picker is drawn (not as the
    uploader's callback), so a big file can show its progress and a good one
    opens in the same run. The design is named after the file (with a
    suffix when the name is taken).
    """
    for f in ss.get("uploader") or []:
        if f.file_id in ss.uploads_seen:
            continue
        data = f.getvalue()
        same = ss.setdefault("uploads_saved", {}).get(loading.content_key(data, f.name))
        if same is not None and designs.design_id(same[0]) in ss.designs:  # dropped again: open what was saved
            ss.uploads_seen[f.file_id] = ("ok", f.name, same)
            state.open_design(designs.design_id(same[0]))
            continue
        big = len(data) <= loading.MAX_UPLOAD_BYTES and loading.looks_big(data, f.name)
        key = f"load|{loading.content_key(data, f.name)}" if big else None
        with progress.stage("reading", key, name=display.md_escape(f.name), size=loading.size_text(len(data), tr)):
            try:
                org = loading.read_upload(f.name, data)
                if importing_view.needs(org, f.name):  # a people export: nobody in it serves the customer yet
                    importing_view.start(f.name, data)
                    ss.uploads_seen[f.file_id] = ("import", f.name, None)
                    continue
                name = designs.save_new(org, designs.upload_name(f.name), tr("lib.msg.uploaded", file=f.name))
            except loading.UploadRejected as err:
                progress.fail()
                ss.uploads_seen[f.file_id] = ("error", f.name, (err.key, err.values))
            except OrgError as err:
                progress.fail()
                if importing_view.needs(err, f.name):  # a real export: the import step may map and repair it
                    importing_view.start(f.name, data)
                    ss.uploads_seen[f.file_id] = ("import", f.name, None)
                    continue
                ss.uploads_seen[f.file_id] = ("error", f.name, ("sidebar.bad_file", {"message": str(err)}))
            except Exception as err:  # a bug: logged on the server, one line on the screen
                progress.fail()
                guard.log.exception("orbit app: reading the upload %r failed", f.name, exc_info=err)
                ss.uploads_seen[f.file_id] = ("error", f.name, ("sidebar.bad_file", {"message": tr("app.failed_read")}))
            else:
                ss.uploads_seen[f.file_id] = ("ok", f.name, (name, len(org)))
                ss.uploads_saved[loading.content_key(data, f.name)] = (name, len(org))
                state.refresh_designs()
                state.open_design(designs.design_id(name))
                saved = ss.designs.get(designs.design_id(name))
                if saved is not None:  # just read and checked: reading the saved copy is no step of its own
                    progress.seen.add(f"load|{saved.key}")


def show(tr: Translator, progress: loading.Progress) -> None:
    """The sidebar, after taking in what the last run left (an edit, new uploads: a good upload opens now)."""
    if state.ready():
        edit.take_pending(tr)
    take_uploads(tr, progress)
    with st.sidebar:
        st.title(":material/radar: " + tr("head.title"), anchor=False)
        st.caption(tr("app.tagline"))
        st.segmented_control(
            display.language_label(tr),
            list(LANGUAGES),
            format_func=LANGUAGES.get,
            key="lang",
            required=True,
        )
        library_section(tr)
        uploads(tr)
        if state.ready():
            group_by_picker(tr)

        st.divider()
        st.caption(":material/link: " + tr("access.address" if designs.signed_in() else "sidebar.share"))
        if designs.signed_in():
            sharing.account(tr)


# ---------------------------------------------------------------- the library
def library_section(tr: Translator) -> None:
    """The picker with the library's designs, what can be done with the open one, the deleted designs."""
    st.subheader(tr("lib.title"), anchor=False)
    if ss.get("library_error"):
        st.error(display.md_escape(tr("lib.unavailable", message=ss.library_error)), icon=":material/cloud_off:")
        return
    st.caption(tr("access.private" if designs.signed_in() else "lib.shared"))
    if not ss.designs:
        st.info(tr("lib.empty"), icon=":material/inventory_2:")
    else:
        picker(tr)
        actions(tr)
        if designs.signed_in():
            sharing.panel(tr, ss.designs[ss.current])
    result = ss.pop("lib_result", None)
    if result:
        kind, text = result
        (st.success if kind == "ok" else st.error)(display.md_escape(text))
    deleted_section(tr)


def matches(query: str, name: str) -> bool:
    """Whether a design name matches a search (every word of it, ignoring case).

    >>> matches("brenner orb", "Brenner Verpackungsmaschinen GmbH (Orbit)"), matches("bank", "Lumen")
    (True, False)
    """
    name = name.casefold()
    return all(word in name for word in query.casefold().split())


def picker(tr: Translator) -> None:
    """The library's designs: full names (wrapped, never cut), with units, version and last save beneath."""
    offer = ss.designs
    ids = list(offer)
    shown = ids
    tz = designs.zone(st.context.timezone)
    open_card(tr, offer[ss.current], tz)
    if len(ids) >= SEARCH_FROM:
        query = st.text_input(
            tr("lib.search"),
            key="design_search",
            placeholder=tr("lib.search.placeholder"),
            icon=":material/search:",
        )
        if query and query.strip():
            shown = [i for i in ids if matches(query, offer[i].shown_name)]
            st.caption(tr("lib.matches", shown=len(shown), n=len(ids)))
    if ss.current not in shown:  # the open design is always on the list
        shown = [ss.current, *shown]
    if ss.get("design_picker") != ss.current:
        ss.design_picker = ss.current
    with st.container(height=PICKER_PX if len(shown) >= SCROLL_FROM else "content", key="design_list"):
        st.radio(
            tr("lib.picker.other"),
            shown,
            format_func=lambda i: display.md_escape(designs.picker_label(offer[i], tr)),
            captions=[display.md_escape(designs.picker_caption(offer[i], tr, tz)) for i in shown],
            key="design_picker",
            on_change=on_pick,
            help=tr("lib.picker.help"),
            width="stretch",
        )


def open_card(tr: Translator, d: designs.Design, tz) -> None:
    """The open design, named in full (wrapped), with its units, version and last save."""
    with st.container(border=True, key="open_design"):
        st.markdown(f":material/folder_open: **{display.md_escape(designs.picker_label(d, tr))}**")
        st.caption(display.md_escape(designs.picker_caption(d, tr, tz)))


def on_pick() -> None:
    if ss.get("design_picker") in ss.designs:
        state.open_design(ss.design_picker)


def actions(tr: Translator) -> None:
    """Save as new design, rename, delete, in one popover (rename and delete act on the design, not a fixed version)."""
    d = ss.designs[ss.current]
    with st.popover(tr("lib.manage"), icon=":material/folder_managed:", width="stretch", key="design_actions"):
        st.markdown(f"**{tr('lib.save_as')}**")
        st.caption(tr("lib.save_as.help"))
        st.text_input(tr("lib.save_as.name"), key="save_as_name", placeholder=tr("lib.copy_name", name=d.shown_name))
        st.button(
            tr("lib.save_as.go"), key="save_as_go", on_click=on_save_as, args=(tr.lang,), icon=":material/file_copy:"
        )
        if not d.may_edit:  # a fixed version, a viewer's design, a link: a copy is all there is
            return
        st.divider()
        st.markdown(f"**{tr('lib.rename')}**")
        st.text_input(tr("lib.rename.name"), key="rename_name", placeholder=d.shown_name)
        st.button(tr("lib.rename.go"), key="rename_go", on_click=on_rename, args=(tr.lang,), icon=":material/edit:")
        if not d.may_share:  # deleting is the owner's
            return
        st.divider()
        st.markdown(f"**{tr('lib.delete')}**")
        st.caption(tr("lib.delete.confirm", name=display.md_escape(d.shown_name)))
        st.button(tr("lib.delete.go"), key="delete_go", on_click=on_delete, args=(tr.lang,), icon=":material/delete:")


def _done(kind: str, text: str) -> None:
    ss.lib_result = (kind, text)


def on_save_as(lang: str) -> None:
    """Copy the design on screen (the newest version, or the fixed one) to a new design, and open that."""
    tr = Translator(lang)
    d = ss.designs.get(ss.current)
    if d is None:
        return
    wanted = (ss.get("save_as_name") or "").strip()
    try:
        new = designs.copy_as_new(d, wanted, tr)
    except OrgError as err:
        _done("error", tr("lib.failed", message=err.message))
        return
    ss.save_as_name = ""
    state.open_design(designs.design_id(new))
    _done("ok", tr("lib.done.saved_as", name=designs.shown(new)))


def on_rename(lang: str) -> None:
    tr = Translator(lang)
    d = ss.designs.get(ss.current)
    wanted = (ss.get("rename_name") or "").strip()
    if d is None or not wanted:
        return
    try:
        lib = designs.library()
        lib.rename(d.name, wanted)
        new = lib.info(wanted).handle
    except OrgError as err:
        _done("error", tr("lib.failed", message=err.message))
        return
    ss.rename_name = ""
    edit.renamed(d.name, new)
    ss.pinned = [(new if name == d.name else name, v) for name, v in ss.pinned]
    state.open_design(designs.design_id(new))
    _done("ok", tr("lib.done.renamed", name=designs.shown(new)))


def on_delete(lang: str) -> None:
    tr = Translator(lang)
    d = ss.designs.get(ss.current)
    if d is None:
        return
    try:
        designs.library().delete(d.name)
    except OrgError as err:
        _done("error", tr("lib.failed", message=err.message))
        return
    rest = {i: x for i, x in ss.designs.items() if x.name != d.name}
    state.open_design(state.default_design(rest))
    _done("ok", tr("lib.done.deleted", name=d.shown_name))


def deleted_section(tr: Translator) -> None:
    """The deleted designs, each with a button that brings it back (with all its versions)."""
    try:
        gone = designs.deleted_designs()
    except OrgError:
        return
    if not gone:
        return
    tz = designs.zone(st.context.timezone)
    with st.expander(tr("lib.deleted", n=len(gone)), icon=":material/delete:"):
        for i, (name, when, versions) in enumerate(gone):
            st.markdown(f"**{display.md_escape(designs.shown(name))}**")
            st.caption(tr("lib.deleted.item", when=designs.when(when, tr, tz), versions=versions))
            st.button(
                tr("lib.restore"),
                key=f"restore_design_{i}",
                on_click=on_restore,
                args=(name, tr.lang),
                icon=":material/restore_from_trash:",
            )


def on_restore(name: str, lang: str) -> None:
    tr = Translator(lang)
    try:
        designs.library().restore(name)
    except OrgError as err:
        _done("error", tr("lib.failed", message=err.message))
        return
    state.open_design(designs.design_id(name))
    _done("ok", tr("lib.done.restored", name=designs.shown(name)))


# ---------------------------------------------------------------- uploads
def css_text(text: str) -> str:
    r"""Text as a CSS string (for ``content:``).

    >>> print(css_text('say "hi"'))
    "say \"hi\""
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def uploader_texts(tr: Translator) -> None:
    """The uploader's own button and limits in the session's language (streamlit draws them in English)."""
    zone = '.st-key-uploader [data-testid="stFileUploaderDropzone"]'
    button = f'{zone} button [data-testid="stMarkdownContainer"] p'
    limits = f'{zone} [data-testid="stFileUploaderDropzoneInstructions"] span'
    st.html(
        "<style>"
        f"{button}, {limits} {{font-size: 0}}"
        f"{zone} [data-testid='stFileUploaderDropzoneInstructions'] * {{white-space: normal; overflow: visible}}"
        f"{button}::after {{content: {css_text(tr('lib.upload.button'))}; font-size: 0.875rem}}"
        f"{limits}::after {{content: {css_text(tr('lib.upload.limits', mb=loading.MAX_UPLOAD_MB))}; "
        "font-size: 0.75rem}"
        "</style>"
    )


def uploads(tr: Translator) -> None:
    """The uploader, and for each file what became of it."""
    uploader_texts(tr)
    st.file_uploader(
        tr("sidebar.upload"),
        type=list(loading.UPLOAD_TYPES),
        accept_multiple_files=True,
        key="uploader",
        help=tr("sidebar.upload.help", mb=loading.MAX_UPLOAD_MB),
        max_upload_size=loading.MAX_UPLOAD_MB,
    )
    st.caption(tr("lib.upload.hint"))
    for f in ss.get("uploader") or []:
        status, name, detail = ss.uploads_seen.get(f.file_id, (None, None, None))
        if status == "ok":
            saved, units = detail
            text = tr("lib.upload.saved", file=name, name=designs.shown(saved), units=tr.number(units))
            st.caption(":material/check_circle: " + display.md_escape(text))
        elif status == "import":  # in the import step, or made into a design there
            done = ss.get("imported", {}).get(name)
            if done:
                text = tr("lib.upload.saved", file=name, name=designs.shown(done[0]), units=tr.number(done[1]))
                st.caption(":material/check_circle: " + display.md_escape(text))
            else:
                st.caption(":material/move_to_inbox: " + display.md_escape(tr("sidebar.imported", name=name)))
        elif status == "error":
            key, values = detail
            st.error(display.md_escape(tr(key, **values)) + "\n\n" + tr("sidebar.kept_open"), icon=":material/error:")


def group_by_picker(tr: Translator) -> None:
    """For person-level uploads: group people into units by a column (orbit.hr), saved as a new design."""
    design = ss.designs[ss.current]
    org = loading.organisation(design)
    columns, suggested = loading.grouping_offer(design, org)
    if not columns:
        return
    with st.expander(tr("sidebar.group_by"), expanded=suggested):
        column = st.selectbox(tr("sidebar.group_by"), columns, key="group_col", help=tr("sidebar.group_by.help"))
        facing = st.multiselect(tr("sidebar.group_by.facing"), loading.group_values(org, column), key="group_facing")
        if st.button(tr("sidebar.group_by.go"), key="group_go", icon=":material/group_work:"):
            try:
                grouped, notes = loading.grouped(org, column, facing)
                message = tr("lib.msg.grouped", design=design.name, column=column)
                name = designs.save_new(grouped, f"{design.name} – {column}", message)
            except OrgError as err:
                st.error(display.md_escape(str(err)))
            else:
                did = designs.design_id(name)
                ss.design_notes = {**ss.design_notes, did: tuple(notes)}
                state.refresh_designs()
                state.open_design(did)
                importing_view.close()
                st.rerun()
