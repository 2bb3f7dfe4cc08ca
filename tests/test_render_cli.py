"""`orbit render` and `orbit layout`."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from orbit import cli
from orbit.generate import generate_csv

SMALL = """\
name: Demo
customer: Kunde
units:
  - {id: ceo, name: Chef, headcount: 1}
  - {id: desk, name: Service Desk, parent: ceo, headcount: 6, serves: [customer]}
  - {id: ops, name: Operations, parent: ceo, headcount: 9, serves: [desk]}
  - {id: lab, name: Lab, parent: ops, headcount: 3}
"""


def test_render_commands_are_registered():
    parser = cli.build_parser()
    assert "render" in parser.format_help() and "layout" in parser.format_help()


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "demo.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def run(*argv):
    return cli.main([str(a) for a in argv])


@pytest.mark.parametrize("view", ["orbit", "hierarchy", "both"])
def test_render_png(small, tmp_path, view):
    out = tmp_path / f"{view}.png"
    assert run("render", small, "-o", out, "--view", view, "--dpi", "50") == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_render_svg_keeps_text(small, tmp_path):
    out = tmp_path / "o.svg"
    assert run("render", small, "-o", out, "--labels", "all", "--max-hops", "1", "--via", "reports") == 0
    root = ET.fromstring(out.read_bytes())
    texts = [el for el in root.iter() if el.tag.endswith("text")]
    assert any("Service Desk" in "".join(el.itertext()) for el in texts)


def _svg_text(path) -> str:
    root = ET.fromstring(path.read_bytes())
    return "\n".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("}text"))


@pytest.mark.parametrize("view", ["orbit", "hierarchy", "both"])
def test_render_lang_de_draws_german_texts(small, tmp_path, view):
    out = tmp_path / "de.svg"
    assert run("render", small, "-o", out, "--view", view, "--lang", "de") == 0
    text = _svg_text(out)
    assert "Bereiche" in text and "Legende" in text and "4 Einheiten" in text and "Wege über Berichtslinien" in text
    assert "Departments" not in text and "units" not in text and "flagged" not in text


def test_render_is_english_by_default(small, tmp_path):
    out = tmp_path / "en.svg"
    assert run("render", small, "-o", out) == 0
    text = _svg_text(out)
    assert "Departments" in text and "4 units · via both" in text and "Bereiche" not in text


def test_unknown_lang_is_a_usage_error(small, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        run("render", small, "-o", tmp_path / "o.png", "--lang", "fr")
    assert exc.value.code == 2
    assert "--lang" in capsys.readouterr().err
    assert not (tmp_path / "o.png").exists()


def test_render_pdf(small, tmp_path):
    out = tmp_path / "o.pdf"
    assert run("render", small, "-o", out, "--view", "hierarchy") == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_unsupported_extension_exits_2_naming_the_output(small, tmp_path, capsys):
    out = tmp_path / "o.jpg"
    assert run("render", small, "-o", out) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {out}: ") and ".png" in err
    assert not out.exists()


def test_bad_input_leaves_an_existing_output_untouched(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("units:\n  - {id: a, parent: nobody}\n", encoding="utf-8")
    out = tmp_path / "o.png"
    out.write_bytes(b"old picture")
    assert run("render", bad, "-o", out) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "bad.yaml" in err and "nobody" in err
    assert out.read_bytes() == b"old picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "o.png"]  # no temporary file left


def test_missing_input_file(tmp_path, capsys):
    assert run("render", tmp_path / "nope.yaml", "-o", tmp_path / "o.png") == 2
    assert "error: " in capsys.readouterr().err


def test_unwritable_output_is_a_clean_error(small, tmp_path, capsys):
    out = tmp_path / "no-such-folder" / "o.png"
    assert run("render", small, "-o", out) == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_bad_dpi_is_a_usage_error(small, tmp_path):
    with pytest.raises(SystemExit) as exc:
        run("render", small, "-o", tmp_path / "o.png", "--dpi", "0")
    assert exc.value.code == 2


def test_render_depth_folds_a_big_org(tmp_path):
    path = tmp_path / "big.csv"
    generate_csv(path, 3000)
    out = tmp_path / "big.png"
    assert run("render", path, "-o", out, "--depth", "2", "--dpi", "40") == 0
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_depth_title_and_metrics_describe_the_whole_organisation(tmp_path, monkeypatch):
    import orbit
    from orbit import render

    path = tmp_path / "big.csv"
    generate_csv(path, 3000)
    made = []
    original = render.figure_orbit
    monkeypatch.setattr(render, "figure_orbit", lambda *a, **k: made.append(original(*a, **k)) or made[-1])
    assert run("render", path, "-o", tmp_path / "big.png", "--depth", "2", "--dpi", "30") == 0
    fig = made[0]
    title = fig.axes[0].get_title()
    assert "3,000 units shown as" in title and "departments (depth 2)" in title
    whole = orbit.analyse(orbit.load(path))
    footer = " ".join(t.get_text() for t in fig.texts)
    assert f"{whole.summary['layers']} layers" in footer
    assert f"{whole.summary['flagged']:,} flagged" in footer


def test_expand_needs_depth(small, tmp_path, capsys):
    assert run("render", small, "-o", tmp_path / "o.png", "--expand", "ops") == 2
    assert "--depth" in capsys.readouterr().err


def test_layout_orbit_json(small, capsys):
    assert run("layout", small, "--view", "orbit", "--format", "json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["view"] == "orbit"
    pos = doc["positions"]
    assert set(pos) == {"customer", "ceo", "desk", "ops", "lab"}
    assert pos["customer"] == [0.0, 0.0]
    assert all(isinstance(v, list) and len(v) == 2 for v in pos.values())


def test_layout_hierarchy_json(small, capsys):
    assert run("layout", small, "--view", "hierarchy") == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["view"] == "hierarchy"
    assert set(doc["positions"]) == {"ceo", "desk", "ops", "lab"}
    ys = {k: v[1] for k, v in doc["positions"].items()}
    assert ys["ceo"] > ys["desk"] > ys["lab"]


def test_python_m_orbit_cli_renders(small, tmp_path):
    """``python -m orbit.cli`` runs every command (render failed: its handler was registered in another module)."""
    import subprocess
    import sys

    out = tmp_path / "m.svg"
    done = subprocess.run(
        [sys.executable, "-m", "orbit.cli", "render", str(small), "-o", str(out)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().lstrip().startswith(b"<?xml")


def test_highlight_and_journey_draw_the_path_and_the_steps(tmp_path):
    design = tmp_path / "j.yaml"
    design.write_text(SMALL + "journeys:\n  - {name: Repair, steps: [desk, ops, lab, desk]}\n", encoding="utf-8")
    plain, marked = tmp_path / "plain.svg", tmp_path / "marked.svg"
    for view in ("orbit", "hierarchy", "both"):
        assert run("render", design, "-o", plain, "--view", view) == 0
        assert run("render", design, "-o", marked, "--view", view, "--highlight", "lab", "--journey", "Repair") == 0
        before, after = plain.read_text(), marked.read_text()
        assert 'id="highlight-path' not in before and 'id="highlight-path' in after
        assert 'id="journey-step' in after
        assert _svg_text(marked).count("\n") > _svg_text(plain).count("\n")  # the step numbers


def test_unknown_highlight_or_journey_is_one_line(small, tmp_path, capsys):
    assert run("render", small, "-o", tmp_path / "o.png", "--highlight", "nope") == 2
    assert "unknown unit 'nope' for --highlight" in capsys.readouterr().err
    assert run("render", small, "-o", tmp_path / "o.png", "--journey", "Nope") == 2
    assert "unknown journey 'Nope' (journeys: none)" in capsys.readouterr().err
