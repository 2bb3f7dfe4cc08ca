"""The package's shape: layers, no import cycles, small modules, every module importable on its own.

The import graph is read from the source (every ``import`` and ``from …
import``, also those inside functions), so a cycle or a layer violation is
found even where a lazy import hides it at run time.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "orbit"

LAYERS = {
    "orbit.errors": 0,
    "orbit._lazy": 0,
    "orbit._chars": 0,
    "orbit._columns": 1,
    "orbit.i18n": 0,
    "orbit._graph": 1,
    "orbit.model": 1,
    "orbit.formats": 1,
    "orbit.generate": 1,
    "orbit.analysis": 2,
    "orbit.checks": 2,
    "orbit.hr": 2,
    "orbit.aggregate": 2,
    "orbit.layout": 3,
    "orbit.render": 4,
    "orbit.library": 5,
    "orbit.cli": 6,
    "orbit.app": 6,
}
"""Each part of the package and its layer: a module imports only from its own layer and those below.

(README, Development: model and formats → analysis → layout → render →
storage → surfaces; the text table sits below them all.)
"""

MAX_LINES = 800


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


# Alembic migration scripts run inside Alembic (``alembic.context``), never as imports of their own
MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "migrations" not in p.relative_to(PACKAGE).parts}


def imports_of(name: str, path: Path) -> set[str]:
    """The orbit modules ``name`` imports anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        out.update(t for t in targets if t in MODULES)
    out.discard(name)
    return out


GRAPH = {name: imports_of(name, path) for name, path in MODULES.items()}


def layer_of(name: str) -> int:
    if name == "orbit":  # the package's front door re-exports from every layer: only the top may use it
        return max(LAYERS.values())
    best = max((p for p in LAYERS if name == p or name.startswith(p + ".")), key=len, default=None)
    if best is None:
        raise AssertionError(f"{name} has no layer: add it to LAYERS in {Path(__file__).name}")
    return LAYERS[best]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            v, children = work[-1]
            for w in children:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    component = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        component.append(w)
                        if w == v:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_import_graph_is_read_from_the_source():
    assert "orbit.cli.core" in GRAPH["orbit.cli.render"]  # from .core import …
    assert "orbit.render.style" in GRAPH["orbit.render.units"]  # from . import style as S
    assert "orbit.hr" in GRAPH["orbit.cli.core"]  # an import inside a function
    assert "orbit.i18n" in GRAPH["orbit.render.orbit_view"]  # from .. import i18n as T


def test_no_import_cycles():
    """No two modules import each other, directly or round a loop.

    A module importing its own package (``from . import decode_text`` in
    ``orbit/formats/table.py``) is not counted: Python has finished the
    package when its modules run, and the fresh-interpreter test below
    catches a package whose ``__init__`` needs them half-way.
    """
    graph = {name: {d for d in deps if not name.startswith(d + ".")} for name, deps in GRAPH.items()}
    assert cycles(graph) == []


def test_every_module_imports_only_its_own_layer_and_those_below():
    wrong = [
        f"{name} (layer {layer_of(name)}) imports {dep} (layer {layer_of(dep)})"
        for name, deps in GRAPH.items()
        if name != "orbit"  # the package's front door re-exports from every layer (lazily)
        for dep in sorted(deps)
        if layer_of(dep) > layer_of(name)
    ]
    assert wrong == []


def test_the_surfaces_stay_apart():
    """Nothing outside orbit/cli imports the CLI; the app and the CLI do not import each other."""
    wrong = [
        f"{name} imports {dep}"
        for name, deps in GRAPH.items()
        for dep in deps
        if (dep.startswith("orbit.cli") and not name.startswith("orbit.cli"))
        or (dep.startswith("orbit.app") and not name.startswith("orbit.app"))
    ]
    assert wrong == []


def _third_party(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            out.add(node.module.split(".")[0])
    return out


def test_layouts_and_drawings_never_import_streamlit_and_layouts_draw_nothing():
    for name, path in MODULES.items():
        libraries = _third_party(path)
        if layer_of(name) <= LAYERS["orbit.render"]:
            assert "streamlit" not in libraries, name
        if layer_of(name) <= LAYERS["orbit.layout"]:
            assert not libraries & {"matplotlib", "plotly"}, name


def test_no_module_is_longer_than_800_lines():
    files = [*MODULES.values(), ROOT / "app.py"]
    long = {
        str(p.relative_to(ROOT)): n for p in files if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_app_py_holds_the_wiring_only():
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    functions = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert functions == ["main"], "widgets and helpers belong in orbit/app/views/"
    # streamlit's magic puts every bare value of the script on the page (a string after a constant, say)
    bare = [ast.unparse(n) for n in tree.body[1:] if isinstance(n, ast.Expr) and not isinstance(n.value, ast.Call)]
    assert bare == []
    assert len((ROOT / "app.py").read_text(encoding="utf-8").splitlines()) <= 250


@pytest.mark.slow
def test_every_module_imports_on_its_own_in_a_fresh_interpreter():
    names = [n for n in MODULES if n != "orbit" and not n.endswith(".__main__")]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    for m in [k for k in sys.modules if k == 'orbit' or k.startswith('orbit.')]:\n"
        "        del sys.modules[m]\n"
        "    importlib.import_module(name)\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


def test_commands_that_do_not_draw_load_no_plotting_library(tmp_path):
    design = tmp_path / "d.yaml"
    design.write_text("units: [{id: desk, serves: [customer]}, {id: back, serves: [desk]}]\n")
    code = (
        "import sys\n"
        "from orbit.cli import main\n"
        f"for argv in (['validate', {str(design)!r}], ['analyse', {str(design)!r}], ['check', {str(design)!r}]):\n"
        "    main(argv)\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'matplotlib', 'plotly', 'streamlit', 'pptx'})\n"
        "print('loaded:', heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("loaded: []")
