"""Every text the app shows comes from the text table, so it has a German version.

The views' source is read as Python (``ast``): a string literal with words in
it, passed to a streamlit call that puts text on the page (a title, a
markdown, a widget's label, help or options, a column title), is English
nobody can translate. Icons (``:material/…:``), markdown and HTML syntax and
placeholders are not words.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [*sorted((ROOT / "orbit" / "app" / "views").glob("*.py")), ROOT / "app.py"]

TEXT_CALLS = {
    "title", "header", "subheader", "markdown", "caption", "write", "text", "code", "latex",
    "button", "download_button", "link_button", "selectbox", "radio", "slider", "select_slider", "multiselect",
    "toggle", "checkbox", "text_input", "text_area", "number_input", "file_uploader", "segmented_control", "pills",
    "expander", "popover", "tabs", "info", "warning", "error", "success", "toast", "metric", "status",
    "TextColumn", "NumberColumn", "SelectboxColumn", "CheckboxColumn", "ListColumn", "Column", "spinner",
}  # fmt: skip
"""Streamlit calls whose string arguments appear on the page."""

NOT_TEXT = {
    "key", "icon", "type", "mime", "file_name", "format", "anchor", "width", "height", "vertical_alignment",
    "label_visibility", "selection_mode", "on_click", "on_change", "args", "kwargs", "state", "border",
    "unsafe_allow_html",
}  # fmt: skip
"""Keyword arguments that are never shown as text."""

FORMATS = {"PDF", "PNG", "SVG", "CSV", "XLSX", "YAML", "JSON", "GraphML", "PowerPoint", "PPTX"}
"""File formats: their names are the same in every language."""

_NOISE = re.compile(r":material/[a-z_]+:|<[^>]*>|&[#a-z0-9]+;|\{[^}]*\}|https?://\S+")


def words(literal: str) -> str:
    """What a user would read in a string literal: letters left after icons, tags, entities and placeholders."""
    found = re.findall(r"[A-Za-zÄÖÜäöüß]{2,}", _NOISE.sub(" ", literal))
    return " ".join(w for w in found if w not in FORMATS)


def _literals(node: ast.AST):
    """String literals in an argument, with the f-string's literal parts (not what ``{...}`` fills in)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        yield "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    elif isinstance(node, ast.BinOp):
        yield from _literals(node.left)
        yield from _literals(node.right)
    elif isinstance(node, ast.List | ast.Tuple):
        for e in node.elts:
            yield from _literals(e)


def untranslated(source: str) -> list[tuple[int, str]]:
    """``(line, text)`` of every untranslated text a streamlit call in ``source`` shows."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in TEXT_CALLS:
            continue
        args = list(node.args) + [k.value for k in node.keywords if k.arg not in NOT_TEXT]
        for arg in args:
            for literal in _literals(arg):
                if words(literal):
                    out.append((node.lineno, literal))
    return out


def test_the_scan_finds_english_and_lets_keys_and_icons_pass():
    found = untranslated(
        "st.button('Save', key='save_button', icon=':material/save:')\n"
        "st.markdown(f'**{tr(\"x\")}**: ' + tr('y'))\n"
        "col.caption(':material/link: ' + tr('sidebar.share'))\n"
        "st.selectbox(tr('a'), ['one', 'two'])\n"
        "st.column_config.TextColumn('name')\n"
        "st.markdown(\"<div style='color:red'>Orbit · {t}</div>\", unsafe_allow_html=True)\n"
    )
    assert [text for _, text in found] == ["Save", "one", "two", "name", "<div style='color:red'>Orbit · {t}</div>"]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_every_text_of_the_app_has_a_german_version(path):
    found = untranslated(path.read_text())
    assert not found, f"{path.relative_to(ROOT)}: texts outside orbit.i18n: " + "; ".join(
        f"line {line}: {text!r}" for line, text in found
    )
