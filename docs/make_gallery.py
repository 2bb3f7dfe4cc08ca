"""Render the sample gallery into docs/img/ with `orbit render`, and list it in the README.

Run with `make docs`. Each sample gets an orbit view and an org chart; the
README's gallery section (between the gallery markers) is rewritten to show
them, classic/orbit pairs side by side.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_orgs"
IMG = ROOT / "docs" / "img"
README = ROOT / "README.md"
START, END = "<!-- gallery:start -->", "<!-- gallery:end -->"
DPI = "80"


def orbit_cli() -> list[str]:
    exe = Path(sys.executable).with_name("orbit")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "orbit.cli"]


def render(sample: Path, view: str) -> Path:
    out = IMG / f"{sample.stem}-{view}.png"
    cmd = [*orbit_cli(), "render", str(sample), "-o", str(out), "--view", view, "--dpi", DPI]
    subprocess.run(cmd, check=True)
    print(f"  {out.relative_to(ROOT)}")
    return out


def title_of(sample: Path) -> str:
    for line in sample.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^name:\s*(.+)$", line)
        if m:
            return m.group(1).strip().strip("'\"")
    return sample.stem


def main() -> None:
    IMG.mkdir(parents=True, exist_ok=True)
    samples = sorted(SAMPLES.glob("*.yaml"))
    lines = [START, "", "| design | orbit view | org chart |", "| --- | --- | --- |"]
    for sample in samples:
        print(sample.name)
        orbit_png = render(sample, "orbit")
        chart_png = render(sample, "hierarchy")
        rel = lambda p: p.relative_to(ROOT).as_posix()  # noqa: E731
        lines.append(
            f"| **{title_of(sample)}**<br>`sample_orgs/{sample.name}` "
            f"| <img src='{rel(orbit_png)}' width='420'> | <img src='{rel(chart_png)}' width='420'> |"
        )
    lines += ["", "Regenerate with `make docs`.", "", END]
    text = README.read_text(encoding="utf-8")
    block = "\n".join(lines)
    if START in text and END in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n## Gallery\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")
    print(f"README gallery: {len(samples)} samples")


if __name__ == "__main__":
    main()
