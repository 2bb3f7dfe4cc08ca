"""`orbit deck`: the board pack as a PowerPoint deck of native shapes, and the same pages as a PDF."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

import orbit
from orbit import cli
from orbit import i18n as T
from orbit.i18n import STRINGS
from orbit.render.deck import build_story, deck_pdf, deck_pptx
from orbit.render.deck.template import template_page

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_orgs"

SMALL_A = """\
name: Today
customer: Customer
units:
  - {id: ceo, name: Chief Executive, kind: leadership, headcount: 2}
  - {id: sales, name: Sales Team, parent: ceo, headcount: 8, serves: [customer]}
  - {id: ops, name: Operations, parent: ceo, headcount: 12, serves: [sales]}
  - {id: lab, name: Test Laboratory, parent: ops, headcount: 4}
  - {id: it, name: Information Technology, parent: ceo, headcount: 5}
  - {id: archive, name: Archive, parent: lab, headcount: 10}
journeys:
  - {name: Complaint, steps: [sales, ops, lab, sales]}
  - {name: Order, steps: [sales, ops, sales]}
"""

SMALL_B = """\
name: Proposal
customer: Customer
units:
  - {id: ceo, name: Chief Executive, kind: leadership, headcount: 2}
  - {id: sales, name: Sales Team, parent: ceo, headcount: 8, serves: [customer]}
  - {id: ops, name: Operations, parent: ceo, headcount: 12, serves: [customer]}
  - {id: lab, name: Test Laboratory, parent: sales, headcount: 4, serves: [customer]}
  - {id: it, name: Information Technology, parent: ceo, headcount: 5, serves: [ops]}
  - {id: archive, name: Archive, parent: lab, headcount: 10}
journeys:
  - {name: Complaint, steps: [sales, lab, sales]}
  - {name: Order, steps: [sales, ops, sales]}
"""

PAIR_TITLES = [
    "Today → Proposal",
    "Today: orbit view",
    "Proposal: orbit view",
    "Side by side: what the proposal changes",
    "Today: org chart",
    "Proposal: org chart",
    "What changes",
    "Customer journeys",
    "Design checks: before and after",
]


@pytest.fixture
def pair(tmp_path):
    a, b = tmp_path / "today.yaml", tmp_path / "proposal.yaml"
    a.write_text(SMALL_A, encoding="utf-8")
    b.write_text(SMALL_B, encoding="utf-8")
    return a, b


def run(*argv) -> int:
    return cli.main([str(x) for x in argv])


def titles(prs) -> list[str]:
    return [s.shapes.title.text_frame.text for s in prs.slides]


def walk(shapes):
    for sh in shapes:
        yield sh
        if sh.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from walk(sh.shapes)


def groups(slide) -> list:
    return [sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.GROUP]


def unit_shapes(group) -> dict:
    """Unit shapes of a diagram group by unit id (the id is the shape's description; units may be small groups)."""
    out = {}
    for sh in walk(group.shapes):
        descr = sh._element.nvSpPr.cNvPr.get("descr") if hasattr(sh._element, "nvSpPr") else None
        if descr:
            out[descr] = sh
    return out


def connectors(group) -> list:
    """``(begin shape id, end shape id)`` of every connector in the group (nested groups too), None where loose."""
    out = []
    for sh in walk(group.shapes):
        el = sh._element
        if not el.tag.endswith("}cxnSp"):
            continue
        st = el.find(".//{*}stCxn")
        en = el.find(".//{*}endCxn")
        out.append((None if st is None else int(st.get("id")), None if en is None else int(en.get("id"))))
    return out


def connections(group) -> set:
    """``(begin, end)`` shape ids of the reporting lines and relations, through the chart's junctions.

    A line made of several connectors (manager → junction → … → report) counts once, from its first shape to its
    last; every connector must be attached at both ends.
    """
    junctions = {sh.shape_id for sh in walk(group.shapes) if sh.name == "junction"}
    links = connectors(group)
    assert all(b is not None and e is not None for b, e in links), "a connector is not attached"
    onward: dict = {}
    for b, e in links:
        onward.setdefault(b, []).append(e)
    out = set()

    def follow(start, node, seen):
        for nxt in onward.get(node, []):
            if nxt in junctions and nxt not in seen:
                follow(start, nxt, seen | {nxt})
            elif nxt not in junctions:
                out.add((start, nxt))

    for b, _ in links:
        if b not in junctions:
            follow(b, b, set())
    return out


def test_the_deck_of_a_pair_has_the_slides_in_order(pair, tmp_path):
    out = tmp_path / "board.pptx"
    assert run("deck", *pair, "-o", out) == 0
    prs = Presentation(str(out))
    assert titles(prs) == PAIR_TITLES
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    first = prs.slides[0]
    text = " ".join(sh.text_frame.text for sh in first.shapes if sh.has_text_frame)
    assert "Proposal brings 100% of the headcount within 3 steps of the customer, up from" in text
    assert re.search(r"\d{1,2} [A-Z][a-z]+ 20\d\d", text)  # the date


def test_one_design_leaves_the_comparison_slides_out(pair, tmp_path):
    out = tmp_path / "one.pptx"
    assert run("deck", pair[0], "-o", out) == 0
    assert titles(Presentation(str(out))) == [
        "Today: distance to the customer",
        "Today: orbit view",
        "Today: org chart",
        "Customer journeys",
        "Design checks: Today",
    ]


def test_every_unit_is_one_native_shape_with_its_name_and_relations_are_attached_connectors(pair, tmp_path):
    out = tmp_path / "board.pptx"
    run("deck", *pair, "-o", out, "--depth", "9")
    prs = Presentation(str(out))
    org = orbit.load(pair[0])
    for slide in (prs.slides[1], prs.slides[4]):  # the orbit view and the org chart of A
        (group,) = groups(slide) if slide is prs.slides[4] else [g for g in groups(slide) if unit_shapes(g)]
        units = unit_shapes(group)
        assert set(units) == set(org.units["id"])
        for uid, name in zip(org.units["id"], org.units["name"], strict=True):
            assert units[uid].name == name
        ids = {uid: sh.shape_id for uid, sh in units.items()}
        lines = connections(group)
        for uid, parent in zip(org.units["id"], org.units["parent"], strict=True):
            if isinstance(parent, str):
                assert (ids[parent], ids[uid]) in lines or (ids[uid], ids[parent]) in lines, uid
    # the org chart: every box shows its name as text, parent → child connectors only
    chart = groups(prs.slides[4])[0]
    units = unit_shapes(chart)
    for uid, name in zip(org.units["id"], org.units["name"], strict=True):
        assert " ".join(units[uid].text_frame.text.split()).replace("- ", "") in (name, name.replace("-", ""))
    parent_of = dict(zip(org.units["id"], org.units["parent"], strict=True))
    by_id = {sh.shape_id: uid for uid, sh in units.items()}
    assert {(by_id[b], by_id[e]) for b, e in connections(chart)} == {
        (p, c) for c, p in parent_of.items() if isinstance(p, str)
    }


def test_the_orbit_view_labels_units_and_connects_touchpoints_to_the_customer(pair, tmp_path):
    out = tmp_path / "board.pptx"
    run("deck", *pair, "-o", out)
    prs = Presentation(str(out))
    group = next(g for g in groups(prs.slides[1]) if unit_shapes(g))
    units = unit_shapes(group)
    labelled = {uid for uid, sh in units.items() if sh.text_frame.text.strip()}
    assert {"sales", "lab", "it"} <= labelled  # labels thinned as the renderer does, the most important first
    assert units["sales"].text_frame.text == "Sales Team"
    customer = next(sh for sh in group.shapes if sh.name == "Customer")
    assert (units["sales"].shape_id, customer.shape_id) in connections(group)
    rings = [sh for sh in group.shapes if sh.name in ("1 · touchpoints", "2", "3", "4")]
    assert len(rings) == 4


def test_diagrams_are_grouped_and_no_picture_stands_in_for_shapes(pair, tmp_path):
    out = tmp_path / "board.pptx"
    run("deck", *pair, "-o", out)
    prs = Presentation(str(out))
    for k in (1, 2, 4, 5, 6):
        assert groups(prs.slides[k]), titles(prs)[k]
    pictures = [sh for s in prs.slides for sh in walk(s.shapes) if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pictures == []
    assert len([g for g in groups(prs.slides[3]) if unit_shapes(g)]) == 2  # both orbit views side by side
    tables = [sh for sh in prs.slides[3].shapes if sh.has_table]
    assert tables and tables[0].table.cell(1, 0).text == "units"


def test_no_text_is_smaller_than_8_pt(pair, tmp_path):
    out = tmp_path / "board.pptx"
    run("deck", *pair, "-o", out)
    sizes = []
    for slide in Presentation(str(out)).slides:
        for sh in walk(slide.shapes):
            frames = []
            if sh.has_text_frame:
                frames.append(sh.text_frame)
            if getattr(sh, "has_table", False) and sh.has_table:
                frames += [c.text_frame for row in sh.table.rows for c in row.cells]
            for tf in frames:
                for p in tf.paragraphs:
                    sizes += [r.font.size.pt for r in p.runs if r.font.size is not None and r.text.strip()]
    assert sizes and min(sizes) >= 8.0


def _english_words() -> set:
    words = set()
    for texts in STRINGS.values():
        en, de = texts["en"], texts["de"]
        words |= {w for w in re.findall(r"[A-Za-z]{4,}", en) if w not in re.findall(r"[A-Za-z]{4,}", de)}
    return words


def test_german_deck_has_no_english_words_left(pair, tmp_path):
    out = tmp_path / "board.pptx"
    assert run("deck", *pair, "-o", out, "--lang", "de") == 0
    prs = Presentation(str(out))
    assert titles(prs)[1] == "Today: Orbit-Ansicht"
    text = []
    for slide in prs.slides:
        for sh in walk(slide.shapes):
            if sh.has_text_frame:
                text.append(sh.text_frame.text)
            if getattr(sh, "has_table", False) and sh.has_table:
                text += [c.text for row in sh.table.rows for c in row.cells]
    names = {"Today", "Proposal", "Chief", "Executive", "Sales", "Team", "Operations", "Test", "Laboratory"}
    names |= {"Information", "Technology", "Complaint", "Order", "Customer", "Archive"}
    english = _english_words() - names
    found = {w for t in text for w in re.findall(r"[A-Za-z]{4,}", t)} & english
    assert found == set()
    joined = " ".join(text)
    assert "Proposal bringt 100 % der Beschäftigten" in joined
    assert re.search(r"\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ 20\d\d", joined)


def test_the_pdf_has_the_same_pages(pair, tmp_path):
    out = tmp_path / "board.pdf"
    assert run("deck", *pair, "-o", out) == 0
    assert out.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) == len(PAIR_TITLES)
    for page, title in zip(pages, PAIR_TITLES, strict=True):
        assert title in " ".join(page.split()), title


def test_a_template_gives_its_size_and_layouts_and_its_own_slides_go(pair, tmp_path):
    template = Presentation()
    template.slide_width, template.slide_height = 9144000, 6858000  # 4:3
    layout = template.slide_layouts[5]
    layout.name = "Brand title only"
    example = template.slides.add_slide(template.slide_layouts[1])
    example.shapes.title.text = "Example slide of the template"
    path = tmp_path / "brand.pptx"
    template.save(str(path))
    out = tmp_path / "board.pptx"
    assert run("deck", *pair, "-o", out, "--template", path) == 0
    prs = Presentation(str(out))
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)
    assert titles(prs) == PAIR_TITLES
    assert {s.slide_layout.name for s in list(prs.slides)[1:]} == {"Brand title only"}
    assert prs.slides[0].slide_layout.name == "Title Slide"
    for slide in prs.slides:
        for sh in walk(slide.shapes):
            assert sh.left is None or sh.left + (sh.width or 0) <= prs.slide_width + 12700


def test_a_templates_title_without_height_is_put_in_orbits_frame(pair, tmp_path):
    template = Presentation()
    for layout in template.slide_layouts:  # moved sideways only: python-pptx writes top 0 and height 0
        for ph in layout.placeholders:
            ph.left, ph.width = 457200, 8229600
    template.save(str(tmp_path / "brand.pptx"))
    out = tmp_path / "board.pptx"
    assert run("deck", *pair, "-o", out, "--template", tmp_path / "brand.pptx") == 0
    prs = Presentation(str(out))
    for slide in prs.slides:
        title = slide.shapes.title
        assert title.height >= 0.3 * 914400 and title.top >= 0 and title.top + title.height <= prs.slide_height
        assert title.text_frame.text


def test_cli_errors_are_one_line_and_leave_nothing(pair, tmp_path, capsys):
    out = tmp_path / "board.pptx"
    out.write_bytes(b"old")
    assert run("deck", *pair, "-o", tmp_path / "board.docx") == 2
    assert "cannot write '.docx': use .pptx or .pdf" in capsys.readouterr().err
    assert run("deck", *pair, "-o", out, "--journey", "Refund") == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "unknown journey 'Refund'" in err and "'Complaint'" in err
    assert run("deck", *pair, "-o", out, "--template", tmp_path / "missing.pptx") == 2
    assert "template not found" in capsys.readouterr().err
    bad = tmp_path / "bad.pptx"
    bad.write_bytes(b"not a zip")
    assert run("deck", *pair, "-o", out, "--template", bad) == 2
    err = capsys.readouterr().err
    assert "cannot read the template as a PowerPoint file" in err and "Traceback" not in err
    assert out.read_bytes() == b"old"


def test_the_chosen_journey_is_drawn_on_the_orbit_views(pair, tmp_path):
    out = tmp_path / "board.pptx"
    run("deck", *pair, "-o", out, "--journey", "Order")
    prs = Presentation(str(out))
    slide = prs.slides[7]
    assert any("Order" in sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    badges = [sh.name for g in groups(slide) for sh in g.shapes if sh.name.startswith("journey ")]
    assert "journey 1,3: Sales Team" in badges and "journey 2: Operations" in badges
    rows = [[c.text for c in row.cells] for row in next(sh for sh in slide.shapes if sh.has_table).table.rows]
    assert ["Complaint", "5 → 4", "2 → 0", "2 → 0"] in rows


def test_a_journey_step_without_a_path_shows_a_dash_not_a_crash(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(
        "units: [{id: boss, name: The Boss}, {id: desk, name: Front Desk, parent: boss, serves: [customer]},\n"
        "        {id: island, name: Island}]\n"
        "journeys: [{name: Lost, steps: [desk, island]}, {name: Fine, steps: [desk, boss]}]\n"
    )
    out = tmp_path / "board.pptx"
    assert run("deck", path, "-o", out) == 0
    slide = next(s for s in Presentation(str(out)).slides if s.shapes.title.text_frame.text == "Customer journeys")
    rows = [[c.text for c in row.cells] for row in next(sh for sh in slide.shapes if sh.has_table).table.rows]
    assert rows[1][0] == "Lost" and rows[1][-1] == "–" and rows[2][0] == "Fine" and rows[2][-1] == "0"


def test_moved_units_are_ringed_on_the_proposals_orbit_view(pair, tmp_path):
    out = tmp_path / "board.pptx"
    run("deck", *pair, "-o", out)
    slide = Presentation(str(out)).slides[6]
    rings = {sh.name for g in groups(slide) for sh in g.shapes if sh.name.startswith("moved or new")}
    moved = {"Operations", "Test Laboratory", "Archive", "Information Technology"}  # each on another ring now
    assert rings == {f"moved or new in this design: {name}" for name in moved}
    rows = [[c.text for c in row.cells] for row in next(sh for sh in slide.shapes if sh.has_table).table.rows]
    assert ["Test Laboratory", "other ring, new manager", "ring 3 · Operations", "ring 1 · Sales Team"] in rows


def test_checks_name_units_by_name_not_id(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(
        "units: [{id: boss, name: The Boss}, {id: desk, name: Front Desk, parent: boss, serves: [customer]}]\n"
    )
    story = build_story(orbit.load(path))
    rows = story.slides[-1].tables[0].rows
    assert any("The Boss" in r[2] for r in rows) and not any("boss " in r[2] for r in rows)


def test_a_big_design_is_folded_into_departments_not_drawn_as_a_picture():
    from orbit.generate import generate_org

    org = generate_org(1500, seed=3)
    story = build_story(org)
    design = story.designs[0]
    assert design.orbit_depth is not None and len(design.orbit_org) <= 400 and not design.orbit_picture
    assert design.chart_depth is not None and not design.chart_picture
    prs = Presentation(io.BytesIO(deck_pptx(story)))
    assert not [sh for s in prs.slides for sh in walk(s.shapes) if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert "1,500 units shown as" in " ".join(sh.text_frame.text for sh in prs.slides[1].shapes if sh.has_text_frame)


def test_pdf_and_pptx_come_from_one_story(pair):
    story = build_story(orbit.load(pair[0]), orbit.load(pair[1]), lang="de")
    assert deck_pdf(story)[:5] == b"%PDF-"
    assert titles(Presentation(io.BytesIO(deck_pptx(story)))) == story.titles


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice Impress (soffice) is not installed")
def test_every_slide_renders_in_libreoffice(tmp_path):
    out = tmp_path / "board.pptx"
    a, b = SAMPLES / "maschinenbau-classic.yaml", SAMPLES / "maschinenbau-orbit.yaml"
    assert run("deck", a, b, "-o", out, "--lang", "de") == 0
    done = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    pdf = tmp_path / "board.pdf"
    assert pdf.exists(), done.stderr
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "slide")], check=True, timeout=120)
    from PIL import Image

    pngs = sorted(tmp_path.glob("slide-*.png"))
    assert len(pngs) == 9
    for png in pngs:
        im = Image.open(png).convert("L")
        dark = sum(im.histogram()[:200])
        assert dark > 0.002 * im.width * im.height, png.name  # something is drawn on every slide
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Vertrieb" in text and "Was sich ändert" in text


# ---------------------------------------------------------------- board quality: what a user sees on the slides
EMU_PT = 12700


def _box(shape) -> tuple[float, float, float, float]:
    """``left, top, right, bottom`` of a top-level shape in points."""
    return (
        shape.left / EMU_PT,
        shape.top / EMU_PT,
        (shape.left + shape.width) / EMU_PT,
        (shape.top + shape.height) / EMU_PT,
    )


@pytest.fixture(scope="module")
def bank():
    """The German board pack of the bank samples: the story and the deck opened with python-pptx."""
    a, b = orbit.load(SAMPLES / "bank-classic.yaml"), orbit.load(SAMPLES / "bank-orbit.yaml")
    story = build_story(a, b, lang="de")
    return story, Presentation(io.BytesIO(deck_pptx(story)))


def _orbit_groups(slide) -> list:
    return [g for g in groups(slide) if any(sh.name == T.customer_label(None, "de") for sh in g.shapes)]


def _outer_ring(group) -> float:
    """Diameter (points) of the outermost ring circle of an orbit view group."""
    circles = [
        sh
        for sh in group.shapes
        if sh.has_text_frame and not sh.text_frame.text and sh._element.find(".//{*}prstGeom") is not None
    ]
    rings = [sh.width / EMU_PT for sh in circles if sh._element.find(".//{*}prstGeom").get("prst") == "ellipse"]
    return max(rings)


@pytest.mark.slow
def test_orbit_views_fill_the_slide_and_stay_inside_their_frames(bank):
    story, prs = bank
    c = story.page.content
    for slide, s in zip(prs.slides, story.slides, strict=True):
        views = _orbit_groups(slide)
        assert len(views) == sum(d.view == "orbit" for d in s.diagrams), s.title
        for group, d in zip(views, [d for d in s.diagrams if d.view == "orbit"], strict=True):
            x0, y0, x1, y1 = _box(group)
            f = d.frame
            assert f.left * 72 - 2 <= x0 and x1 <= f.right * 72 + 2, s.title
            assert f.top * 72 - 2 <= y0 and y1 <= f.bottom * 72 + 2, s.title
            assert max((x1 - x0) / (f.width * 72), (y1 - y0) / (f.height * 72)) >= 0.92, s.title
            if s.kind == "orbit":  # the circles use the height of the slide
                assert _outer_ring(group) >= 0.75 * c.height * 72, s.title
            if s.kind == "pair":  # both views as wide as their half of the slide allows
                assert _outer_ring(group) >= 0.7 * f.width * 72, s.title


@pytest.mark.slow
def test_the_parts_of_a_slide_do_not_overlap_and_stay_on_it(bank):
    _, prs = bank
    width, height = prs.slide_width / EMU_PT, prs.slide_height / EMU_PT
    for slide in list(prs.slides)[1:]:
        parts = [sh for sh in slide.shapes if sh.name != "band"]
        boxes = [_box(sh) for sh in parts]
        for sh, (x0, y0, x1, y1) in zip(parts, boxes, strict=True):
            assert x0 >= -1 and y0 >= -1 and x1 <= width + 1 and y1 <= height + 1, sh.name
        for i, a in enumerate(boxes):
            for j in range(i + 1, len(boxes)):
                b = boxes[j]
                overlap_x = min(a[2], b[2]) - max(a[0], b[0])
                overlap_y = min(a[3], b[3]) - max(a[1], b[1])
                assert overlap_x <= 1 or overlap_y <= 1, (parts[i].name, parts[j].name)


@pytest.mark.slow
def test_the_customer_is_named_in_full_on_every_orbit_view(bank):
    _, prs = bank
    views = [g for slide in prs.slides for g in _orbit_groups(slide)]
    assert len(views) == 7
    for g in views:
        (customer,) = [sh for sh in g.shapes if sh.name == "Kunde"]
        assert customer.text_frame.text == "Kunde"


@pytest.mark.slow
def table_words(prs):
    """``(word, its width, the room of its cell)`` of every table cell's text (points), a figure as one word."""
    from orbit.render.text_fit import text_width

    for slide in prs.slides:
        for sh in slide.shapes:
            if not sh.has_table:
                continue
            table = sh.table
            for r, row in enumerate(table.rows):
                for j, cell in enumerate(row.cells):
                    room = table.columns[j].width / EMU_PT - cell.margin_left / EMU_PT - cell.margin_right / EMU_PT
                    for p in cell.text_frame.paragraphs:
                        for run in p.runs:
                            weight = "bold" if run.font.bold else "normal"
                            whole = p.alignment == 3 and r > 0  # a figure stays on one line
                            for word in [run.text] if whole else run.text.split():
                                yield word, text_width(word, run.font.size.pt, weight), room


def test_no_word_is_broken_in_a_table_cell(bank):
    _, prs = bank
    words = list(table_words(prs))
    assert len(words) > 100
    assert [w for w, width, room in words if width > room + 0.5] == []


def test_a_long_customer_name_wraps_inside_the_first_ring_and_leaves_the_view_visible(pair, tmp_path):
    long = "Citizens of the city, businesses, clubs and associations and every visitor who comes here"
    a, _ = pair
    a.write_text(SMALL_A.replace("customer: Customer", f"customer: {long}"), encoding="utf-8")
    story = build_story(orbit.load(a))
    diagrams = [d for s in story.slides for d in s.diagrams if d.view == "orbit"]
    assert diagrams
    for d in diagrams:
        g = d.geometry
        label, size, diameter = g.customer
        first = g.rings.radii[min(g.rings.connected)] * g.k
        assert diameter <= 2 * first + 0.5  # not a disc that covers the rings and units beyond the first
        assert (
            size >= 8.0 and 2 <= len(label.split("\n")) <= 3 and " ".join(label.split()).startswith("Citizens of the")
        )
    prs = Presentation(io.BytesIO(deck_pptx(story)))
    (customer,) = [sh for g in groups(prs.slides[1]) for sh in g.shapes if sh.name == long]
    assert len(customer.text_frame.paragraphs) >= 2
    assert " ".join(customer.text_frame.text.split()).startswith("Citizens of the city")


@pytest.mark.slow
def test_no_word_is_broken_in_the_metrics_table_of_a_4_3_deck(tmp_path):
    template = Presentation()  # python-pptx's own: 4:3
    template.save(str(tmp_path / "brand.pptx"))
    a, b = orbit.load(SAMPLES / "hospital-classic.yaml"), orbit.load(SAMPLES / "hospital-orbit.yaml")
    story = build_story(a, b, page=template_page(str(tmp_path / "brand.pptx")))
    prs = Presentation(io.BytesIO(deck_pptx(story, str(tmp_path / "brand.pptx"))))
    words = list(table_words(prs))
    assert "headcount" in {w for w, _, _ in words}
    assert [w for w, width, room in words if width > room + 0.5] == []


@pytest.mark.slow
def test_the_full_names_are_over_the_side_by_side_views(bank):
    _, prs = bank
    slide = prs.slides[3]
    captions = [sh.text_frame.text for sh in slide.shapes if sh.name == "caption"]
    assert captions == ["Northbridge Bank (classic)", "Northbridge Bank (orbit)"]
    header = [c.text for c in next(sh for sh in slide.shapes if sh.has_table).table.rows[0].cells]
    assert header == ["", "(classic)", "(orbit)", "Veränderung"]


def test_the_title_slide_has_the_names_the_headline_and_the_key_figures(pair, tmp_path):
    out = tmp_path / "board.pptx"
    run("deck", *pair, "-o", out)
    slide = Presentation(str(out)).slides[0]
    kinds = {ph.placeholder_format.type for ph in slide.placeholders}
    assert kinds == {PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.SUBTITLE}  # the template's title layout
    assert slide.shapes.title.text_frame.text == "Today → Proposal"
    (figures,) = [g for g in groups(slide) if g.name == "key figures"]
    texts = [sh.text_frame.text for sh in figures.shapes if sh.has_text_frame and sh.text_frame.text]
    assert "76%  →  100%" in texts and "of the headcount within 3 steps of the customer" in texts
    assert "1  →  0" in texts and "units flagged: more than 3 steps or no path" in texts


def test_long_design_names_are_whole_in_the_title_and_headline(pair, tmp_path):
    a, b = pair
    long_a, long_b = "Brenner Verpackungsmaschinen GmbH (klassisch)", "Brenner Verpackungsmaschinen GmbH (Orbit)"
    a.write_text(SMALL_A.replace("name: Today", f"name: {long_a}"), encoding="utf-8")
    b.write_text(SMALL_B.replace("name: Proposal", f"name: {long_b}"), encoding="utf-8")
    out = tmp_path / "board.pptx"
    assert run("deck", a, b, "-o", out, "--lang", "de") == 0
    slide = Presentation(str(out)).slides[0]
    title = " ".join(slide.shapes.title.text_frame.text.split())
    assert title == f"{long_a} → {long_b}"  # 87 characters: more than a unit's label may hold, not cut
    headline = next(ph for ph in slide.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE)
    assert headline.text_frame.paragraphs[0].text.startswith(long_b) and "…" not in headline.text_frame.text


def test_the_checks_slide_shows_both_designs_by_severity_with_names(pair, tmp_path):
    out = tmp_path / "board.pptx"
    run("deck", *pair, "-o", out)
    slide = Presentation(str(out)).slides[-1]
    captions = [sh.text_frame.text for sh in slide.shapes if sh.name == "caption"]
    assert captions == ["Today: 0 errors · 4 warnings · 0 notes", "Proposal: 0 errors · 2 warnings · 0 notes"]
    tables = [[[c.text for c in row.cells] for row in sh.table.rows] for sh in slide.shapes if sh.has_table]
    assert len(tables) == 2
    today, proposal = tables
    assert today[0] == ["severity", "check", "finding"]
    assert any(r[:2] == ["warning", "Far from the customer"] and "Archive" in r[2] for r in today)
    assert [r[0] for r in proposal[1:]] == ["warning", "warning"]
    assert not any("archive" in cell for row in today + proposal for cell in row)  # names, not ids


FLAT = "name: Flat\nunits:\n  - {id: ceo, name: Chief Executive}\n" + "".join(
    f"  - {{id: d{i}, name: Department {i}, parent: ceo, serves: [customer]}}\n"
    f"  - {{id: t{i}, name: Team {i}, parent: d{i}}}\n"
    for i in range(12)
)


def test_a_wrapped_row_hangs_from_the_managers_trunk(tmp_path):
    org = orbit.load(FLAT.encode(), name="flat.yaml")
    story = build_story(org)
    design = story.designs[0]
    assert design.chart_pos.trunks, "the chart should wrap the CEO's twelve reports into two rows"
    chart = groups(Presentation(io.BytesIO(deck_pptx(story))).slides[2])[0]
    units = unit_shapes(chart)
    ids = {sh.shape_id: uid for uid, sh in units.items()}
    parent = dict(zip(org.units["id"], org.units["parent"], strict=True))
    lines = {(ids[b], ids[e]) for b, e in connections(chart)}
    assert lines == {(p, c) for c, p in parent.items() if isinstance(p, str)}
    # the second row's reports are reached through the junction on the trunk, not straight from the CEO
    first_row_y = min(units[f"d{i}"].top for i in range(12))
    second = {units[f"d{i}"].shape_id for i in range(12) if units[f"d{i}"].top > first_row_y}
    assert second
    junctions = {sh.shape_id for sh in walk(chart.shapes) if sh.name == "junction"}
    incoming = {e: b for b, e in connectors(chart)}
    assert all(incoming[c] in junctions for c in second)
    assert [e for b, e in connectors(chart) if b == units["ceo"].shape_id and e in junctions]  # the trunk


def test_a_chart_unit_moves_with_its_hops_as_one_group(pair, tmp_path):
    out = tmp_path / "board.pptx"
    run("deck", *pair, "-o", out, "--depth", "9")
    chart = groups(Presentation(str(out)).slides[4])[0]
    units = [g for g in chart.shapes if g.shape_type == MSO_SHAPE_TYPE.GROUP]
    assert len(units) == 6
    for g in units:
        box, hops = list(g.shapes)[:2]
        assert box._element.nvSpPr.cNvPr.get("descr") and hops.text_frame.text.isdigit()


@pytest.mark.parametrize("limit", [2, 3, 5])
def test_the_legend_never_spends_a_row_on_one_more_department(limit):
    """The legend never reads "1 weitere Bereiche (2)": the one department left fits the same row."""
    from orbit.render.deck.slides import _legend_rows

    a = orbit.load("sample_orgs/maschinenbau-classic.yaml")
    story = build_story(a, lang="de")
    everything = _legend_rows(story, [0], 100, 400)
    rows = _legend_rows(story, [0], len(everything) - 1, 400)
    assert len(rows) == len(everything)
    assert not any(text.startswith("1 weitere") for _, text in rows)
    fewer = _legend_rows(story, [0], limit, 400)
    assert len(fewer) == limit + 1 and fewer[-1][1].startswith(f"{len(everything) - limit} weitere")
