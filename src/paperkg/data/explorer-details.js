/* paperkg explorer: the search list and the details panel (written for paperkg). */
(function () {
  "use strict";
  const el = (id) => document.getElementById(id);
  const esc = (s) => String(s === null || s === undefined ? "" : s)
    .replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const fmt = (n) => Number(n).toLocaleString("en-US");
  const LIST = 25;  // items shown before "show all"
  const LONG = 500;  // items listed at most (tables and lists of hubs)

  function link(S, i, text) {
    return '<a href="#" class="node t-' + esc(S.type(i)) + '" data-node="' + i + '" data-id="' + esc(S.id(i)) + '">' +
      esc(text === undefined ? S.name(i) : text) + "</a>";
  }
  function url(u, text) {
    return /^https?:\/\//.test(u) ? '<a href="' + esc(u) + '" target="_blank" rel="noopener" class="ext">' + esc(text || u) + "</a>" : esc(text || u);
  }
  function repoLinks(S, repos) {
    return repos.map((r) => url(S.data.nodes.id[r].includes("/") ? "https://" + S.id(r) : "", S.id(r))).join("<br>");
  }
  function chips(S, nodes, withCount) {
    if (!nodes.length) return '<span class="muted">none</span>';
    const item = (x) => link(S, x.node === undefined ? x : x.node) + (withCount && x.papers !== undefined ? ' <span class="muted">' + x.papers + "</span>" : "");
    const head = nodes.slice(0, LIST).map(item).join(", ");
    if (nodes.length <= LIST) return head;
    const rest = nodes.slice(LIST, LONG);  // a hub has thousands of papers: list the most-used, say how many
    return head + ' <details class="more"><summary>all ' + fmt(nodes.length) + "</summary>" + rest.map(item).join(", ") +
      (nodes.length > LONG ? ' <span class="muted">… and ' + fmt(nodes.length - LONG) + " more</span>" : "") + "</details>";
  }
  function section(title, body, cls) {
    return '<section class="' + (cls || "") + '"><h3>' + esc(title) + "</h3>" + body + "</section>";
  }

  /** A sortable table: cols [{key, label, num, html(row)}]; rows carry data-id for tests. */
  function table(cls, cols, rows, rowId) {
    const id = "t" + Math.random().toString(36).slice(2, 8);
    const body = (rs) => rs.map((r) => "<tr" + (rowId ? ' data-id="' + esc(rowId(r)) + '"' : "") + ">" +
      cols.map((c) => '<td class="' + (c.num ? "num" : "") + (c.cls ? " " + c.cls : "") + '">' + c.html(r) + "</td>").join("") + "</tr>").join("");
    setTimeout(() => {
      const t = document.getElementById(id);
      if (!t) return;
      t.querySelectorAll("th").forEach((th, k) => th.addEventListener("click", () => {
        const c = cols[k], dir = th.dataset.dir === "asc" ? -1 : 1;
        t.querySelectorAll("th").forEach((h) => { delete h.dataset.dir; });
        th.dataset.dir = dir === 1 ? "asc" : "desc";
        const val = (r) => (c.sort ? c.sort(r) : r[c.key]);
        const sorted = rows.slice().sort((a, b) => {
          const x = val(a), y = val(b);
          if (c.num) return dir * ((x === null || x === undefined ? -Infinity : x) - (y === null || y === undefined ? -Infinity : y));
          return dir * String(x).localeCompare(String(y));
        });
        t.tBodies[0].innerHTML = body(sorted);
      }));
    }, 0);
    return '<table id="' + id + '" class="grid ' + cls + '"><thead><tr>' + cols.map((c) => '<th title="sort">' + esc(c.label) + "</th>").join("") +
      "</tr></thead><tbody>" + body(rows) + "</tbody></table>";
  }

  function metricName(S, r) { return r.metricNode >= 0 ? S.name(r.metricNode) : r.metric_name || r.metric || ""; }
  function resultMetric(S, r) { return metricName(S, r) || "(metric not stated)"; }
  function resultMethod(S, r) {
    if (r.methodNode >= 0) return link(S, r.methodNode);
    return r.method ? esc(r.method) : '<span class="muted">(not named)</span>';
  }

  /** A dataset's (or benchmark's) leaderboards as paperkg builds them (the CLI's rows and order): one per
   * metric, absolute levels best first by the metric's direction, then gains, reductions and baselines
   * apart, each with what it is compared to. */
  function leaderboard(S, d) {
    const boards = S.boards(d);
    if (!boards.length) return '<span class="muted">no stated results</span>';
    const common = [
      { key: "m", label: "method", html: (r) => resultMethod(S, r), sort: (r) => (r.methodNode >= 0 ? S.name(r.methodNode) : r.method || "") },
      { key: "value", label: "value", num: true, html: (r) => esc(r.value_text) },
    ];
    const tail = [
      { key: "confidence", label: "conf", num: true, html: (r) => esc(Number(r.confidence || 0).toFixed(2)) },
      { key: "p", label: "paper", html: (r) => link(S, r.paperNode, shortTitle(S.name(r.paperNode))), sort: (r) => S.name(r.paperNode) },
      { key: "sentence", label: "evidence", cls: "ev", html: (r) => '<span title="' + esc(r.sentence) + '">' + esc(r.sentence) + "</span>" },
    ];
    const changeCols = common.concat([
      { key: "kind", label: "kind", html: (r) => esc(r.kind) },
      { key: "comparedTo", label: "compared to", html: (r) => esc(r.comparedTo) },
      { key: "baseline", label: "from", num: true, html: (r) => (r.baseline === null || r.baseline === undefined ? "" : esc(r.baseline)) },
    ], tail);
    return boards.map((b) => {
      const n = b.levels.length + b.changes.length;
      const dir = b.direction ? " · " + b.direction + " is better" : " · direction unknown";
      let h = '<h4 class="metric">' + esc(b.metric || "(metric not stated)") + ' <span class="muted">' + n + " result" + (n > 1 ? "s" : "") + esc(dir) + "</span></h4>";
      if (b.levels.length) h += table("leaderboard levels", common.concat(tail), b.levels, (r) => (r.methodNode >= 0 ? S.id(r.methodNode) : ""));
      if (b.changes.length) h += '<div class="muted">gains, reductions, baselines (not ranked with the levels)</div>' +
        table("leaderboard changes", changeCols, b.changes, (r) => (r.methodNode >= 0 ? S.id(r.methodNode) : ""));
      return h;
    }).join("");
  }
  function shortTitle(t) { return t.length > 40 ? t.slice(0, 39) + "…" : t; }

  function resultsTable(S, all, role) {
    if (!all.length) return '<span class="muted">none stated</span>';
    const rows = all.slice(0, LONG);
    const note = all.length > LONG ? '<div class="muted">first ' + fmt(LONG) + " of " + fmt(all.length) + " results</div>" : "";
    const cols = [
      { key: "value", label: "value", num: true, html: (r) => esc(r.value_text) },
      { key: "mt", label: "metric", html: (r) => (r.metricNode >= 0 ? link(S, r.metricNode) : esc(r.metric || "")), sort: (r) => metricName(S, r) },
    ];
    if (role !== "dataset") cols.push({ key: "d", label: "dataset", html: (r) => (r.datasetNode >= 0 ? link(S, r.datasetNode) : ""), sort: (r) => (r.datasetNode >= 0 ? S.name(r.datasetNode) : "") });
    if (role !== "method") cols.push({ key: "m", label: "method", html: (r) => resultMethod(S, r), sort: (r) => (r.methodNode >= 0 ? S.name(r.methodNode) : "") });
    if (role !== "paper") cols.push({ key: "p", label: "paper", html: (r) => link(S, r.paperNode, shortTitle(S.name(r.paperNode))), sort: (r) => S.name(r.paperNode) });
    cols.push({ key: "sentence", label: "evidence", cls: "ev", html: (r) => '<span title="' + esc(r.sentence) + '">' + esc(r.sentence) + "</span>" });
    return note + table("results", cols, rows, null);
  }

  function header(S, i, opts) {
    const t = S.type(i), N = S.data.nodes;
    let h = '<div class="kind t-' + esc(t) + '">' + esc(t) + "</div><h2>" + esc(S.name(i)) + "</h2>";
    if (N.alias[i]) h += '<div class="aliases">also: ' + esc(N.alias[i]) + "</div>";
    if (t !== "Paper") h += '<div class="muted">' + fmt(S.papersCount(i)) + " papers · id " + esc(S.id(i)) + "</div>";
    h += '<div class="acts"><button data-node="' + i + '">Focus</button> <button data-node="' + i + '" data-act="expand">Expand +1 hop</button>' +
      (opts.inOverview ? "" : ' <span class="muted">not in the overview</span>') + "</div>";
    return h;
  }

  function paperBody(S, p) {
    const P = S.data.papers, k = S.paperOf[p], L = S.paperLinks(p);
    let h = '<div class="meta" id="authors">' + esc(P.authors[k] || "") + "</div>";
    h += '<div class="meta">' + [P.date[k], P.venue[k]].filter(Boolean).map(esc).join(" · ") + "</div>";
    const links = [];
    if (P.url[k]) links.push(url(P.url[k], "paper"));
    (L.HAS_CODE || []).forEach((r) => links.push(url("https://" + S.id(r), "code: " + S.id(r))));
    h += '<div class="links">' + (links.join(" · ") || '<span class="muted">no paper or code link</span>') + "</div>";
    h += section("Proposes", chips(S, L.PROPOSES || []), "proposes");
    h += section("Code", (L.HAS_CODE || []).length ? repoLinks(S, L.HAS_CODE) : '<span class="muted">no repository linked</span>', "code");
    h += section("Uses", chips(S, L.USES || []), "uses");
    h += section("Evaluated on", chips(S, L.EVALUATED_ON || []), "evaluated");
    h += section("Tasks", chips(S, L.ADDRESSES || []), "tasks");
    h += section("Metrics", chips(S, L.REPORTS || []), "metrics");
    h += section("Results", resultsTable(S, S.resultsAs(p, "paperNode"), "paper"), "results");
    h += section("Abstract", '<div id="abstract" class="abstract muted">loading…</div>', "abstract-sec");
    return h;
  }

  async function fillAbstract(S, p) {
    const text = await S.text(p);
    const box = el("abstract");
    if (!box || Number(box.dataset.paper || p) !== p) return;
    if (!text) { box.textContent = "The abstract is not embedded in this page (large build)."; return; }
    if (text.authors) el("authors").textContent = text.authors;
    const off = S.name(p).length + 2, abs = text.abstract;
    const marks = text.marks.filter((m) => m[0] >= off).sort((a, b) => a[0] - b[0]);
    let out = "", at = 0;
    marks.forEach(([s, e, , , node, r]) => {
      const a = s - off, b = e - off;
      if (a < at || b > abs.length) return;
      out += esc(abs.slice(at, a)) + '<a href="#" class="hl t-' + esc(S.type(node)) + '" data-node="' + node + '" title="' +
        esc(S.type(node) + " · " + S.rels[r]) + '">' + esc(abs.slice(a, b)) + "</a>";
      at = b;
    });
    box.innerHTML = out + esc(abs.slice(at));
    box.classList.remove("muted");
  }

  function methodBody(S, m) {
    const proposing = S.papersOf(m, ["PROPOSES"]), using = S.papersOf(m, ["USES"]);
    let h = section("Code", S.codeOf(m).length ? repoLinks(S, S.codeOf(m)) : '<span class="muted">no repository linked by a proposing paper</span>', "code");
    h += section("Datasets and benchmarks", datasetTable(S, S.datasetsOf(m)), "datasets");
    h += section("Results", resultsTable(S, S.resultsAs(m, "methodNode"), "method"), "results");
    h += section("Tasks", chips(S, S.related(m, "Task"), true), "tasks");
    h += section("Metrics", chips(S, S.related(m, "Metric"), true), "metrics");
    h += section("Proposed by (" + proposing.length + ")", chips(S, proposing), "papers");
    h += section("Used by (" + using.length + ")", chips(S, using), "papers");
    return h;
  }
  function datasetTable(S, rows) {
    if (!rows.length) return '<span class="muted">none</span>';
    const cols = [
      { key: "n", label: "dataset / benchmark", html: (r) => link(S, r.node) + ' <span class="muted">' + esc(S.type(r.node)) + "</span>", sort: (r) => S.name(r.node) },
      { key: "papers", label: "papers", num: true, html: (r) => fmt(r.papers) },
    ];
    return table("datasets", cols, rows, (r) => S.id(r.node));
  }

  function datasetBody(S, d) {
    const methods = S.methodsOn(d);
    const cols = [
      { key: "n", label: "method", html: (r) => link(S, r.node), sort: (r) => S.name(r.node) },
      { key: "papers", label: "papers", num: true, html: (r) => fmt(r.papers) },
      { key: "best", label: "results here", html: (r) => S.resultsAs(d, "datasetNode").filter((x) => x.methodNode === r.node)
          .map((x) => esc(x.value_text) + (x.metricNode >= 0 ? " " + esc(S.name(x.metricNode)) : "")).join("; ") },
      { key: "c", label: "code", cls: "code", html: (r) => repoLinks(S, r.code), sort: (r) => r.code.length ? 0 : 1 },
    ];
    let h = section("Leaderboard (stated results, by metric)", leaderboard(S, d), "leaderboard-sec");
    h += section("Methods evaluated on it (" + methods.length + ")", methods.length ? table("methods", cols, methods, (r) => S.id(r.node)) : '<span class="muted">none</span>', "methods-sec");
    h += section("Tasks", chips(S, S.related(d, "Task"), true), "tasks");
    h += section("Proposed by", chips(S, S.papersOf(d, ["PROPOSES"])), "papers");
    const papers = S.papersOf(d);
    h += section("Papers (" + papers.length + ")", chips(S, papers), "papers");
    return h;
  }

  function entityBody(S, e) {
    let h = "";
    ["Method", "Dataset", "Benchmark", "Task", "Metric"].forEach((t) => {
      if (t !== S.type(e)) h += section(t + "s named with it", chips(S, S.related(e, t), true), t.toLowerCase());
    });
    if (S.type(e) === "Repository") h = section("Link", url("https://" + S.id(e)), "code") + h;
    const papers = S.papersOf(e);
    h += section("Papers (" + papers.length + ")", chips(S, papers), "papers");
    if (S.type(e) === "Metric") h += section("Results", resultsTable(S, S.resultsAs(e, "metricNode"), "metric"), "results");
    return h;
  }

  function show(S, i, opts) {
    const t = S.type(i);
    const body = t === "Paper" ? paperBody(S, i) : t === "Method" ? methodBody(S, i)
      : t === "Dataset" || t === "Benchmark" ? datasetBody(S, i) : entityBody(S, i);
    const box = el("details");
    box.innerHTML = header(S, i, opts) + body;
    box.dataset.shown = String(i);  // not data-node: a click anywhere in the panel would refocus
    box.scrollTop = 0;
    if (t === "Paper") { el("abstract").dataset.paper = String(i); fillAbstract(S, i); }
  }

  async function showEdge(S, e, OV) {
    const box = el("details");
    if (!e) return;
    let h = '<div class="kind">' + esc(e.rel) + "</div><h2>" + link(S, e.from) + " → " + link(S, e.to) + "</h2>";
    if (typeof e.id === "string" && e.id[0] === "o" && OV.mode === "entities") {
      const a = new Set(S.papersOf(e.from)), both = S.papersOf(e.to).filter((p) => a.has(p));
      h += section("Papers naming both (" + both.length + ")", chips(S, both));
    } else {
      h += '<div class="evidence">' + esc(e.title || "") + "</div>";
    }
    box.innerHTML = h;
  }

  function matches(S, q, hits, inOverview, box) {
    if (!hits.length) {
      box.innerHTML = '<div class="notfound">Not found: no name, alias or title matches “' + esc(q) + "” (normalised: “" +
        esc(window.paperkgStore.nameKey(q)) + "”).</div>";
      return;
    }
    const by = new Map();
    hits.forEach((h) => { const t = S.type(h.node); if (!by.has(t)) by.set(t, []); by.get(t).push(h); });
    const order = S.labels.filter((t) => by.has(t) && t !== "Paper").concat(by.has("Paper") ? ["Paper"] : []);
    box.innerHTML = '<div class="muted">' + fmt(hits.length) + " match" + (hits.length > 1 ? "es" : "") + "</div>" + order.map((t) => {
      const hs = by.get(t);
      const item = (h) => '<li><a href="#" class="match t-' + esc(t) + '" data-node="' + h.node + '" data-id="' + esc(S.id(h.node)) + '">' +
        esc(S.name(h.node)) + "</a>" + (h.alias ? ' <span class="muted">as “' + esc(h.alias) + "”</span>" : "") +
        ' <span class="muted">' + (t === "Paper" ? esc(S.data.papers.date[S.paperOf[h.node]] || "") : fmt(S.papersCount(h.node)) + " papers") +
        (inOverview.has(h.node) ? "" : " · not in overview") + "</span></li>";
      return '<div class="mgroup"><b>' + esc(t) + "</b> (" + fmt(hs.length) + ')<ul>' + hs.slice(0, 30).map(item).join("") +
        (hs.length > 30 ? '<li><details class="more"><summary>' + fmt(hs.length - 30) + " more</summary><ul>" + hs.slice(30, 300).map(item).join("") + "</ul></details></li>" : "") +
        "</ul></div>";
    }).join("");
  }

  window.paperkgDetails = { show, showEdge, matches };
})();
