"""The one text table: every text in both languages, each key once, every key used exists."""

from __future__ import annotations

import ast
from pathlib import Path
from string import Formatter

import pytest

from orbit import i18n
from orbit.i18n import LANGUAGES, STRINGS, Translator, missing_translations, text
from orbit.render import style

ROOT = Path(__file__).resolve().parents[1]


def _fields(template: str) -> list[str]:
    return sorted(f for _, f, _, _ in Formatter().parse(template) if f is not None)


def test_every_text_is_in_both_languages():
    assert missing_translations() == []
    assert set(LANGUAGES) == {"en", "de"}
    for key, texts in STRINGS.items():
        assert set(texts) == set(LANGUAGES), key
        # the same placeholders in both languages
        assert _fields(texts["en"]) == _fields(texts["de"]), key


def test_missing_translations_names_the_gap():
    assert missing_translations({"a": {"en": "x", "de": ""}, "b": {"en": "y"}}) == ["a:de", "b:de"]


def _literal_keys(path: Path) -> list[tuple[str, int]]:
    """Keys of the ``TEXTS = {...}`` literal in a data file, with their lines, duplicates included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        target = (
            node.target
            if isinstance(node, ast.AnnAssign)
            else (node.targets[0] if isinstance(node, ast.Assign) else None)
        )
        if isinstance(target, ast.Name) and target.id == "TEXTS":
            return [(k.value, k.lineno) for k in node.value.keys]
    raise AssertionError(f"{path} has no TEXTS table")


def test_each_key_is_defined_once_across_all_areas():
    seen: dict[str, str] = {}
    for area in i18n.AREAS:
        path = Path(area.__file__)
        for key, line in _literal_keys(path):
            assert key not in seen, f"{key!r} at {path.name}:{line} is already defined in {seen[key]}"
            seen[key] = f"{path.name}:{line}"
    assert set(seen) == set(STRINGS)


def test_two_areas_with_one_key_are_refused():
    from types import SimpleNamespace

    area = SimpleNamespace(__name__="other", TEXTS={"tab.compare": {"en": "x", "de": "y"}})

    with pytest.raises(ValueError, match=r"'tab\.compare' is defined twice"):
        i18n._merge([*i18n.AREAS, area])


def _used_keys() -> list[tuple[str, str]]:
    """Literal keys passed to ``text(lang, KEY)``, ``T.text(lang, KEY)`` and ``tr(KEY)`` anywhere in Orbit."""
    files = [*sorted((ROOT / "orbit").rglob("*.py")), ROOT / "app.py"]
    out = []
    for path in files:
        if path.parent.name == "i18n":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            name = f.id if isinstance(f, ast.Name) else (f.attr if isinstance(f, ast.Attribute) else "")
            position = {"text": 1, "tr": 0}.get(name)
            if position is None or len(node.args) <= position:
                continue
            arg = node.args[position]
            for choice in (arg.body, arg.orelse) if isinstance(arg, ast.IfExp) else (arg,):
                if isinstance(choice, ast.Constant) and isinstance(choice.value, str) and "." in choice.value:
                    out.append((choice.value, f"{path.relative_to(ROOT)}:{node.lineno}"))
    return out


def test_every_key_the_code_looks_up_exists():
    used = _used_keys()
    assert len(used) > 200  # the scan finds the app's, the images' and the checks' lookups
    missing = [f"{where}: {key!r}" for key, where in used if key not in STRINGS]
    assert missing == []


def test_kind_labels_of_the_styles_are_in_the_table():
    for kind in [*style.KIND_STYLES.values(), style.kind_style(None)]:
        key = "kind." + kind.label.replace(" ", "-")
        assert STRINGS[key]["en"] == kind.label
        assert i18n.kind_label(kind.label, "en") == kind.label


def test_lookups_fall_back_to_english_and_name_a_missing_key():
    assert text("fr", "tab.compare") == "Compare" and Translator("fr").lang == "en"
    with pytest.raises(KeyError, match=r"no text 'tab\.nothing'"):
        text("de", "tab.nothing")


def test_customer_label_follows_the_file():
    assert Translator("de").customer("Customer") == "Kunde"
    assert Translator("en").customer("Kunde") == "Kunde"
    assert Translator("en").customer("Patient") == "Patient"


def test_numbers_in_each_language_style():
    assert i18n.number(1234567.891, "de", 2) == "1.234.567,89"
    assert i18n.signed(-0.25, "de", 2) == "-0,25" and i18n.signed(1234, "en") == "+1,234"
    assert i18n.percent(0.315, "en", 1) == "31.5%" and i18n.percent(0.315, "de", 1) == "31,5 %"
