/* sitreps situation report.
 * Every value shown comes from the JSON block and is untrusted: the DOM is built with
 * createElement / textContent / setAttribute only, never by parsing markup. */
(function () {
  "use strict";

  const SVG_NS = "http://www.w3.org/2000/svg"; // a namespace name, never fetched
  const DATA = JSON.parse(document.getElementById("sitreps-data").textContent);
  const EVENTS = DATA.events;
  const COLOURS = new Map(DATA.types.map((t) => [t.name, t.colour]));
  const STATUSES = new Set(DATA.statuses);
  const state = { sort: "date", dir: 1, day: null, open: null, opener: null };

  function $(id) { return document.getElementById(id); }

  /** An HTML element with attributes and optional text, all set as plain strings. */
  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function colour(type) { return COLOURS.get(type) || "#7f7f7f"; }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function dayNumber(iso) { return Math.round(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000); }
  function isoDay(n) { return new Date(n * 86400000).toISOString().slice(0, 10); }
  function toll(e) { return Math.max(e.best || 0, e.fatalities || 0); }

  function fatalityText(e) {
    const best = e.best || 0;
    if (e.low === best && e.high === best) return String(best);
    return best + " (" + e.low + "–" + e.high + ")";
  }

  /** Only http(s) URLs may become links; anything else is shown as text. */
  function safeUrl(text) {
    try {
      const url = new URL(text);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (err) {
      return null;
    }
  }

  function describe(e) {
    const where = e.location || "unknown place";
    const n = toll(e);
    return e.date + " · " + e.type + " · " + where + " · " + n + (n === 1 ? " fatality" : " fatalities");
  }

  // ---- header -------------------------------------------------------------

  function renderHeader() {
    const meta = $("meta");
    const reports = new Set(), outlets = new Set();
    for (const e of EVENTS) for (const s of e.sources) { reports.add(s.id); if (s.outlet) outlets.add(s.outlet); }
    const dates = EVENTS.map((e) => e.date).sort();
    const parts = [
      ["Generated ", DATA.generated],
      ["", plural(EVENTS.length, "event")],
      ["", plural(reports.size, "source report") + " from " + plural(outlets.size, "outlet")],
      ["", dates.length ? dates[0] + " – " + dates[dates.length - 1] : "no dates"],
    ];
    parts.forEach(([lead, strong], i) => {
      if (i) meta.append(" · ");
      meta.append(lead, el("strong", {}, strong));
    });
    const legend = $("legend");
    for (const t of DATA.types) {
      const n = EVENTS.filter((e) => e.type === t.name).length;
      const dot = el("span", { class: "swatch", "aria-hidden": "true" });
      dot.style.backgroundColor = t.colour;
      const li = el("li");
      li.append(dot, t.name + " (" + n + ")");
      legend.append(li);
    }
    $("foot").textContent = "Map outlines: " + DATA.outlineSource + ". Made by sitreps; every figure links to its sources and evidence.";
  }

  // ---- map ----------------------------------------------------------------

  function projector(v) {
    return (lon, lat) => [(lon - v.west) / (v.east - v.west) * v.width, (v.north - lat) / (v.north - v.south) * v.height];
  }

  function drawOutlines(map, project) {
    const group = svg("g", { "aria-hidden": "true" });
    for (const country of DATA.outlines) {
      const d = [];
      for (const ring of country.rings) {
        for (let i = 0; i < ring.length; i += 2) {
          const [x, y] = project(ring[i], ring[i + 1]);
          d.push((i ? "L" : "M") + x.toFixed(1) + " " + y.toFixed(1));
        }
        d.push("Z");
      }
      const path = svg("path", { class: "land", d: d.join("") });
      path.append(svg("title", {}, country.name));
      group.append(path);
    }
    map.append(group);
  }

  /** Even-odd test over all rings, so holes and islands both count right. */
  function insideRings(rings, lon, lat) {
    let inside = false;
    for (const r of rings) {
      for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) {
        const [x1, y1, x2, y2] = [r[i], r[i + 1], r[j], r[j + 1]];
        if ((y1 > lat) !== (y2 > lat) && lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1) inside = !inside;
      }
    }
    return inside;
  }

  /** A point of the country inside the view, tried from the middle of their overlap outwards. */
  function labelPoint(country, v) {
    const [w, s, e, n] = country.bbox;
    const west = Math.max(w, v.west), east = Math.min(e, v.east), south = Math.max(s, v.south), north = Math.min(n, v.north);
    if (west >= east || south >= north) return null;
    for (const [fx, fy] of [[0.5, 0.5], [0.3, 0.5], [0.7, 0.5], [0.5, 0.25], [0.5, 0.75], [0.25, 0.25], [0.75, 0.75], [0.25, 0.75], [0.75, 0.25]]) {
      const lon = west + fx * (east - west), lat = south + fy * (north - south);
      if (insideRings(country.rings, lon, lat)) return [lon, lat];
    }
    return null;
  }

  function drawCountryLabels(map, v, project) {
    const g = svg("g", { "aria-hidden": "true" });
    for (const country of DATA.outlines) {
      const at = labelPoint(country, v);
      if (!at) continue;
      const [x, y] = project(at[0], at[1]);
      g.append(svg("text", { class: "country-label", x: x.toFixed(1), y: y.toFixed(1) }, country.name));
    }
    map.append(g);
  }

  function gratStep(extent) {
    for (const s of [0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60]) if (extent / s <= 6) return s;
    return 90;
  }

  function degLabel(v, step, pos, neg) {
    const digits = step < 1 ? (step < 0.25 ? 1 : 2) : 0;
    return Math.abs(v).toFixed(digits).replace(/\.?0+$/, (m) => (m.includes(".") ? "" : m)) + "°" + (v > 0 ? pos : v < 0 ? neg : "");
  }

  function drawGraticule(map, v, project) {
    const g = svg("g", { "aria-hidden": "true" });
    const ticks = (lo, hi, step) => {
      const out = [];
      for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) out.push(Math.round(t * 1e6) / 1e6);
      return out;
    };
    const lonStep = gratStep(v.east - v.west), latStep = gratStep(v.north - v.south);
    for (const lon of ticks(v.west, v.east, lonStep)) {
      const [x] = project(lon, v.north);
      g.append(svg("line", { class: "grat", x1: x, y1: 0, x2: x, y2: v.height }));
      if (x < v.width - 40) g.append(svg("text", { class: "grat-label", x: x + 3, y: v.height - 5 }, degLabel(lon, lonStep, "E", "W")));
    }
    for (const lat of ticks(v.south, v.north, latStep)) {
      const [, y] = project(v.west, lat);
      g.append(svg("line", { class: "grat", x1: 0, y1: y, x2: v.width, y2: y }));
      if (y > 16 && y < v.height - 20) g.append(svg("text", { class: "grat-label", x: 4, y: y - 3 }, degLabel(lat, latStep, "N", "S")));
    }
    map.append(g);
  }

  function drawMarkers(map, project) {
    const mapped = EVENTS.filter((e) => e.place);
    const maxToll = mapped.reduce((m, e) => Math.max(m, toll(e)), 0);
    const dense = mapped.length > 60; // smaller dots keep a crowded map readable
    const rMin = dense ? 4 : 7, rMax = dense ? 14 : 22;
    const taken = new Map(); // several events at one spot fan out so each stays clickable
    const group = svg("g", { class: "markers" });
    mapped.sort((a, b) => toll(b) - toll(a)).forEach((e) => {
      let [x, y] = project(e.place.lon, e.place.lat);
      const key = Math.round(x) + "," + Math.round(y);
      const k = taken.get(key) || 0;
      taken.set(key, k + 1);
      if (k) { x += 8 * Math.sqrt(k) * Math.cos(k * 2.4); y += 8 * Math.sqrt(k) * Math.sin(k * 2.4); }
      const r = maxToll > 0 ? rMin + (rMax - rMin) * Math.sqrt(toll(e) / maxToll) : rMin + 1;
      const dot = svg("circle", { class: "marker", cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1),
        fill: colour(e.type), tabindex: 0, role: "button", "aria-label": describe(e), "data-id": e.id });
      dot.append(svg("title", {}, describe(e)));
      dot.addEventListener("click", () => openPanel(e, dot));
      dot.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); openPanel(e, dot); } });
      e.marker = dot;
      group.append(dot);
    });
    map.append(group);
  }

  function renderMap() {
    const map = $("map"), v = DATA.view;
    if (!v) {
      map.setAttribute("viewBox", "0 0 800 160");
      map.append(svg("text", { class: "empty-label", x: 400, y: 85 }, "No events with coordinates"));
    } else {
      map.setAttribute("viewBox", "0 0 " + v.width + " " + v.height);
      const project = projector(v);
      drawOutlines(map, project);
      drawGraticule(map, v, project);
      drawCountryLabels(map, v, project);
      drawMarkers(map, project);
    }
    const unmapped = EVENTS.filter((e) => !e.place);
    const mappedCount = EVENTS.length - unmapped.length;
    $("map-note").textContent = plural(mappedCount, "event") + " mapped" + (unmapped.length ? ", " + unmapped.length + " not mapped (no coordinates)" : "") + ". Marker size: fatalities (square-root scale).";
    if (!unmapped.length) return;
    $("unmapped-box").hidden = false;
    $("unmapped-summary").textContent = "Not mapped (" + unmapped.length + ")";
    for (const e of unmapped) {
      const b = el("button", { type: "button", class: "linkish" }, describe(e));
      b.addEventListener("click", () => openPanel(e, b));
      const li = el("li");
      li.append(b);
      e.unmappedItem = li;
      $("unmapped").append(li);
    }
  }

  // ---- timeline -------------------------------------------------------------

  function renderTimeline() {
    const tl = $("timeline");
    if (!EVENTS.length) { tl.hidden = true; $("timeline-note").textContent = "No dated events."; return; }
    const numbers = EVENTS.map((e) => dayNumber(e.date));
    const first = numbers.reduce((a, b) => Math.min(a, b)), last = numbers.reduce((a, b) => Math.max(a, b));
    const days = new Map();
    for (const e of EVENTS) {
      const d = dayNumber(e.date);
      if (!days.has(d)) days.set(d, []);
      days.get(d).push(e);
    }
    const W = 420, H = 150, left = 26, bottom = 20, top = 8;
    const n = last - first + 1, bw = (W - left - 4) / n;
    const peak = [...days.values()].reduce((m, list) => Math.max(m, list.length), 0);
    const unit = (H - bottom - top) / peak;
    tl.setAttribute("viewBox", "0 0 " + W + " " + H);
    tl.append(svg("line", { class: "axis", x1: left, y1: H - bottom, x2: W - 2, y2: H - bottom }));
    tl.append(svg("text", { class: "tick", x: left - 4, y: top + 8, "text-anchor": "end" }, peak));
    tl.append(svg("text", { class: "tick", x: left - 4, y: H - bottom, "text-anchor": "end" }, 0));
    for (const [d, list] of [...days.entries()].sort((a, b) => a[0] - b[0])) tl.append(dayBar(d, list, left + (d - first) * bw, bw, H - bottom, unit, H));
    if (n === 1) {
      tl.append(svg("text", { class: "tick", x: left + bw / 2, y: H - 5, "text-anchor": "middle" }, isoDay(first)));
    } else {
      tl.append(svg("text", { class: "tick", x: left, y: H - 5, "text-anchor": "start" }, isoDay(first)));
      tl.append(svg("text", { class: "tick", x: W - 2, y: H - 5, "text-anchor": "end" }, isoDay(last)));
    }
    $("timeline-note").textContent = "Click a day to show only that day; click it again to show all.";
  }

  function dayBar(d, list, x, bw, base, unit, H) {
    const iso = isoDay(d);
    const g = svg("g", { class: "day", tabindex: 0, role: "button", "data-day": iso, "aria-label": iso + ": " + plural(list.length, "event") });
    g.append(svg("title", {}, iso + ": " + plural(list.length, "event")));
    g.append(svg("rect", { class: "hit", x: x, y: 0, width: Math.max(bw, 1), height: H }));
    const gap = bw > 6 ? Math.min(3, bw * 0.15) : 0;
    let y = base;
    for (const t of DATA.types) {
      const k = list.filter((e) => e.type === t.name).length;
      if (!k) continue;
      y -= k * unit;
      g.append(svg("rect", { x: x + gap, y: y, width: Math.max(bw - 2 * gap, 0.8), height: k * unit, fill: t.colour }));
    }
    const pick = () => chooseDay(iso);
    g.addEventListener("click", pick);
    g.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); pick(); } });
    return g;
  }

  function chooseDay(iso) {
    state.day = state.day === iso ? null : iso;
    $("f-from").value = state.day || "";
    $("f-to").value = state.day || "";
    applyFilters();
  }

  // ---- table and filters ----------------------------------------------------

  function cell(text, cls) { return el("td", cls ? { class: cls } : {}, text); }

  function buildRow(e) {
    const tr = el("tr", { tabindex: 0, "data-id": e.id });
    const date = e.dateEnd && e.dateEnd !== e.date ? e.date + " – " + e.dateEnd : e.date;
    const typeCell = el("td");
    const dot = el("span", { class: "type-dot", "aria-hidden": "true" });
    dot.style.backgroundColor = colour(e.type);
    typeCell.append(dot, e.type);
    const status = el("td");
    status.append(el("span", { class: STATUSES.has(e.status) ? "status " + e.status : "status" }, e.status));
    const fat = cell(fatalityText(e), "num");
    fat.title = "best " + e.best + ", low " + e.low + ", high " + e.high + "; coded " + e.fatalities;
    tr.append(cell(date, "date"), typeCell, cell(e.subType), cell(e.actor1), cell(e.actor2),
      cell(e.location || "—"), fat, status, cell(e.sources.length, "num"));
    tr.addEventListener("click", () => openPanel(e, tr));
    tr.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); openPanel(e, tr); } });
    return tr;
  }

  function indexText(e) {
    const place = e.place ? [e.place.name, e.place.admin1, e.place.admin2, e.place.country] : [];
    e.actorsText = [e.actor1, e.actor2, ...e.assoc1, ...e.assoc2, ...e.claimants].join("\n").toLowerCase();
    e.placeText = [e.location, ...place].join("\n").toLowerCase();
    const sources = e.sources.flatMap((s) => [s.outlet, s.title, s.url]);
    const evidence = e.evidence.map((x) => x.before + x.mark + x.after);
    const claims = e.claims.flatMap((c) => [c.speaker, c.cue]);
    e.allText = [e.id, e.type, e.subType, e.status, e.notes, e.actorsText, e.placeText, ...e.tags, ...sources, ...evidence, ...claims].join("\n").toLowerCase();
  }

  function renderTable() {
    const tbody = $("rows");
    for (const e of EVENTS) { indexText(e); e.row = buildRow(e); tbody.append(e.row); }
    const typeSel = $("f-type"), statusSel = $("f-status");
    for (const t of DATA.types) typeSel.append(el("option", { value: t.name }, t.name));
    for (const s of DATA.statuses) statusSel.append(el("option", { value: s }, s));
    for (const th of document.querySelectorAll("th[data-sort]")) {
      th.querySelector("button").addEventListener("click", () => sortBy(th.dataset.sort));
    }
    sortRows();
  }

  function sortBy(key) {
    state.dir = state.sort === key ? -state.dir : key === "fatalities" ? -1 : 1;
    state.sort = key;
    sortRows();
  }

  function sortRows() {
    const sign = state.dir;
    const key = state.sort === "fatalities" ? (e) => toll(e) : (e) => dayNumber(e.date);
    const order = [...EVENTS].sort((a, b) => sign * (key(a) - key(b)) || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const tbody = $("rows");
    for (const e of order) tbody.append(e.row);
    for (const th of document.querySelectorAll("th[data-sort]")) {
      th.setAttribute("aria-sort", th.dataset.sort === state.sort ? (sign > 0 ? "ascending" : "descending") : "none");
    }
  }

  function readFilters() {
    const low = (id) => $(id).value.trim().toLowerCase();
    return { type: $("f-type").value, status: $("f-status").value, actor: low("f-actor"), place: low("f-place"),
      from: $("f-from").value, to: $("f-to").value, text: low("f-text") };
  }

  function matches(e, f) {
    if (f.type && e.type !== f.type) return false;
    if (f.status && e.status !== f.status) return false;
    if (f.actor && !e.actorsText.includes(f.actor)) return false;
    if (f.place && !e.placeText.includes(f.place)) return false;
    if (f.from && (e.dateEnd || e.date) < f.from) return false;
    if (f.to && e.date > f.to) return false;
    if (f.text && !f.text.split(/\s+/).every((w) => e.allText.includes(w))) return false;
    return true;
  }

  function applyFilters() {
    const f = readFilters();
    if (state.day && (f.from !== state.day || f.to !== state.day)) state.day = null;
    let shown = 0;
    for (const e of EVENTS) {
      const ok = matches(e, f);
      shown += ok ? 1 : 0;
      e.row.hidden = !ok;
      if (e.marker) e.marker.classList.toggle("off", !ok);
      if (e.unmappedItem) e.unmappedItem.hidden = !ok;
    }
    for (const g of document.querySelectorAll("#timeline .day")) g.classList.toggle("active", g.dataset.day === state.day);
    $("counter").textContent = shown + " of " + plural(EVENTS.length, "event");
    $("empty-note").hidden = shown > 0;
  }

  function wireFilters() {
    const form = $("filters");
    form.addEventListener("input", applyFilters);
    form.addEventListener("change", applyFilters);
    form.addEventListener("submit", (ev) => ev.preventDefault());
    form.addEventListener("reset", () => { state.day = null; setTimeout(applyFilters, 0); });
  }

  // ---- evidence panel -------------------------------------------------------

  function section(body, title) { body.append(el("h3", {}, title)); }

  function facts(body, e) {
    const dl = el("dl", { class: "facts" });
    const add = (k, v) => { if (v !== "" && v !== null && v !== undefined) dl.append(el("dt", {}, k), el("dd", {}, v)); };
    const p = e.place;
    add("Date", (e.dateEnd && e.dateEnd !== e.date ? e.date + " – " + e.dateEnd : e.date) + " (precision " + e.timePrecision + ")");
    add("Sub-event type", e.subType);
    add("Actor 1", [e.actor1, ...e.assoc1].filter(Boolean).join("; "));
    add("Actor 2", [e.actor2, ...e.assoc2].filter(Boolean).join("; "));
    add("Location", [e.location, p && p.admin2, p && p.admin1, p && p.country].filter(Boolean).join(", ") || "—");
    add("Coordinates", p ? p.lat.toFixed(4) + ", " + p.lon.toFixed(4) + " (geo precision " + e.geoPrecision + ")" : "not mapped");
    add("Claim status", e.status);
    add("Claimants", e.claimants.join("; "));
    add("Tags", e.tags.join(", "));
    add("Event id", e.id);
    body.append(dl);
  }

  function tollBoxes(body, e) {
    section(body, "Fatalities");
    const box = el("div", { class: "toll" });
    for (const [label, v] of [["low", e.low], ["best", e.best], ["high", e.high]]) {
      const d = el("div");
      d.append(el("b", {}, v), el("span", {}, label));
      box.append(d);
    }
    body.append(box, el("p", { class: "note" }, "Coded figure (lowest credible): " + e.fatalities));
  }

  function sourceList(body, e) {
    section(body, "Sources (" + e.sources.length + ")");
    const ul = el("ul", { class: "sources" });
    for (const s of e.sources) {
      const li = el("li");
      li.append(el("strong", {}, s.outlet || "unknown outlet"), " · " + s.date + " — ", el("span", {}, s.title || "(untitled)"));
      const href = s.link ? safeUrl(s.url) : null;
      if (href) {
        li.append(el("br"), el("a", { href: href, target: "_blank", rel: "noopener noreferrer" }, s.url));
      } else if (s.url) {
        li.append(el("br"), el("span", { class: "muted" }, s.url));
      }
      ul.append(li);
    }
    body.append(ul);
  }

  function evidenceList(body, e) {
    section(body, "Evidence (" + e.evidence.length + ")");
    const outlets = new Map(e.sources.map((s) => [s.id, s.outlet || s.id]));
    for (const x of e.evidence) {
      const q = el("blockquote", { class: "evidence" });
      const p = el("p");
      p.append(x.before ? x.before : "", el("mark", {}, x.mark), x.after ? x.after : "");
      const where = (outlets.get(x.article) || x.article) + (x.sentence >= 0 ? ", sentence " + (x.sentence + 1) : "") + " · " + x.extractor;
      q.append(p, el("div", { class: "src" }, where));
      body.append(q);
    }
  }

  function miniTable(body, title, head, rows) {
    if (!rows.length) return;
    section(body, title);
    const t = el("table", { class: "mini" }), tr = el("tr");
    for (const h of head) tr.append(el("th", { scope: "col" }, h));
    const thead = el("thead"), tbody = el("tbody");
    thead.append(tr);
    for (const r of rows) { const row = el("tr"); for (const v of r) row.append(el("td", {}, v)); tbody.append(row); }
    t.append(thead, tbody);
    body.append(t);
  }

  function openPanel(e, opener) {
    const body = $("panel-body");
    body.replaceChildren();
    $("panel-title").textContent = e.type + " — " + e.date + (e.location ? " — " + e.location : "");
    facts(body, e);
    tollBoxes(body, e);
    if (e.notes) { section(body, "Notes"); body.append(el("p", { class: "notes" }, e.notes)); }
    sourceList(body, e);
    evidenceList(body, e);
    miniTable(body, "Claims", ["Speaker", "Cue", "Status", "Subject", "Conflicts with"],
      e.claims.map((c) => [c.speaker + (c.party ? " (party)" : ""), c.cue, c.status, c.subject, c.conflicts.join(", ") || "—"]));
    miniTable(body, "Counts", ["Kind", "Value", "Low–high", "Qualifier", "Side"],
      e.counts.map((c) => [c.kind + (c.kind === "other" && c.unit ? " (" + c.unit + ")" : ""), c.value, c.low + "–" + c.high,
        c.qualifier + (c.shared_by > 1 ? ", a share of a total for " + c.shared_by + " events" : ""), c.side]));
    select(e);
    state.opener = opener || null;
    $("panel").hidden = false;
    body.scrollTop = 0;
    $("panel-close").focus();
  }

  function select(e) {
    for (const x of EVENTS) {
      x.row.classList.toggle("selected", x === e);
      if (x.marker) x.marker.classList.toggle("selected", x === e);
    }
    state.open = e;
  }

  function closePanel() {
    if ($("panel").hidden) return;
    $("panel").hidden = true;
    select(null);
    if (state.opener && document.contains(state.opener)) state.opener.focus();
    state.opener = null;
  }

  function init() {
    renderHeader();
    renderMap();
    renderTimeline();
    renderTable();
    wireFilters();
    $("panel-close").addEventListener("click", closePanel);
    document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") closePanel(); });
    applyFilters();
  }

  init();
})();
