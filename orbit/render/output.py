"""A figure as bytes: PNG, SVG (text stays text) or PDF (fonts embedded).

Writing the bytes to a file, atomically, is :func:`orbit.formats.atomic_write`'s job.
"""

from __future__ import annotations

import io

__all__ = ["FORMATS", "figure_bytes"]


FORMATS = ("png", "svg", "pdf")
"""Formats :func:`figure_bytes` writes."""
PNG_COMPRESSION = 1
"""zlib level of PNG images: diagrams are mostly flat colour, so the fastest level loses little."""


def figure_bytes(fig, fmt: str, *, dpi: float = 200) -> bytes:
    """The figure as PNG, SVG or PDF bytes.

    SVG keeps text as ``<text>`` elements (``svg.fonttype = 'none'``) and PDF
    embeds TrueType fonts, so text stays selectable and editable.

    Raises
    ------
    ValueError
        If ``fmt`` is not one of :data:`FORMATS`.
    """
    import matplotlib

    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"unsupported format {fmt!r}: use one of {', '.join(FORMATS)}")
    buf = io.BytesIO()
    rc = {"svg.fonttype": "none", "pdf.fonttype": 42, "svg.hashsalt": "orbit"}
    meta = {"png": {"Software": "orbit"}, "svg": {"Date": None}, "pdf": {"Creator": "orbit", "CreationDate": None}}
    # zlib level 1: a 10,000-unit figure (15 Mpx) encodes about 3× faster than at the default 6, 2 % larger
    extra = {"pil_kwargs": {"compress_level": PNG_COMPRESSION}} if fmt == "png" else {}
    with matplotlib.rc_context(rc):
        fig.savefig(buf, format=fmt, dpi=dpi, facecolor="white", metadata=meta[fmt], **extra)
    return buf.getvalue()
