/* paperkg explorer: views, search list and details panel over the GraphStore (explorer-data.js).
 * Written for paperkg; draws with vis-network (inlined from the pyvis package). */
(function () {
  "use strict";
  const t0 = performance.now();
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const S = new window.paperkgStore.GraphStore(data);
  const OV = data.overview;
  const el = (id) => document.getElementById(id);
  const esc = (s) => String(s === null || s === undefined ? "" : s)
    .replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const fmt = (n) => Number(n).toLocaleString("en-US");
  const style = {};
  data.labels.forEach((l) => { style[l.label] = l; });
  const CAP = 40;  // neighbours drawn per expanded node (the rest are listed in the details)
  const inOverview = new Set(OV.nodes.map((n) => n[0]));
  const state = { ready: false, usableMs: null, view: null, history: [], pos: -1, selected: null,
                  hiddenTypes: new Set(), hiddenRels: new Set(), frames: 0 };

  // ---------- the network ----------
  const nodes = new vis.DataSet([]), edges = new vis.DataSet([]);
  const network = new vis.Network(el("graph"), { nodes, edges }, {
    physics: false,
    layout: { improvedLayout: false },
    nodes: {
      scaling: { min: 7, max: 30, label: { enabled: false } },  // label sizes: see declutter()
      font: { size: 13, strokeWidth: 2, strokeColor: "#ffffff", face: "system-ui, sans-serif" },
      borderWidth: 1,
    },
    edges: { smooth: false, width: 1, selectionWidth: 2, hoverWidth: 1.5,
             font: { size: 11, align: "middle", strokeWidth: 3, strokeColor: "#fff" },
             arrows: { to: { enabled: false } } },
    interaction: { hover: true, tooltipDelay: 120, multiselect: false },
  });
  network.on("afterDrawing", () => {
    state.frames++;
    if (!state.ready) { state.ready = true; state.usableMs = Math.round(performance.now()); }
  });

  function short(s, n) { s = String(s); return s.length <= n ? s : s.slice(0, n - 1) + "…"; }
  /** Canvas font size of a node's label: 12 to 40 by its paper count relative to the view's most-used
   *  node (log scale), so the view's hubs are named first at any graph size; a focus centre gets 30. */
  function labelSize(i, level, maxLog) {
    const focus = state.view && state.view.kind === "focus", low = focus ? 17 : 12;  // focus views: fewer, wider-spaced nodes
    if (level === 0) return 30;
    if (S.type(i) === "Paper") return low;
    return low + ((40 - low) * Math.log2(1 + S.papersCount(i))) / Math.max(1, maxLog);
  }
  function maxLog(ids) {
    return ids.reduce((m, i) => (S.type(i) === "Paper" ? m : Math.max(m, Math.log2(1 + S.papersCount(i)))), 1);
  }

  /** Labels by importance and zoom: the most-used nodes first, a label is shown only where it does not
   *  cover one already shown and is at least 8 px on screen, and none is drawn larger than 18 px. */
  const MIN_PX = 8, MAX_PX = 18;
  function declutter() {
    const scale = network.getScale(), ids = nodes.getIds(), pos = network.getPositions(ids);
    const boxes = [], updates = [];
    ids.map((id) => nodes.get(id)).sort((a, b) => b.importance - a.importance).forEach((n) => {
      const px = Math.min(n.baseSize * scale, MAX_PX), size = px / scale, p = pos[n.id];
      const w = n.text.length * size * 0.56, top = p.y + n.radius + 2;
      const box = [p.x - w / 2, top, p.x + w / 2, top + size * 1.25];
      const free = px >= MIN_PX && !n.hidden &&
        !boxes.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]);
      if (free) boxes.push(box);
      const label = free ? n.text : "";
      if (label !== n.label || (free && Math.abs(size - n.fontSize) > 0.5)) {
        updates.push({ id: n.id, label, font: { size }, fontSize: size });
      }
    });
    if (updates.length) nodes.update(updates);
  }
  let declutterTimer = null;
  network.on("zoom", () => { clearTimeout(declutterTimer); declutterTimer = setTimeout(declutter, 120); });

  // importance: nearer hops are labelled first, then the most-used nodes
  function visNode(i, x, y, level, top) {
    const t = S.type(i), st = style[t];
    const big = S.papersCount(i);
    const value = t === "Paper" ? 2 : 2 + Math.log2(1 + big) * 3;
    return { id: i, x, y, label: "", text: short(S.name(i), t === "Paper" ? 28 : 26), baseSize: labelSize(i, level, top),
             importance: level === 0 ? Infinity : value - 50 * level, radius: 7 + value, fontSize: 0, shape: st.shape, color: st.color,
             value, ntype: t, hidden: state.hiddenTypes.has(t),
             title: t + ": " + S.name(i) + (t === "Paper" ? "" : " (" + fmt(big) + " papers)"),
             borderWidth: level === 0 ? 4 : 1 };
  }
  // Canvas cost: dashed lines, arrow heads and transparency each slow every frame of a pan, so a view
  // with many edges draws them solid, opaque (colours pre-lightened) and without arrows.
  const DASH_LIMIT = 600;
  function lighten(hex, k) {
    const n = parseInt(hex.slice(1), 16), ch = (v) => Math.round(v + (255 - v) * k);
    return "rgb(" + ch(n >> 16) + "," + ch((n >> 8) & 255) + "," + ch(n & 255) + ")";
  }
  function visEdge(id, a, b, kind, weight, detailed, title) {
    const c = lighten(kind.color, 0.25);
    return { id, from: a, to: b, rel: kind.rel, color: { color: c, highlight: kind.color, hover: kind.color },
             dashes: detailed && kind.dashes ? [5, 4] : false, width: Math.min(6, Math.round(1 + Math.log2(weight))), title,
             hidden: state.hiddenRels.has(kind.rel), arrows: { to: { enabled: detailed && kind.arrow !== false, scaleFactor: 0.4 } } };
  }

  // ---------- views ----------
  function drawOverview() {
    const kinds = OV.kinds;
    const top = maxLog(OV.nodes.map((n) => n[0]));
    nodes.add(OV.nodes.map(([i, x, y]) => visNode(i, x, y, 1, top)));
    const detailed = OV.edges.length <= DASH_LIMIT;
    edges.add(OV.edges.map(([a, b, k, w], j) => {
      const kind = Object.assign({ arrow: false }, kinds[k]);  // arrow heads cost frames; all point paper -> entity
      const tip = OV.mode === "papers" ? kind.rel + ": " + S.name(a) + " → " + S.name(b)
        : kind.rel + ": " + fmt(w) + " paper" + (w === 1 ? "" : "s") + " name " + S.name(a) + " and " + S.name(b);
      return visEdge("o" + j, a, b, kind, OV.mode === "papers" ? 1 : w, detailed, tip);
    }));
  }

  /** Nodes within depth hops of centre (each node adds at most CAP neighbours, most-used first). */
  function neighbourhood(centre, depth, extra) {
    const level = new Map([[centre, 0]]), parent = new Map();
    let frontier = [centre];
    const grow = (from, lvl) => {
      const cand = S.neighbours(from).map((x) => x[0]).filter((x) => !level.has(x) && !state.hiddenTypes.has(S.type(x)));
      const uniq = Array.from(new Set(cand)).sort((a, b) => S.papersCount(b) - S.papersCount(a) || S.degree(b) - S.degree(a));
      const take = uniq.slice(0, CAP);
      take.forEach((x) => { level.set(x, lvl); parent.set(x, from); });
      return take;
    };
    for (let d = 1; d <= depth; d++) {
      const next = [];
      frontier.forEach((f) => next.push(...grow(f, d)));
      frontier = next;
    }
    (extra || []).forEach((x) => {
      if (!level.has(x)) { level.set(x, depth + 1); parent.set(x, centre); }
      grow(x, (level.get(x) || 0) + 1);
    });
    return { level, parent };
  }

  /** Concentric (elliptic) layout: ring per hop, each node near its parent's angle, rings wide enough for labels. */
  function rings(level, parent) {
    const byLevel = [];
    level.forEach((l, n) => { (byLevel[l] = byLevel[l] || []).push(n); });
    const angle = new Map(), pos = new Map();
    let radius = 0;
    byLevel.forEach((ring, l) => {
      if (!ring) return;
      if (l === 0) { ring.forEach((n) => { angle.set(n, 0); pos.set(n, [0, 0]); }); return; }
      ring.sort((a, b) => (angle.get(parent.get(a)) || 0) - (angle.get(parent.get(b)) || 0) ||
        S.type(a).localeCompare(S.type(b)) || S.papersCount(b) - S.papersCount(a));
      radius = Math.max(radius + 230, (ring.length * 46) / (2 * Math.PI));
      ring.forEach((n, k) => {
        const a = (2 * Math.PI * k) / ring.length - Math.PI / 2 + (l % 2 ? 0 : Math.PI / ring.length);
        angle.set(n, a);
        pos.set(n, [1.7 * radius * Math.cos(a), radius * Math.sin(a)]);  // wide rings: labels sit side by side
      });
    });
    return pos;
  }

  function drawFocus(view) {
    const { level, parent } = neighbourhood(view.centre, view.depth, view.extra);
    const pos = rings(level, parent);
    const top = maxLog(Array.from(level.keys()).filter((n) => n !== view.centre));
    nodes.add(Array.from(level.keys(), (n) => visNode(n, pos.get(n)[0], pos.get(n)[1], level.get(n), top)));
    const list = [];
    let count = 0;
    level.forEach((_, n) => { if (S.type(n) === "Paper") S.neighbours(n).forEach(([x]) => { if (level.has(x)) count++; }); });
    const detailed = count <= DASH_LIMIT;
    level.forEach((_, n) => {
      if (S.type(n) !== "Paper") return;
      S.neighbours(n).forEach(([x, r]) => {
        if (!level.has(x)) return;
        const kind = data.rels[S.rels.indexOf(r)];
        list.push(visEdge(n + ">" + x + ">" + r, n, x, kind, 1, detailed, r + ": " + S.name(n) + " → " + S.name(x)));
      });
    });
    edges.add(list);
    addEvidenceTitles(Array.from(level.keys()).filter((n) => S.type(n) === "Paper"));
    return level.size;
  }

  async function addEvidenceTitles(papers) {
    for (const p of papers.slice(0, 60)) {
      const text = await S.text(p);
      if (!text) continue;
      const full = S.name(p) + "\n\n" + text.abstract;
      text.marks.forEach(([, , s0, s1, node, r]) => {
        const id = p + ">" + node + ">" + S.rels[r];
        if (edges.get(id)) edges.update({ id, title: S.rels[r] + ": " + S.name(p) + " → " + S.name(node) + "\n“" + full.slice(s0, s1) + "”" });
      });
    }
  }

  function render(view) {
    state.view = view;
    nodes.clear(); edges.clear();
    let count;
    if (view.kind === "overview") { drawOverview(); count = OV.nodes.length; }
    else count = drawFocus(view);
    // Many edges: hide them while the user drags or zooms (vis-network redraws every frame of a pan).
    const many = edges.length > DASH_LIMIT;
    network.setOptions({ interaction: { hideEdgesOnDrag: many, hideEdgesOnZoom: many } });
    network.fit({ animation: false });
    network.moveTo({ scale: network.getScale() * 0.88 });  // room for the labels of the outermost nodes
    declutter();
    if (view.kind === "focus") network.selectNodes([view.centre]);
    el("depth").value = String(view.depth || 1);
    el("back").disabled = state.pos <= 0;
    el("forward").disabled = state.pos >= state.history.length - 1;
    el("where").textContent = view.kind === "overview" ? "Overview" :
      "Neighbourhood of " + S.type(view.centre) + " “" + short(S.name(view.centre), 50) + "”, " + view.depth +
      " hop" + (view.depth > 1 ? "s" : "") + (view.extra.length ? " + " + view.extra.length + " expanded" : "") +
      ": " + count + " nodes";
    return count;
  }
  function go(view) {
    state.history = state.history.slice(0, state.pos + 1);
    state.history.push(view);
    state.pos = state.history.length - 1;
    return render(view);
  }
  function back() { if (state.pos > 0) { state.pos--; render(state.history[state.pos]); } }
  function forward() { if (state.pos < state.history.length - 1) { state.pos++; render(state.history[state.pos]); } }
  function focus(i, depth) {
    const d = depth || Number(el("depth").value) || 1;
    const n = go({ kind: "focus", centre: i, depth: d, extra: [] });
    select(i);
    return n;
  }
  function expand(i) {
    const v = state.view;
    if (!v || v.kind !== "focus") return focus(i);
    return go({ kind: "focus", centre: v.centre, depth: v.depth, extra: v.extra.concat([i]) });
  }
  function select(i) {
    state.selected = i;
    window.paperkgDetails.show(S, i, { inOverview: inOverview.has(i) });
  }

  network.on("click", (p) => {
    if (p.nodes.length) focus(p.nodes[0]);
    else if (p.edges.length) window.paperkgDetails.showEdge(S, edges.get(p.edges[0]), OV);
  });
  network.on("hoverEdge", (p) => { const e = edges.get(p.edge); if (e) edges.update({ id: e.id, label: e.rel }); });
  network.on("blurEdge", (p) => { if (edges.get(p.edge)) edges.update({ id: p.edge, label: undefined }); });

  // ---------- controls ----------
  function filters() {
    const types = el("types"), rels = el("rels");
    data.labels.forEach((l) => {
      const shown = OV.shown[l.label] || 0, total = OV.total[l.label] || 0;
      types.insertAdjacentHTML("beforeend", '<label class="row"><input type="checkbox" checked data-type="' + esc(l.label) +
        '"><span class="swatch ' + esc(l.shape) + '" style="background:' + esc(l.color) + '"></span>' + esc(l.label) +
        ' <span class="muted">' + fmt(shown) + " of " + fmt(total) + "</span></label>");
    });
    const kinds = data.rels.concat(OV.mode === "entities" ? OV.kinds : []);
    kinds.forEach((k) => {
      rels.insertAdjacentHTML("beforeend", '<label class="row" title="' + esc(k.description) + '"><input type="checkbox" checked data-rel="' +
        esc(k.rel) + '"><svg width="26" height="8"><line x1="0" y1="4" x2="26" y2="4" stroke="' + esc(k.color) +
        '" stroke-width="2.5"' + (k.dashes ? ' stroke-dasharray="5,3"' : "") + "/></svg>" + esc(k.rel) + "</label>");
    });
    types.addEventListener("change", (ev) => {
      const t = ev.target.dataset.type;
      if (ev.target.checked) state.hiddenTypes.delete(t); else state.hiddenTypes.add(t);
      nodes.update(nodes.get().map((n) => ({ id: n.id, hidden: state.hiddenTypes.has(n.ntype) })));
      declutter();
    });
    rels.addEventListener("change", (ev) => {
      const r = ev.target.dataset.rel;
      if (ev.target.checked) state.hiddenRels.delete(r); else state.hiddenRels.add(r);
      edges.update(edges.get().map((e) => ({ id: e.id, hidden: state.hiddenRels.has(e.rel) })));
    });
  }

  function holds() {
    const tot = OV.total, shown = OV.shown;
    const ents = Object.keys(tot).filter((t) => t !== "Paper").reduce((s, t) => s + tot[t], 0);
    const drawn = OV.nodes.length;
    const P = data.papers;
    let txt = "This page holds the whole graph: " + fmt(tot.Paper || 0) + " papers, " + fmt(ents) + " entities, " +
      fmt(S.results.length) + " stated results. ";
    txt += OV.mode === "entities"
      ? "The overview draws the " + fmt(drawn) + " most-used entities (by number of papers) and the strongest of " +
        fmt(OV.links_total) + " links between them (papers naming both); papers are not drawn. "
      : "The overview draws the " + fmt(drawn - (shown.Paper || 0)) + " most-used entities and " + fmt(shown.Paper || 0) +
        " papers that connect them. ";
    const left = (tot.Paper || 0) + ents - drawn;
    txt += fmt(left) + " nodes are left out of the drawing: search finds them and clicking one draws its neighbourhood. ";
    txt += "Results are listed in the details, not drawn. Abstracts embedded for " + fmt(P.embedded) + " of " + fmt(P.node.length) + " papers.";
    el("holds").textContent = txt;
  }

  function runSearch(q) {
    const hits = S.search(q);
    window.paperkgDetails.matches(S, q, hits, inOverview, el("matches"));
    return hits.map((h) => ({ id: S.id(h.node), node: h.node, type: S.type(h.node), name: S.name(h.node),
                              alias: h.alias, papers: S.papersCount(h.node) }));
  }

  el("search-form").addEventListener("submit", (ev) => { ev.preventDefault(); runSearch(el("search").value); });
  el("back").addEventListener("click", back);
  el("forward").addEventListener("click", forward);
  el("overview").addEventListener("click", () => go({ kind: "overview" }));
  el("depth").addEventListener("change", () => {
    const v = state.view;
    if (v && v.kind === "focus") go({ kind: "focus", centre: v.centre, depth: Number(el("depth").value), extra: v.extra });
  });
  el("expand").addEventListener("click", () => { if (state.selected !== null) expand(state.selected); });
  document.addEventListener("click", (ev) => {
    const a = ev.target.closest("[data-node]");
    if (!a) return;
    ev.preventDefault();
    const i = Number(a.dataset.node);
    if (a.dataset.act === "expand") expand(i); else focus(i);
  });
  (function splitter() {
    const bar = el("splitter"), panel = el("details");
    let x0 = null, w0 = 0;
    bar.addEventListener("mousedown", (ev) => { x0 = ev.clientX; w0 = panel.offsetWidth; ev.preventDefault(); });
    window.addEventListener("mousemove", (ev) => { if (x0 !== null) panel.style.width = Math.max(280, w0 + x0 - ev.clientX) + "px"; });
    window.addEventListener("mouseup", () => { if (x0 !== null) { x0 = null; network.redraw(); } });
  })();

  /** Frames drawn per second while panning the current view for ms milliseconds (benchmark aid). */
  function panFps(ms) {
    return new Promise((resolve) => {
      const start = network.getViewPosition(), scale = network.getScale(), f0 = state.frames, t = performance.now();
      const step = (now) => {
        const k = (now - t) / ms;
        network.moveTo({ position: { x: start.x + 400 * Math.sin(k * 2 * Math.PI), y: start.y + 200 * Math.cos(k * 2 * Math.PI) }, scale });
        if (now - t < ms) requestAnimationFrame(step);
        else resolve(((state.frames - f0) * 1000) / (now - t));
      };
      requestAnimationFrame(step);
    });
  }

  filters();
  holds();
  go({ kind: "overview" });
  setTimeout(() => S.titleKeys(), 1000);  // so that the first search of a big graph does not wait for it
  state.setupMs = Math.round(performance.now() - t0);
  el("status").textContent = "Ready in " + state.setupMs + " ms. Click a node for its neighbourhood; search lists every match.";
  window.paperkg = { network, nodes, edges, state, store: S, search: runSearch, focus, expand, back, forward, select,
                     overview: () => go({ kind: "overview" }), panFps,
                     visibleCount: () => nodes.get({ filter: (n) => !n.hidden }).length };
})();
