// marsad dashboard. Article text and every other value from the API is untrusted: it only ever
// becomes text nodes (textContent / createTextNode) or attribute values set one by one, never
// HTML (no innerHTML, insertAdjacentHTML, document.write). Links from data are http(s) only.
"use strict";
(() => {
  const API_FIELDS = ["date_from", "date_to", "country", "admin1", "event_type", "actor", "source", "disputed", "q"];
  const PAGE = 50;
  const MAP_LIMIT = 5000;
  const SVGNS = "http://www.w3.org/2000/svg";
  const INTER = { 1: "state forces", 2: "rebel group", 3: "political militia", 4: "identity militia", 5: "rioters",
                  6: "protesters", 7: "civilians", 8: "external/other" };
  const PRECISION = { 1: "day", 2: "week", 3: "month" };
  const GEO_PRECISION = { 1: "the place itself", 2: "near the place", 3: "region / province" };

  const $ = (sel, root = document) => root.querySelector(sel);

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    setAttrs(e, attrs);
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }
  function svg(tag, attrs) {
    const e = document.createElementNS(SVGNS, tag);
    setAttrs(e, attrs);
    return e;
  }
  function setAttrs(e, attrs) {
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") e.textContent = String(v);
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, String(v));
    }
  }
  function safeUrl(u) {
    try {
      const url = new URL(String(u), location.href);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (_) { return null; }
  }
  function showError(msg) {
    const box = $("#error");
    box.textContent = msg || "";
    box.hidden = !msg;
  }
  async function api(path, params) {
    const qs = params ? "?" + params.toString() : "";
    const r = await fetch(path + qs, { headers: { Accept: "application/json" } });
    if (!r.ok) {
      let detail = r.statusText;
      try { const j = await r.json(); detail = typeof j.detail === "string" ? j.detail : JSON.stringify(j.detail); } catch (_) { /* */ }
      throw new Error(`${path}: ${r.status} ${detail}`);
    }
    return r.json();
  }
  const actorName = (a) => (a ? a.name || a.text || "" : "");
  const placeName = (l) => (l ? [l.name || l.text, l.admin1, l.country].filter(Boolean).join(", ") : "");

  // -- routing: #/?filters or #/event/ID ------------------------------------------------------
  function route() {
    showError("");
    const h = location.hash || "#/";
    const m = h.match(/^#\/event\/(.+)$/);
    if (m) {
      $("#overview").hidden = true;
      $("#filters").hidden = true;
      $("#event-view").hidden = false;
      showEvent(decodeURIComponent(m[1])).catch((e) => showError(e.message));
    } else {
      $("#overview").hidden = false;
      $("#filters").hidden = false;
      $("#event-view").hidden = true;
      const params = new URLSearchParams(h.replace(/^#\/?\??/, ""));
      showOverview(params).catch((e) => showError(e.message));
    }
  }
  function filterParams(params) {
    const out = new URLSearchParams();
    for (const k of API_FIELDS) { const v = params.get(k); if (v) out.set(k, v); }
    return out;
  }
  function go(params) {
    const s = params.toString();
    location.hash = s ? "#/?" + s : "#/";
  }

  // -- filters ---------------------------------------------------------------------------------
  let facetsLoaded = null;
  function loadFacets() {
    if (!facetsLoaded) {
      facetsLoaded = api("/facets").then((f) => {
        const country = $("#filters [name=country]");
        for (const c of f.countries) country.append(new Option(`${c.value} (${c.count})`, c.value));
        const type = $("#filters [name=event_type]");
        for (const t of f.event_types) type.append(new Option(`${t.value} (${t.count})`, t.value));
        const admin1 = $("#admin1-list");
        for (const a of f.admin1) admin1.append(el("option", { value: a.value }));
        return f;
      });
    }
    return facetsLoaded;
  }
  function fillForm(params) {
    const form = $("#filters");
    for (const k of API_FIELDS) { if (form.elements[k]) form.elements[k].value = params.get(k) || ""; }
  }
  $("#filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const form = ev.target;
    const p = new URLSearchParams();
    for (const k of API_FIELDS) { const v = (form.elements[k].value || "").trim(); if (v) p.set(k, v); }
    go(p);
  });
  $("#reset").addEventListener("click", () => { $("#filters").reset(); go(new URLSearchParams()); });

  // -- overview --------------------------------------------------------------------------------
  let current = new URLSearchParams();
  async function showOverview(params) {
    current = params;
    const facets = await loadFacets();
    fillForm(params);
    const f = filterParams(params);
    const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
    const listParams = new URLSearchParams(f);
    listParams.set("limit", PAGE);
    listParams.set("offset", offset);
    const geoParams = new URLSearchParams(f);
    geoParams.set("limit", MAP_LIMIT);
    const [page, timeline, geo] = await Promise.all([
      api("/events", listParams), api("/timeline", f), api("/events.geojson", geoParams)]);
    renderList(page, offset);
    renderTimeline(timeline);
    renderMap(geo, facets);
  }

  function renderList(page, offset) {
    const body = $("#events tbody");
    body.replaceChildren();
    $("#list-count").textContent = `${page.total} event${page.total === 1 ? "" : "s"}`;
    for (const e of page.items) {
      const href = "#/event/" + encodeURIComponent(e.id);
      const row = el("tr", { "data-id": e.id, onclick: () => { location.hash = href; } },
        el("td", {}, el("a", { class: "event-link", href }, e.date || "undated")),
        el("td", {}, e.event_type, el("div", { class: "sub" }, e.sub_event_type)),
        el("td", {}, el("span", { dir: "auto" }, placeName(e.location))),
        el("td", {}, el("span", { dir: "auto" }, actorName(e.actor1)),
          e.actor2 ? el("div", { class: "sub", dir: "auto" }, "vs " + actorName(e.actor2)) : null),
        el("td", {}, String(e.fatalities ?? 0)),
        el("td", {}, String((e.claims || []).length), e.disputed ? " " : null,
          e.disputed ? el("span", { class: "badge disputed" }, "disputed") : null),
        el("td", {}, el("span", { dir: "auto", class: "ar" }, (e.article && (e.article.title || e.article.doc_id)) || "")));
      body.append(row);
    }
    if (!page.items.length) body.append(el("tr", {}, el("td", { colspan: 7, class: "notice" }, "No event matches.")));
    const pages = Math.max(1, Math.ceil(page.total / PAGE));
    $("#page-info").textContent = `page ${Math.floor(offset / PAGE) + 1} of ${pages}`;
    $("#prev").disabled = offset <= 0;
    $("#next").disabled = offset + PAGE >= page.total;
  }
  function page(delta) {
    const p = new URLSearchParams(current);
    const offset = Math.max(0, (parseInt(p.get("offset") || "0", 10) || 0) + delta * PAGE);
    if (offset) p.set("offset", offset); else p.delete("offset");
    go(p);
  }
  $("#prev").addEventListener("click", () => page(-1));
  $("#next").addEventListener("click", () => page(1));

  // -- timeline --------------------------------------------------------------------------------
  function renderTimeline(buckets) {
    const box = $("#timeline");
    const W = Math.max(200, box.clientWidth || 400), H = Math.max(120, box.clientHeight || 200);
    box.setAttribute("viewBox", `0 0 ${W} ${H}`);
    box.replaceChildren();
    $("#timeline-note").textContent = buckets.length ? `${buckets[0].period} – ${buckets[buckets.length - 1].period}` : "no dated event";
    if (!buckets.length) return;
    // one bar per calendar day between the first and the last (empty days included)
    const counts = new Map(buckets.map((b) => [b.period, b.count]));
    const days = [];
    const start = new Date(buckets[0].period + "T00:00:00Z"), end = new Date(buckets[buckets.length - 1].period + "T00:00:00Z");
    if (isNaN(start) || isNaN(end) || (end - start) / 864e5 > 2000) {
      for (const b of buckets) days.push(b.period);
    } else {
      for (let d = start; d <= end; d = new Date(d.getTime() + 864e5)) days.push(d.toISOString().slice(0, 10));
    }
    const max = Math.max(...buckets.map((b) => b.count));
    const left = 30, bottom = 20, top = 8;
    const bw = (W - left - 4) / days.length;
    days.forEach((day, i) => {
      const n = counts.get(day) || 0;
      if (!n) return;
      const h = ((H - bottom - top) * n) / max;
      const bar = svg("rect", { class: "bar", x: left + i * bw + 0.5, y: H - bottom - h, width: Math.max(1, bw - 1), height: h,
                                "data-day": day });
      const title = svg("title");
      title.textContent = `${day}: ${n} event${n === 1 ? "" : "s"}`;
      bar.append(title);
      bar.addEventListener("click", () => {
        const p = filterParams(current);
        p.set("date_from", day);
        p.set("date_to", day);
        go(p);
      });
      box.append(bar);
    });
    const label = (x, y, text, anchor) => {
      const t = svg("text", { class: "axis", x, y, "text-anchor": anchor });
      t.textContent = text;
      box.append(t);
    };
    label(left, H - 5, days[0], "start");
    if (days.length > 1) label(W - 4, H - 5, days[days.length - 1], "end");
    label(left - 4, top + 10, String(max), "end");
    label(left - 4, H - bottom, "0", "end");
  }

  // -- map -------------------------------------------------------------------------------------
  let world = null;
  let view = { x: 25, y: -42, w: 40, h: 32 };
  let dotsLayer = null, landLayer = null, lastGeo = null;
  function loadWorld() {
    if (!world) world = fetch("/static/world-110m.geojson").then((r) => r.json());
    return world;
  }
  function ringPath(ring) {
    let d = "";
    ring.forEach(([x, y], i) => { d += (i ? "L" : "M") + x + "," + -y; });
    return d + "Z";
  }
  async function renderMap(geo, facets) {
    const box = $("#map");
    const w = await loadWorld();
    if (!landLayer) {
      landLayer = svg("g");
      for (const f of w.features) {
        const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
        const d = polys.map((p) => p.map(ringPath).join("")).join("");
        const path = svg("path", { class: "country", d, "data-iso": f.properties.iso_a2 || "" });
        const title = svg("title");
        title.textContent = f.properties.name || "";
        path.append(title);
        landLayer.append(path);
      }
      dotsLayer = svg("g");
      box.replaceChildren(landLayer, dotsLayer);
      enablePanZoom(box);
    }
    const withEvents = new Set((facets.countries || []).map((c) => c.value));
    for (const p of landLayer.children) p.classList.toggle("has-events", withEvents.has(p.getAttribute("data-iso")));
    lastGeo = geo;
    $("#map-note").textContent = `${geo.features.length} placed` + (geo.features.length >= MAP_LIMIT ? " (the newest)" : "");
    fitView(geo);
    drawDots();
  }
  function fitView(geo) {
    const box = $("#map");
    const aspect = (box.clientWidth || 600) / (box.clientHeight || 360);
    let x0 = 25, x1 = 65, y0 = 10, y1 = 42;
    if (geo && geo.features.length) {
      const xs = geo.features.map((f) => f.geometry.coordinates[0]), ys = geo.features.map((f) => f.geometry.coordinates[1]);
      x0 = Math.min(...xs); x1 = Math.max(...xs); y0 = Math.min(...ys); y1 = Math.max(...ys);
      const padX = Math.max(4, (x1 - x0) * 0.15), padY = Math.max(3, (y1 - y0) * 0.15);
      x0 -= padX; x1 += padX; y0 -= padY; y1 += padY;
    }
    let w = x1 - x0, h = y1 - y0;
    if (w / h < aspect) { const nw = h * aspect; x0 -= (nw - w) / 2; w = nw; } else { const nh = w / aspect; y0 -= (nh - h) / 2; h = nh; }
    view = { x: x0, y: -(y0 + h), w, h };
    applyView();
  }
  function applyView() {
    $("#map").setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
    if (dotsLayer) {
      const unit = view.w / ($("#map").clientWidth || 600);
      for (const c of dotsLayer.children) c.setAttribute("r", unit * Number(c.getAttribute("data-size")));
    }
  }
  function drawDots() {
    dotsLayer.replaceChildren();
    const feats = (lastGeo && lastGeo.features) || [];
    for (const f of feats.slice().reverse()) {  // oldest first, newest drawn on top
      const p = f.properties;
      const size = 4 + Math.min(10, Math.sqrt(p.fatalities || 0) * 1.5);
      const [lon, lat] = f.geometry.coordinates;
      const c = svg("circle", { class: "dot" + (p.disputed ? " disputed" : ""), cx: lon, cy: -lat, r: 0.3,
                                "data-size": size, "data-id": f.id });
      const title = svg("title");
      title.textContent = `${p.date || "undated"} · ${p.sub_event_type} · ${p.location || ""}` +
        (p.fatalities ? ` · ${p.fatalities} killed` : "") + (p.disputed ? " · disputed" : "");
      c.append(title);
      c.addEventListener("click", (ev) => { ev.stopPropagation(); location.hash = "#/event/" + encodeURIComponent(f.id); });
      dotsLayer.append(c);
    }
    applyView();
  }
  function zoom(factor, cx, cy) {
    const nx = cx - (cx - view.x) * factor, ny = cy - (cy - view.y) * factor;
    view = { x: nx, y: ny, w: view.w * factor, h: view.h * factor };
    applyView();
  }
  function enablePanZoom(box) {
    let drag = null;
    box.addEventListener("pointerdown", (e) => { drag = { x: e.clientX, y: e.clientY, v: { ...view } }; });
    box.addEventListener("pointermove", (e) => {
      if (!drag || !(e.buttons & 1)) return;
      const k = view.w / (box.clientWidth || 600);
      view = { ...drag.v, x: drag.v.x - (e.clientX - drag.x) * k, y: drag.v.y - (e.clientY - drag.y) * k };
      applyView();
    });
    box.addEventListener("pointerup", () => { drag = null; });
    box.addEventListener("wheel", (e) => {
      e.preventDefault();
      const r = box.getBoundingClientRect();
      const cx = view.x + ((e.clientX - r.left) / r.width) * view.w, cy = view.y + ((e.clientY - r.top) / r.height) * view.h;
      zoom(e.deltaY > 0 ? 1.25 : 0.8, cx, cy);
    }, { passive: false });
    $("#zoom-in").addEventListener("click", () => zoom(0.7, view.x + view.w / 2, view.y + view.h / 2));
    $("#zoom-out").addEventListener("click", () => zoom(1 / 0.7, view.x + view.w / 2, view.y + view.h / 2));
    $("#zoom-fit").addEventListener("click", () => fitView(lastGeo));
  }

  // -- one event -------------------------------------------------------------------------------
  // Offsets in records count Unicode code points (Python); JavaScript strings count UTF-16 units.
  function unitIndex(text, cp) {
    let i = 0, n = 0;
    while (n < cp && i < text.length) {
      const c = text.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
      n++;
    }
    return i;
  }
  function evidenceRange(text, ev) {
    const span = ev.evidence_span;
    let fromSpan = null;
    if (Array.isArray(span) && span.length === 2 && Number.isInteger(span[0]) && Number.isInteger(span[1]) &&
        span[0] >= 0 && span[0] < span[1]) {
      const s = unitIndex(text, span[0]), e = unitIndex(text, span[1]);
      if (e <= text.length && s < e) fromSpan = [s, e];
    }
    if (fromSpan && (!ev.evidence || text.slice(fromSpan[0], fromSpan[1]) === ev.evidence)) return fromSpan;
    if (ev.evidence) { const i = text.indexOf(ev.evidence); if (i >= 0) return [i, i + ev.evidence.length]; }
    return fromSpan;
  }
  function actorFacts(a) {
    if (!a) return "—";
    return el("span", {}, a.name || "", a.text ? " · " : null, a.text ? el("span", { dir: "rtl", lang: "ar" }, a.text) : null,
      a.inter ? el("span", { class: "muted" }, ` (inter ${a.inter}: ${INTER[a.inter] || "?"}${a.country ? ", " + a.country : ""})`) : null);
  }
  function claimCard(c) {
    const stance = c.stance === "denies" ? "denies" : "asserts";
    return el("div", { class: "claim " + stance },
      el("div", { class: "who", dir: "auto" }, c.source_name || c.source_text || "unnamed source"),
      c.source_text ? el("div", { dir: "rtl", lang: "ar" }, c.source_text) : null,
      el("div", { class: "row" }, "kind: ", c.source_kind || "—"),
      el("div", { class: "row" }, "channel: ", c.channel || "—"),
      el("div", {}, el("span", { class: "badge " + stance }, stance)));
  }
  async function showEvent(id) {
    const box = $("#event-detail");
    box.replaceChildren(el("p", { class: "notice" }, "loading…"));
    const ev = await api("/events/" + encodeURIComponent(id));
    const art = ev.article || {};
    const loc = ev.location || {};
    const facts = el("dl", { class: "facts" });
    const fact = (k, v) => facts.append(el("dt", {}, k), el("dd", {}, v));
    fact("Date", `${ev.date || "unknown"}${ev.date_precision ? ` (precision: ${PRECISION[ev.date_precision] || ev.date_precision})` : ""}`);
    fact("Location", el("span", {}, loc.name || "", loc.text ? " · " : null, loc.text ? el("span", { dir: "rtl", lang: "ar" }, loc.text) : null,
      el("span", { class: "muted" }, ` — ${[loc.admin1, loc.country].filter(Boolean).join(", ")}` +
        (loc.lat !== undefined && loc.lat !== null ? ` (${Number(loc.lat).toFixed(3)}, ${Number(loc.lon).toFixed(3)})` : "") +
        (loc.precision ? `, ${GEO_PRECISION[loc.precision] || "precision " + loc.precision}` : ""))));
    fact("Actor 1", actorFacts(ev.actor1));
    fact("Actor 2", actorFacts(ev.actor2));
    fact("Fatalities", String(ev.fatalities ?? 0));
    fact("Confidence", ev.confidence !== undefined && ev.confidence !== null ? String(ev.confidence) : "—");
    fact("Event id", ev.id);

    const claims = ev.claims || [];
    const claimsBox = claims.length ? el("div", { class: "claims" }, ...claims.map(claimCard))
      : el("p", { class: "notice" }, "The article reports this event without attributing it to a source.");

    const text = art.text || "";
    const textBox = el("div", { class: "article-text", id: "article-text",
                               dir: art.language === "ar" || !art.language ? "rtl" : "auto", lang: art.language || "ar" });
    const range = evidenceRange(text, ev);
    if (range) {
      textBox.append(document.createTextNode(text.slice(0, range[0])),
        el("mark", { class: "evidence", id: "evidence", title: "evidence of this event" }, text.slice(range[0], range[1])),
        document.createTextNode(text.slice(range[1])));
    } else {
      textBox.append(document.createTextNode(text));
    }
    const url = safeUrl(art.url);
    const others = ev.other_events || [];
    box.replaceChildren(...[
      el("div", { class: "event-head" },
        el("h1", {}, `${ev.event_type} — ${ev.sub_event_type}`, ev.disputed ? " " : null,
          ev.disputed ? el("span", { class: "badge disputed" }, "disputed") : null)),
      facts,
      ev.disputed ? el("div", { class: "disputed-banner", role: "note" },
        "Disputed: the sources quoted in the article contradict each other about this event.") : null,
      el("h2", {}, `Claims (${claims.length})`),
      claimsBox,
      el("div", { class: "article" },
        el("h2", { dir: "auto" }, art.title || art.doc_id || ""),
        el("p", { class: "muted" }, [art.published, art.source].filter(Boolean).join(" · "), " · ", art.doc_id || "",
          url ? " · " : null, url ? el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, "original") : null),
        range ? null : el("p", { class: "notice" }, "The evidence could not be located in the text."),
        textBox),
      others.length ? el("div", { class: "other-events" }, el("h2", {}, "Other events in this article"),
        el("ul", {}, ...others.map((o) => el("li", {}, el("a", { href: "#/event/" + encodeURIComponent(o.id) },
          `${o.date || "undated"} · ${o.event_type} — ${o.sub_event_type} · ${o.location || ""}`))))) : null,
    ].filter(Boolean));
    const mark = $("#evidence");
    if (mark) mark.scrollIntoView({ block: "center" });
  }

  // -- start -----------------------------------------------------------------------------------
  api("/health").then((h) => {
    $("#store-info").textContent = `${h.articles} articles · ${h.events} events`;
  }).catch(() => {});
  window.addEventListener("hashchange", route);
  route();
})();
