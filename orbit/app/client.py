"""What runs in the browser: selection overlays, clicks, linked hover, zoom-sized text, keys, the window's size.

One small custom component (``st.components.v2``, no iframe: its script
runs in the page) that the views mount once per run with :func:`page`:

- **overlays**: the selected unit's path, ring and callouts
  (:mod:`orbit.render.interactive.overlay`) are put on the charts as layout
  shapes and annotations, so selecting a unit never sends the diagrams again;
- **flags** of big designs (:mod:`orbit.render.interactive.flags`): the
  flagged units' dark red diamonds, drawn on a canvas over the markers (and
  kept in place while the chart is zoomed or panned), and the zone beyond N as
  shapes under the rings, so a new N never sends the diagrams again either;
  a chart says which N it shows in ``data-orbit-n`` once its flags are drawn,
  and a flagged unit's hover label gets the flag's line under it;
- **clicks**: a click on a unit in any linked chart comes back as the trigger
  ``pick`` (``{"chart", "id"}``; the customer's id is ``customer``);
- **linked hover**: hovering a unit in one chart shows the same unit's hover
  label in the other charts of its group (both diagrams of a view);
- **text that scales with the zoom**: charts whose ``layout.meta`` names
  ``orbit_text`` (the org chart's box names) get their font sizes set from
  the zoom, so names keep fitting their boxes;
- **keys** (presenter mode): arrow keys, Page Up/Down, space, Home, End and
  Escape come back as the trigger ``key``;
- **the window's size** as the state ``viewport`` (``{"w", "h"}``), so the
  diagrams can be sized to the screen, and whether this browser has seen the
  introduction (``intro_seen``, kept in its local storage).

Charts are found by the key of the container around them
(``st.container(key=...)`` gives the class ``st-key-<key>``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

_JS = r"""
export default function (component) {
  const { data, setStateValue, setTriggerValue } = component;
  const O = window.__orbitClient || (window.__orbitClient = { bound: new WeakSet(), timer: null });
  O.data = data || {};
  O.setTrigger = setTriggerValue;
  O.setState = setStateValue;

  // the window's size, once now and after each resize that matters
  const report = () => {
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    const v = { w: window.innerWidth, h: window.innerHeight, main: main ? main.clientWidth : window.innerWidth };
    const last = O.viewport || (O.data.known || {}).viewport;  // what the app already knows: say only what changed
    if (!last || Math.abs(last.w - v.w) > 40 || Math.abs(last.h - v.h) > 40 || Math.abs(last.main - v.main) > 40) {
      O.viewport = v;
      O.setState("viewport", v);
    }
  };
  if (!O.resizeBound) {
    O.resizeBound = true;
    let t = null;
    const later = () => { clearTimeout(t); t = setTimeout(report, 350); };
    window.addEventListener("resize", later);
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    if (main && window.ResizeObserver) new ResizeObserver(later).observe(main);  // the sidebar opened or closed
  }
  O.viewport = null;
  report();

  // the introduction: remembered by this browser
  let seen = false;
  try { seen = window.localStorage.getItem("orbit.intro_seen") === "1"; } catch (e) {}
  if (O.data.intro_seen && !seen) {
    try { window.localStorage.setItem("orbit.intro_seen", "1"); } catch (e) {}
  }
  if ((O.data.known || {}).intro_seen !== seen) setStateValue("intro_seen", seen);

  // presenter keys
  if (!O.keysBound) {
    O.keysBound = true;
    document.addEventListener("keydown", (ev) => {
      if (!O.data.keys) return;
      const el = document.activeElement;
      if (el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.isContentEditable)) return;
      const map = { ArrowRight: "next", PageDown: "next", " ": "next", ArrowLeft: "prev", PageUp: "prev",
                    Home: "first", End: "last", Escape: "exit" };
      const k = map[ev.key];
      if (!k) return;
      ev.preventDefault();
      O.setTrigger("key", { key: k, t: Date.now() });
    });
  }

  const chartOf = (box) => document.querySelector(".st-key-" + box + " .js-plotly-plot");
  const idOf = (pt) => {
    let c = pt && pt.customdata;
    if (Array.isArray(c)) c = c[0];
    return typeof c === "string" ? c : null;
  };
  const mine = (x) => x && (x.name === "overlay" || x.name === "overlay-n");
  const noFlags = { under: [], sig: "" };

  const applyOverlay = (gd, box) => {
    const ov = (O.data.overlays || {})[box] || { shapes: [], annotations: [], sig: "" };
    const fl = (O.data.flags || {})[box] || noFlags;
    if (!gd.layout || !window.Plotly) return;
    const sig = (ov.sig || "") + "\u0000" + (fl.sig || "");
    const have = (gd.layout.shapes || []).some(mine) || (gd.layout.annotations || []).some(mine);
    const want = ov.shapes.length + ov.annotations.length + (fl.under || []).length > 0;
    if (gd.__orbitSig === sig && have === want) return;
    gd.__orbitSig = sig;
    gd.setAttribute("data-orbit-selected", ov.sig || "");
    if (!have && !want) return;  // nothing to draw or take away: no redraw
    // the zone beyond N goes under the rings; the selection over everything
    const update = {
      shapes: (fl.under || []).concat((gd.layout.shapes || []).filter((s) => !mine(s)), ov.shapes),
    };
    // annotations make plotly recompute every trace (seconds at 20,000 units): touch them only if ours are involved
    if ((gd.layout.annotations || []).some(mine) || ov.annotations.length) {
      update.annotations = (gd.layout.annotations || []).filter((a) => !mine(a)).concat(ov.annotations);
    }
    window.Plotly.relayout(gd, update);
  };

  // the flagged units of a big design: a bitmask over the points of the unit traces (layout.meta.orbit_nodes);
  // their points (x, y, size, colour) and ids, worked out once per flags and figure
  const many = (v) => Array.isArray(v) || ArrayBuffer.isView(v);
  const flagged = (gd, fl) => {
    const cache = gd.__orbitMarks;
    if (cache && cache.sig === fl.sig && cache.bits === fl.bits && cache.of === gd._fullData) return cache;
    const raw = atob(fl.bits || "");
    const nodes = ((gd.layout && gd.layout.meta) || {}).orbit_nodes || [];
    const pts = [], ids = new Set();
    let k = 0;
    for (const ti of nodes) {
      const t = (gd._fullData || [])[ti];
      if (!t || !t.x) continue;
      const m = t.marker || {};
      for (let j = 0; j < t.x.length; j++, k++) {
        if (raw.charCodeAt(k >> 3) & (128 >> (k & 7))) {
          pts.push([t.x[j], t.y[j], many(m.size) ? m.size[j] : m.size, many(m.color) ? m.color[j] : m.color]);
          ids.add(t.customdata ? t.customdata[j] : null);
        }
      }
    }
    gd.__orbitMarks = { sig: fl.sig, bits: fl.bits, of: gd._fullData, pts: pts, ids: ids };
    return gd.__orbitMarks;
  };

  // a flagged unit's hover label gets a line of its own under it ("flagged: more than 3 steps")
  const flagTip = (gd, box, id) => {
    const fl = (O.data.flags || {})[box];
    const host = gd.querySelector(".svg-container");
    let el = gd.querySelector(".orbit-flagtip");
    const label = gd.querySelector(".hoverlayer .hovertext");
    const hit = fl && fl.bits && fl.label && id && label && host && flagged(gd, fl).ids.has(id);
    if (!hit) {
      if (el) el.style.display = "none";
      return;
    }
    if (!el) {
      el = document.createElement("div");
      el.className = "orbit-flagtip";
      el.style.cssText = "position:absolute;pointer-events:none;z-index:10;background:#fff;border-radius:3px;"
        + "padding:1px 5px;font-size:12px;white-space:nowrap;border:1px solid " + fl.edge + ";color:" + fl.edge;
      host.appendChild(el);
    }
    el.textContent = fl.label;
    const r = label.getBoundingClientRect(), g = host.getBoundingClientRect();
    el.style.left = Math.round(r.left - g.left) + "px";
    el.style.top = Math.round(r.bottom - g.top + 2) + "px";
    el.style.display = "block";
  };

  const drawFlags = (gd, box) => {
    const fl = (O.data.flags || {})[box];
    const L = gd._fullLayout;
    let cv = gd.querySelector("canvas.orbit-flags");
    if (!fl || !fl.bits) {
      if (cv) cv.remove();
      gd.removeAttribute("data-orbit-n");
      return;
    }
    const host = gd.querySelector(".gl-container") || gd.querySelector(".svg-container");
    if (!L || !L.xaxis || !L.yaxis || !host || !gd._fullData) return;
    if (!cv || cv.parentNode !== host) {
      if (cv) cv.remove();
      cv = document.createElement("canvas");
      cv.className = "orbit-flags";
      cv.style.cssText = "position:absolute;left:0;top:0;pointer-events:none";
      host.appendChild(cv);
    }
    const dpr = window.devicePixelRatio || 1;
    const w = L.width, h = L.height;
    if (cv.width !== Math.round(w * dpr) || cv.height !== Math.round(h * dpr)) {
      cv.width = Math.round(w * dpr);
      cv.height = Math.round(h * dpr);
      cv.style.width = w + "px";
      cv.style.height = h + "px";
    }
    const xa = L.xaxis, ya = L.yaxis;
    const [x0, x1] = gd.__orbitRange ? gd.__orbitRange.x : xa.range;
    const [y0, y1] = gd.__orbitRange ? gd.__orbitRange.y : ya.range;
    const ctx = cv.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.save();
    ctx.beginPath();
    ctx.rect(xa._offset, ya._offset, xa._length, ya._length);
    ctx.clip();
    ctx.lineWidth = fl.width;
    ctx.strokeStyle = fl.edge;
    ctx.lineJoin = "miter";
    const sx = xa._length / (x1 - x0), sy = ya._length / (y1 - y0);
    const pts = flagged(gd, fl).pts;
    for (const p of pts) {
      const X = xa._offset + (p[0] - x0) * sx, Y = ya._offset + (y1 - p[1]) * sy;
      const rd = 0.65 * p[2] * fl.grow;  // plotly's diamond: 1.3 × the radius
      ctx.beginPath();
      ctx.moveTo(X + rd, Y);
      ctx.lineTo(X, Y + rd);
      ctx.lineTo(X - rd, Y);
      ctx.lineTo(X, Y - rd);
      ctx.closePath();
      ctx.fillStyle = p[3] || "#BBBBBB";
      ctx.fill();
      ctx.stroke();
    }
    ctx.restore();
    cv.setAttribute("data-orbit-marks", String(pts.length));
    gd.setAttribute("data-orbit-n", fl.sig);
  };

  const rangeOf = (ev) => {  // the axes' ranges while a chart is dragged (plotly_relayouting)
    if (!ev) return null;
    const x = [ev["xaxis.range[0]"], ev["xaxis.range[1]"]], y = [ev["yaxis.range[0]"], ev["yaxis.range[1]"]];
    if (x[0] === undefined || y[0] === undefined) return null;
    return { x: x, y: y };
  };

  const scaleText = (gd) => {
    const meta = gd.layout && gd.layout.meta;
    if (!meta || !meta.orbit_text || !gd._fullLayout || !gd._fullLayout.xaxis || !window.Plotly) return;
    const xa = gd._fullLayout.xaxis;
    const perUnit = xa._length / Math.abs(xa.range[1] - xa.range[0]);
    if (!isFinite(perUnit) || perUnit <= 0) return;
    if (gd.__orbitPerUnit && Math.abs(gd.__orbitPerUnit - perUnit) / perUnit < 0.03) return;
    gd.__orbitPerUnit = perUnit;
    const idx = meta.orbit_text.map((t) => t[0]);
    const sizes = meta.orbit_text.map((t) => Math.max(1, t[1] * perUnit));
    window.Plotly.restyle(gd, { "textfont.size": sizes }, idx);
  };

  const group = (box) => {
    const groups = O.data.groups || [];
    for (const g of groups) if (g.indexOf(box) >= 0) return g;
    return [box];
  };

  const pointIndex = (gd) => {
    if (gd.__orbitIndexOf === gd.data) return gd.__orbitIndex;
    const index = new Map();
    (gd.data || []).forEach((tr, i) => {
      if (!tr.customdata || tr.hoverinfo === "skip" || !(tr.mode || "").includes("markers")) return;
      const cd = tr.customdata;
      for (let j = 0; j < cd.length; j++) {
        const id = Array.isArray(cd[j]) ? cd[j][0] : cd[j];
        if (!index.has(id)) index.set(id, { curveNumber: i, pointNumber: j });
      }
    });
    gd.__orbitIndex = index;
    gd.__orbitIndexOf = gd.data;
    return index;
  };

  const bind = (gd, box) => {
    if (O.bound.has(gd)) return;
    O.bound.add(gd);
    gd.on("plotly_click", (ev) => {
      const id = idOf(ev && ev.points && ev.points[0]);
      if (id && O.data.pick !== false) O.setTrigger("pick", { chart: box, id: id, t: Date.now() });
    });
    gd.on("plotly_hover", (ev) => {
      const id = idOf(ev && ev.points && ev.points[0]);
      flagTip(gd, box, id);
      if (O.linking) return;
      if (!id) return;
      O.linking = true;
      try {
        for (const other of group(box)) {
          if (other === box) continue;
          const og = chartOf(other);
          if (!og || !window.Plotly) continue;
          const hit = pointIndex(og).get(id);
          if (hit) { window.Plotly.Fx.hover(og, [hit]); og.setAttribute("data-orbit-hover", id); }
          else { window.Plotly.Fx.unhover(og); og.removeAttribute("data-orbit-hover"); }
        }
      } finally { O.linking = false; }
    });
    gd.on("plotly_unhover", () => {
      flagTip(gd, box, null);
      if (O.linking) return;
      for (const other of group(box)) {
        if (other === box) continue;
        const og = chartOf(other);
        if (og && window.Plotly) { window.Plotly.Fx.unhover(og); og.removeAttribute("data-orbit-hover"); }
      }
    });
    gd.on("plotly_relayout", () => { gd.__orbitRange = null; scaleText(gd); drawFlags(gd, box); });
    gd.on("plotly_relayouting", (ev) => { gd.__orbitRange = rangeOf(ev); drawFlags(gd, box); });
    gd.on("plotly_afterplot", () => {
      gd.__orbitRange = null;
      applyOverlay(gd, box);
      scaleText(gd);
      drawFlags(gd, box);
    });
  };

  const tick = () => {
    for (const box of O.data.charts || []) {
      const gd = chartOf(box);
      if (!gd || !gd.on || !gd.layout) continue;
      bind(gd, box);
      applyOverlay(gd, box);
      scaleText(gd);
      const fl = (O.data.flags || {})[box];
      const drawn = gd.getAttribute("data-orbit-n") || null;
      if ((fl ? fl.sig : null) !== drawn || (fl && !gd.querySelector("canvas.orbit-flags"))) drawFlags(gd, box);
    }
  };
  tick();
  if (!O.timer) O.timer = setInterval(() => { try { tick(); } catch (e) {} }, 200);
}
"""

_COMPONENT = st.components.v2.component("orbit_client", js=_JS, html="<span></span>")


def page(
    *,
    charts: list[str],
    groups: list[list[str]] | None = None,
    overlays: Mapping[str, Mapping] | None = None,
    flags: Mapping[str, Mapping] | None = None,
    keys: bool = False,
    intro_seen: bool = False,
    on_pick: Callable[[], None] | None = None,
    on_key: Callable[[], None] | None = None,
    key: str = "orbit_client",
    known_viewport: Mapping | None = None,
    known_intro: bool | None = None,
):
    """Mount the page script (once per run) for the charts in the containers ``charts``.

    ``groups`` lists charts that show the same units (hover links them);
    ``overlays`` maps a chart's container key to its overlay (``shapes``,
    ``annotations`` and ``sig``, a short text naming what is selected);
    ``flags`` maps a chart's container key to its N's flags
    (:func:`orbit.render.interactive.flags.flag_overlay`), for charts drawn
    with ``flags_apart``; with
    ``keys`` the presenter keys come back as the trigger ``key``;
    ``known_viewport`` and ``known_intro`` are what the app already knows, so
    the page reports only changes (each report reruns). Returns the
    component's result (``viewport``, ``intro_seen``, ``pick``, ``key``).
    """
    data = {
        "charts": list(charts),
        "groups": [list(g) for g in groups or []],
        "overlays": {k: dict(v) for k, v in (overlays or {}).items()},
        "flags": {k: dict(v) for k, v in (flags or {}).items()},
        "keys": bool(keys),
        "intro_seen": bool(intro_seen),
        "known": {"viewport": known_viewport, "intro_seen": known_intro},
    }
    return _COMPONENT(
        key=key,
        data=data,
        default={"viewport": None, "intro_seen": None},
        on_pick_change=on_pick or (lambda: None),
        on_key_change=on_key or (lambda: None),
        on_viewport_change=lambda: None,
        on_intro_seen_change=lambda: None,
        height=0,
        width="stretch",
    )
