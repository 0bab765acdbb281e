/* paperkg explorer: the graph store (written for paperkg; no third-party code).
 * Reads the JSON that paperkg/export/html/store.py embeds: column arrays of nodes, a flat array of
 * paper -> entity edges, result rows and compressed abstracts. Builds a CSR adjacency, answers the
 * questions the details panel shows (a dataset's methods and leaderboard, a method's datasets and
 * code, a paper's entities) and searches names with the same normalisation as paperkg.names.name_key.
 */
"use strict";

// Mirror of paperkg.names.name_key (a test checks that both give the same keys).
function nameKey(name) {
  let t = String(name).normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
  t = t.replace(/[\s\x1c-\x1f\-_/]+/g, " ");
  t = t.replace(/[^a-z0-9. ]+/g, "").replace(/^[ .]+|[ .]+$/g, "");
  t = t.replace(/([a-z]) (?=\d)/g, "$1");
  // the plural ending, as names._singular
  if (t.length > 4 && t.endsWith("ies")) return t.slice(0, -3) + "y";
  if (t.length > 4 && /(sses|xes|ches|shes)$/.test(t)) return t.slice(0, -2);
  if (t.length > 3 && t.endsWith("s") && !/(ss|us|is)$/.test(t)) return t.slice(0, -1);
  return t;
}

function GraphStore(data) {
  const N = data.nodes;
  this.data = data;
  this.labels = data.labels.map((l) => l.label);
  this.rels = data.rels.map((r) => r.rel);
  this.size = N.id.length;
  this.byId = new Map(N.id.map((id, i) => [id, i]));
  this.paperType = this.labels.indexOf("Paper");
  this._buildAdjacency(data.edges);
  this._buildPapers(data.papers);
  this._buildResults(data.results);
  this._buildBoards(data.boards || []);
  this._chunks = new Map();
  this._titleKeys = null;
}

GraphStore.prototype._buildAdjacency = function (flat) {
  const n = this.size, m = flat.length / 3;
  const deg = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) { deg[flat[3 * e]]++; deg[flat[3 * e + 1]]++; }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + deg[i];
  const fill = start.slice(0, n);
  const nbr = new Int32Array(2 * m), rel = new Uint8Array(2 * m);
  for (let e = 0; e < m; e++) {
    const a = flat[3 * e], b = flat[3 * e + 1], r = flat[3 * e + 2];
    nbr[fill[a]] = b; rel[fill[a]++] = r;
    nbr[fill[b]] = a; rel[fill[b]++] = r;
  }
  this.start = start; this.nbr = nbr; this.rel = rel;
};

GraphStore.prototype._buildPapers = function (P) {
  this.paperOf = new Int32Array(this.size).fill(-1);
  P.node.forEach((node, i) => { this.paperOf[node] = i; });
};

GraphStore.prototype._buildResults = function (R) {
  this.resultFields = ["paperNode", "datasetNode", "methodNode", "metricNode"].concat(R.fields);
  this.results = R.rows.map((row) => {
    const o = {};
    this.resultFields.forEach((f, i) => { o[f] = row[i]; });
    return o;
  });
  this.resultsOf = new Map();
  this.results.forEach((r, i) => {
    [r.paperNode, r.datasetNode, r.methodNode, r.metricNode].forEach((n) => {
      if (n >= 0) { if (!this.resultsOf.has(n)) this.resultsOf.set(n, []); this.resultsOf.get(n).push(i); }
    });
  });
};

/** The leaderboards as paperkg.leaderboard builds them: per dataset node, [{metric, direction,
 * levels: result rows best first, changes: [{row, comparedTo}]}], the metric with the most results first. */
GraphStore.prototype._buildBoards = function (B) {
  this.boardsOf = new Map();
  B.forEach(([d, metric, direction, levels, changes]) => {
    if (!this.boardsOf.has(d)) this.boardsOf.set(d, []);
    this.boardsOf.get(d).push({
      metric, direction,
      levels: levels.map((ri) => this.results[ri]),
      changes: changes.map(([ri, comparedTo]) => Object.assign({ comparedTo }, this.results[ri])),
    });
  });
};
GraphStore.prototype.boards = function (d) { return this.boardsOf.get(d) || []; };

GraphStore.prototype.type = function (i) { return this.labels[this.data.nodes.t[i]]; };
GraphStore.prototype.name = function (i) { return this.data.nodes.name[i]; };
GraphStore.prototype.id = function (i) { return this.data.nodes.id[i]; };
GraphStore.prototype.papersCount = function (i) {
  return this.type(i) === "Paper" ? 1 : (this.data.nodes.n[i] || this.degree(i));
};
GraphStore.prototype.degree = function (i) { return this.start[i + 1] - this.start[i]; };

/** Neighbours of node i as [node, relName] pairs, optionally only some relationship types. */
GraphStore.prototype.neighbours = function (i, rels) {
  const out = [];
  for (let k = this.start[i]; k < this.start[i + 1]; k++) {
    const r = this.rels[this.rel[k]];
    if (!rels || rels.includes(r)) out.push([this.nbr[k], r]);
  }
  return out;
};

/** Entities a paper links, grouped by relationship name. */
GraphStore.prototype.paperLinks = function (p) {
  const by = {};
  this.neighbours(p).forEach(([n, r]) => { (by[r] = by[r] || []).push(n); });
  return by;
};

/** Papers linking entity e by one of rels (all when rels is omitted). */
GraphStore.prototype.papersOf = function (e, rels) {
  return Array.from(new Set(this.neighbours(e, rels).map((x) => x[0])));
};

/** Repositories linked by papers that propose method m: the method's code. */
GraphStore.prototype.codeOf = function (m) {
  const repos = new Set();
  this.papersOf(m, ["PROPOSES"]).forEach((p) => this.neighbours(p, ["HAS_CODE"]).forEach(([r]) => repos.add(r)));
  return Array.from(repos);
};

function countInto(map, key, paper) {
  if (!map.has(key)) map.set(key, new Set());
  if (paper !== undefined) map.get(key).add(paper);
}

/** Methods evaluated on dataset d: named by papers that evaluate on or use d, or in a result on d. */
GraphStore.prototype.methodsOn = function (d) {
  const methods = new Map();
  this.papersOf(d, ["EVALUATED_ON", "USES"]).forEach((p) => {
    this.neighbours(p, ["PROPOSES", "USES"]).forEach(([m]) => {
      if (this.type(m) === "Method") countInto(methods, m, p);
    });
  });
  (this.resultsOf.get(d) || []).forEach((ri) => {
    const r = this.results[ri];
    if (r.datasetNode === d && r.methodNode >= 0) countInto(methods, r.methodNode, r.paperNode);
  });
  return Array.from(methods, ([m, papers]) => ({ node: m, papers: papers.size, code: this.codeOf(m) }))
    .sort((a, b) => b.papers - a.papers || this.name(a.node).localeCompare(this.name(b.node)));
};

/** Datasets and benchmarks of method m: named by papers proposing or using m, or in m's results. */
GraphStore.prototype.datasetsOf = function (m) {
  const data = new Map();
  this.papersOf(m, ["PROPOSES", "USES"]).forEach((p) => {
    this.neighbours(p, ["USES", "EVALUATED_ON", "PROPOSES"]).forEach(([d]) => {
      const t = this.type(d);
      if (t === "Dataset" || t === "Benchmark") countInto(data, d, p);
    });
  });
  (this.resultsOf.get(m) || []).forEach((ri) => {
    const r = this.results[ri];
    if (r.methodNode === m && r.datasetNode >= 0) countInto(data, r.datasetNode, r.paperNode);
  });
  return Array.from(data, ([d, papers]) => ({ node: d, papers: papers.size }))
    .sort((a, b) => b.papers - a.papers || this.name(a.node).localeCompare(this.name(b.node)));
};

/** Entities of one type named by the papers of entity e, with paper counts. */
GraphStore.prototype.related = function (e, type) {
  const out = new Map();
  this.papersOf(e).forEach((p) => {
    if (this.type(p) !== "Paper") return;
    this.neighbours(p).forEach(([x]) => { if (x !== e && this.type(x) === type) countInto(out, x, p); });
  });
  return Array.from(out, ([x, ps]) => ({ node: x, papers: ps.size })).sort((a, b) => b.papers - a.papers);
};

/** Result rows of node i in the given role ("datasetNode", "methodNode", "paperNode", "metricNode"). */
GraphStore.prototype.resultsAs = function (i, role) {
  return (this.resultsOf.get(i) || []).map((ri) => this.results[ri]).filter((r) => r[role] === i);
};

/** The paper's abstract, full authors and mention marks (decompressed on demand), or null. */
GraphStore.prototype.text = async function (p) {
  const P = this.data.papers, k = this.paperOf[p];
  if (k < 0 || P.chunk[k] < 0) return null;
  const c = P.chunk[k];
  if (!this._chunks.has(c)) this._chunks.set(c, inflate(P.chunks[c]));
  const rows = await this._chunks.get(c);
  const [abstract, authors, marks] = rows[k % P.chunk_size];
  return { abstract, authors, marks };
};

async function inflate(b64) {
  const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text());
}

/** Every node whose name or alias matches q (normalised), best first, grouped later by type. */
GraphStore.prototype.search = function (q, limit) {
  const key = nameKey(q), tight = key.replace(/ /g, "");
  if (!key) return [];
  const N = this.data.nodes, hits = [];
  const score = (k) => {
    if (k === key) return 0;
    const kt = k.replace(/ /g, "");
    if (kt === tight) return 1;
    if (k.startsWith(key) || kt.startsWith(tight)) return 2;
    if (k.includes(" " + key)) return 3;
    if (tight.length >= 3 && kt.includes(tight)) return 4;
    return 9;
  };
  for (let i = 0; i < this.size; i++) {
    const keys = N.key[i];
    if (!keys) continue;
    let best = 9, via = "";
    const list = keys.split("|");
    for (let j = 0; j < list.length; j++) {
      const s = score(list[j]);
      if (s < best) { best = s; via = j; }
    }
    if (best < 9) hits.push({ node: i, score: best, alias: via > 0 ? this._aliasFor(i, list[via]) : "" });
  }
  this.titleKeys().forEach(([p, k]) => {
    if (k === key) hits.push({ node: p, score: 0, alias: "" });
    else if (key.length >= 3 && k.includes(key)) hits.push({ node: p, score: k.startsWith(key) ? 2 : 4, alias: "" });
  });
  hits.sort((a, b) => a.score - b.score || this.papersCount(b.node) - this.papersCount(a.node) || a.node - b.node);
  return limit ? hits.slice(0, limit) : hits;
};

/** Normalised paper titles (built once; the page builds them while idle after it opens). */
GraphStore.prototype.titleKeys = function () {
  if (!this._titleKeys) this._titleKeys = this.data.papers.node.map((p) => [p, nameKey(this.name(p))]);
  return this._titleKeys;
};

GraphStore.prototype._aliasFor = function (i, key) {
  const found = this.data.nodes.alias[i].split(" | ").find((a) => nameKey(a) === key);
  return found || key;
};

window.paperkgStore = { GraphStore, nameKey };
