/*
 * recstream operator dashboard. Plain script, no build step; uPlot (global `uPlot`) draws the charts.
 * Every piece of API data reaches the DOM through textContent (see el()), never through innerHTML.
 */
"use strict";

const KEY_STORAGE = "recstream.apiKey";
const METRICS_POLL_MS = 2000;
const CHART_TICK_MS = 5000;
const ADMIN_REFRESH_MS = 10000;
const HISTORY_MINUTES = 60;
const MAX_PUSH_ROWS = 50;
const PUSH_RATE_WINDOW_MS = 10000;
const CHART_HEIGHT = 200;
const PALETTE = ["#2f6fde", "#1f9d55", "#e07b00", "#8b5cf6", "#d64545", "#0e9aa7", "#c026d3", "#65a30d", "#64748b"];

/* ---------------------------------------------------------------- DOM and formatting helpers */

const $ = (id) => document.getElementById(id);

/** Builds an element; text and children are always inserted as text nodes, so data cannot inject markup. */
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value == null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = String(value);
    else if (name === "dataset") Object.assign(node.dataset, value);
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const isNum = (n) => typeof n === "number" && Number.isFinite(n);
const fmtNum = (n, digits = 1) => isNum(n) ? n.toLocaleString(undefined, { maximumFractionDigits: digits }) : "–";
const fmtInt = (n) => isNum(n) ? Math.round(n).toLocaleString() : "–";
const fmtPct = (ratio, digits = 1) => isNum(ratio) ? (100 * ratio).toFixed(digits) + "%" : "–";
const fmtMoney = (n) => isNum(n) ? n.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : "–";

function fmtMs(n) {
  if (!isNum(n)) return "–";
  return n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n).toLocaleString();
}

/** Parses the API's ISO times, which may carry nanoseconds that Date.parse does not promise to accept. */
function parseTime(iso) {
  if (typeof iso !== "string" || !iso) return NaN;
  return Date.parse(iso.replace(/(\.\d{3})\d+/, "$1"));
}

function fmtClock(iso) {
  const t = parseTime(iso);
  return Number.isNaN(t) ? "–" : new Date(t).toLocaleTimeString([], { hour12: false });
}

function fmtDateTime(iso) {
  const t = parseTime(iso);
  if (Number.isNaN(t)) return "–";
  return new Date(t).toLocaleString([], { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false });
}

function fmtDuration(seconds) {
  if (!isNum(seconds)) return "–";
  const s = Math.abs(seconds);
  if (s < 60) return Math.round(s) + " s";
  // Round first, then split, so 5 h 59.6 min reads "6 h" rather than "5 h 60 min".
  const minutes = Math.round(s / 60);
  if (minutes < 60) return minutes + " min";
  const [big, bigUnit, small, smallUnit] = minutes < 1440
    ? [Math.floor(minutes / 60), " h", minutes % 60, " min"]
    : [Math.floor(minutes / 1440), " d", Math.round((minutes % 1440) / 60), " h"];
  return big + bigUnit + (small ? " " + small + smallUnit : "");
}

function fmtRelative(iso) {
  const t = parseTime(iso);
  if (Number.isNaN(t)) return "";
  const seconds = (t - Date.now()) / 1000;
  return seconds >= 0 ? "in " + fmtDuration(seconds) : fmtDuration(seconds) + " ago";
}

const shortId = (id) => (typeof id === "string" && id.length > 12 ? id.slice(0, 8) + "…" : String(id ?? "–"));

function setPill(node, text, state, title) {
  node.textContent = text;
  node.className = "pill" + (state ? " " + state : "");
  node.title = title || "";
}

/** Shows a sentence above a panel (or hides it with an empty text). */
function setPanelMessage(id, text, kind) {
  const node = $(id);
  node.hidden = !text;
  node.textContent = text || "";
  node.className = "panel-msg" + (kind ? " " + kind : "");
}

/* ---------------------------------------------------------------- API access and the API key */

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let memoryKey = "";  // used only where sessionStorage is unavailable (some privacy modes)

function storedKey() {
  try { return sessionStorage.getItem(KEY_STORAGE) || ""; } catch (e) { return memoryKey; }
}

function storeKey(key) {
  memoryKey = key;
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key); else sessionStorage.removeItem(KEY_STORAGE);
  } catch (e) { /* memoryKey serves this page until it is closed */ }
}

/** The panels whose last call answered 401: the banner lists them so the operator knows what is missing. */
const missingForKey = new Set();

function noteAccess(panel, status) {
  if (!panel || status === 0) return;  // a network failure says nothing about the key
  const changed = status === 401 ? !missingForKey.has(panel) : missingForKey.has(panel);
  if (status === 401) missingForKey.add(panel); else missingForKey.delete(panel);
  if (changed) renderKeyBanner();
}

function renderKeyBanner() {
  $("key-banner").hidden = missingForKey.size === 0;
  $("key-missing").textContent = [...missingForKey].join(", ");
  $("key-refused").hidden = !storedKey();
  $("key-forget").hidden = !storedKey();
}

/**
 * Calls the API with the stored key. `panel` names the data for the key banner. Throws ApiError with
 * the server's message (status 0 when the gateway could not be reached).
 */
async function api(path, { method = "GET", body, panel } = {}) {
  const headers = { Accept: "application/json" };
  const key = storedKey();
  if (key) headers.Authorization = "Bearer " + key;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, { method, headers, cache: "no-store", body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, "network", "the gateway cannot be reached");
  }
  const data = await response.json().catch(() => null);
  noteAccess(panel, response.status);
  if (!response.ok) {
    const message = (data && data.message) || "HTTP " + response.status;
    throw new ApiError(response.status, (data && data.error) || "http_" + response.status, message);
  }
  return data;
}

const capitalize = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** One sentence for a failed call, saying why and what happens next. */
function describeError(err, what) {
  if (!(err instanceof ApiError)) return capitalize(what) + " could not be shown: " + (err && err.message ? err.message : String(err)) + ".";
  switch (err.status) {
    case 0: return "The gateway cannot be reached, so " + what + " cannot be loaded; retrying.";
    case 401: return "The gateway requires an API key for " + what + ": enter one in the banner above.";
    case 403: return "The API key is not allowed to see " + what + " (" + err.message + ").";
    case 429: return "The gateway is rate-limiting this API key; " + what + " will retry shortly.";
    case 503: return capitalize(what) + " is unavailable right now (" + err.message + "); retrying.";
    default: return capitalize(what) + " failed: " + err.message + " (HTTP " + err.status + ").";
  }
}

/** What a polled task returns when asking again cannot help (no key, or a key without the role). */
const HALT = Symbol("halt");
const haltOnAccess = (err) => (err instanceof ApiError && (err.status === 401 || err.status === 403) ? HALT : undefined);

/**
 * Runs `task` now and then every `intervalMs`, never two at once; `now()` reruns it immediately.
 * A task answering HALT is not rescheduled until `now()` (a new key): polling a refusal only fills logs.
 */
function poller(task, intervalMs) {
  let timer = null;
  let running = false;
  let rerun = false;
  async function run() {
    clearTimeout(timer);
    if (running) { rerun = true; return; }
    running = true;
    let outcome;
    try { outcome = await task(); } catch (e) { console.warn("dashboard task failed", e); }
    running = false;
    if (rerun || outcome !== HALT) timer = setTimeout(run, rerun ? 0 : intervalMs);
    rerun = false;
  }
  return { now: run };
}

/* ---------------------------------------------------------------- Live feed WebSockets */

const WS_BASE = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/v1/stream";

/**
 * A WebSocket to /v1/stream that reconnects with backoff. A browser hides the status of a refused
 * handshake, so after a failed upgrade it asks the REST API whether the key is the reason, and waits
 * for a key (reconnect()) instead of hammering the gateway.
 */
class FeedSocket {
  constructor({ query = "", panel, onOpen, onMessage, onState }) {
    Object.assign(this, { query, panel, onOpen, onMessage, onState });
    this.socket = null;
    this.delay = 1000;
    this.timer = null;
    this.stopped = true;
  }

  reconnect() {
    this.close();
    this.stopped = false;
    this.delay = 1000;
    this.open();
  }

  open() {
    const key = storedKey();
    const url = WS_BASE + this.query;
    // The key travels as a subprotocol because a browser WebSocket cannot send an Authorization header.
    const socket = key ? new WebSocket(url, ["recstream", "bearer." + key]) : new WebSocket(url);
    let opened = false;
    this.socket = socket;
    this.onState("connecting");
    socket.onopen = () => {
      opened = true;
      this.delay = 1000;
      this.onState("open");
      if (this.onOpen) this.onOpen(socket);
    };
    socket.onmessage = (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      this.onMessage(message);
    };
    socket.onclose = () => {
      if (this.socket === socket && !this.stopped) this.afterClose(opened);
    };
  }

  async afterClose(wasOpen) {
    if (!wasOpen) {
      const status = await probeFeedAccess(this.panel);
      if (this.stopped) return;
      if (status === 401 || status === 403) {
        this.onState(status === 401 ? "needs-key" : "forbidden");
        return;
      }
    }
    this.onState("retrying", this.delay);
    this.timer = setTimeout(() => { if (!this.stopped) this.open(); }, this.delay);
    this.delay = Math.min(this.delay * 2, 15000);
  }

  send(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  close() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.socket) this.socket.close();
    this.socket = null;
  }
}

/** The status the feed's role gets from the REST API: tells a refused key from a gateway that is down. */
async function probeFeedAccess(panel) {
  try {
    await api("/v1/stream/recent?limit=1", { panel });
    return 200;
  } catch (err) {
    return err instanceof ApiError ? err.status : 0;
  }
}

function feedStateText(label, state, delay) {
  switch (state) {
    case "open": return [label + " connected", "ok", ""];
    case "connecting": return [label + " connecting…", "", ""];
    case "needs-key": return [label + " needs an API key", "bad", "The gateway refused the WebSocket without a valid API key."];
    case "forbidden": return [label + ": key lacks the read role", "bad", "The API key may not read the live feed."];
    default: return [label + " lost · retrying in " + Math.round(delay / 1000) + " s", "bad",
      "The WebSocket closed (gateway restarting or unreachable); it reconnects on its own."];
  }
}

/* ---------------------------------------------------------------- Stat cards */

let latestMetrics = null;  // { data, at }: the last /v1/metrics answer, reused by the charts' live point

function setStat(id, value, sub) {
  $(id).textContent = value;
  if (sub !== undefined) $(id + "-sub").textContent = sub;
}

/** A latency card: its "ms" unit is hidden while there is no figure. */
function setLatency(id, value, sub) {
  setStat(id, fmtMs(value), sub);
  $(id).nextElementSibling.hidden = !isNum(value);
}

function sumSources(sources, field) {
  return Object.values(sources || {}).reduce((sum, s) => sum + (isNum(s[field]) ? s[field] : 0), 0);
}

/** Novelty is per source; one figure for the card: the mean weighted by each source's impressions. */
function weightedNovelty(reachSources, windowSources) {
  let weight = 0;
  let total = 0;
  for (const [key, reach] of Object.entries(reachSources || {})) {
    if (!isNum(reach.novelty)) continue;
    const impressions = (windowSources[key] && windowSources[key].impressions) || 1;
    weight += impressions;
    total += reach.novelty * impressions;
  }
  return weight ? { value: total / weight, sources: Object.keys(reachSources).length } : null;
}

function renderStats(m) {
  const w1 = (m.windows && m.windows["1m"]) || {};
  const since = (m.windows && m.windows.sinceStart) || {};
  const events = m.events || {};
  const latency = (w1.pushes && w1.pushes.latencyMs) || {};
  setStat("m-events", fmtNum(w1.events && w1.events.storedPerSecond), fmtInt(events.stored) + " stored");
  $("m-events-sub").title = fmtInt(events.accepted) + " accepted, " + fmtInt(events.rejected) + " rejected since start";
  setStat("m-pushes", fmtNum(w1.pushes && w1.pushes.perSecond), fmtInt(m.recommendations && m.recommendations.pushed) + " pushed");
  setLatency("m-p50", latency.p50, "last minute");
  setLatency("m-p99", latency.p99, "p95 " + fmtMs(latency.p95) + (isNum(latency.p95) ? " ms" : ""));
  renderHitRate(m.online || {});
  renderClickThrough(since.sources || {});
  const reach = m.reach || {};
  const coverage = isNum(reach.coverage) ? reach.coverage : (m.online || {}).coverage;
  const shown = reach.recommendedItems ?? (m.online || {}).recommendedItems;
  setStat("m-coverage", fmtPct(coverage), fmtInt(shown) + (shown === 1 ? " item" : " items"));
  const novelty = weightedNovelty(reach.sources, since.sources || {});
  setStat("m-novelty", novelty ? fmtNum(novelty.value, 1) : "–",
    novelty ? novelty.sources + (novelty.sources === 1 ? " source" : " sources") : "none yet");
  setStat("m-model", m.model || "–", "uptime " + fmtDuration(m.uptimeSeconds));
}

function renderHitRate(online) {
  const node = $("m-hit");
  const hits = isNum(online.hits) ? online.hits : 0;
  const evaluated = isNum(online.evaluatedEvents) ? online.evaluatedEvents : 0;
  // 0 % before anything was evaluated would read as a bad model; "–" says there is nothing to measure yet.
  node.textContent = evaluated > 0 ? fmtPct(online.hitRate) : "–";
  node.dataset.hits = String(hits);
  node.dataset.evaluated = String(evaluated);
  $("m-hit-sub").textContent = fmtInt(hits) + " / " + fmtInt(evaluated);
  $("m-hit-sub").title = fmtInt(hits) + " hits among " + fmtInt(evaluated) + " evaluated events since start";
}

function renderClickThrough(sources) {
  const clicked = sumSources(sources, "clickedLists");
  const impressions = sumSources(sources, "impressions");
  setStat("m-ctr", impressions > 0 ? fmtPct(clicked / impressions) : "–",
    fmtInt(clicked) + " / " + fmtInt(impressions));
  $("m-ctr-sub").title = fmtInt(clicked) + " of " + fmtInt(impressions) + " lists shown since start were clicked";
}

async function pollMetrics() {
  const pill = $("metrics-status");
  try {
    const data = await api("/v1/metrics", { panel: "metrics" });
    latestMetrics = { data, at: Date.now() };
    renderStats(data);
    setPill(pill, "metrics live", "ok", "Updated " + new Date().toLocaleTimeString([], { hour12: false }) + ", every 2 s");
  } catch (err) {
    if (!(err instanceof ApiError)) {
      console.warn("metrics could not be shown", err);
      setPill(pill, "metrics unreadable", "bad", describeError(err, "the metrics"));
      return undefined;
    }
    const text = err.status === 401 ? "metrics need an API key"
      : err.status === 403 ? "metrics: key lacks the read role"
      : err.status === 0 ? "metrics unreachable · retrying" : "metrics failing · HTTP " + err.status;
    setPill(pill, text, "bad", describeError(err, "the metrics"));
    return haltOnAccess(err);
  }
}

/* ---------------------------------------------------------------- Charts */

/** Chart points: { t: seconds since the epoch, w: a metrics window (MetricsWindow) }, oldest first. */
let chartPoints = [];
const sourceColors = new Map();

function colorFor(key) {
  if (!sourceColors.has(key)) sourceColors.set(key, PALETTE[sourceColors.size % PALETTE.length]);
  return sourceColors.get(key);
}

const num = (v) => (isNum(v) ? v : null);

/** One uPlot chart in a container; rebuilt when its set of series changes, else only fed new data. */
class ChartView {
  constructor(containerId, { yLabel, format, tick, emptyText }) {
    this.container = $(containerId);
    this.yLabel = yLabel;
    this.format = format;
    this.tick = tick;
    this.emptyText = emptyText;
    this.plot = null;
    this.signature = null;
    this.empty = el("div", { class: "chart-empty", text: emptyText });
    this.container.append(this.empty);
  }

  width() {
    return Math.max(200, Math.floor(this.container.clientWidth));
  }

  /** series: [{ key, label, color, value: window => number|null }] */
  render(points, series) {
    const xs = points.map((p) => p.t);
    const data = [xs, ...series.map((s) => points.map((p) => num(s.value(p.w))))];
    const signature = series.map((s) => s.key).join("\u0000");
    if (!this.plot || signature !== this.signature) this.build(series, data, signature);
    else this.plot.setData(data);
    this.container.dataset.points = String(xs.length);
    const hasValues = data.slice(1).some((ys) => ys.some((y) => y !== null));
    this.empty.hidden = hasValues && this.plot !== null;
  }

  build(series, data, signature) {
    if (this.plot) this.plot.destroy();
    this.plot = null;
    this.signature = signature;
    if (typeof uPlot !== "function") {
      // Without the chart library the rest of the page still works; say why the charts are blank.
      this.empty.textContent = "Charts unavailable: /assets/uplot.min.js did not load.";
      return;
    }
    const format = this.format;
    const axis = { stroke: "#6b7385", font: "11px system-ui, sans-serif", grid: { stroke: "#eef0f3", width: 1 },
      ticks: { stroke: "#e3e6eb", width: 1, size: 4 } };
    this.plot = new uPlot({
      width: this.width(),
      height: CHART_HEIGHT,
      cursor: { points: { size: 6 }, drag: { x: false, y: false } },
      legend: { live: true },
      scales: {
        // A lone point would make uPlot widen the range to days; show the minutes around it instead.
        x: { time: true, range: (u, min, max) => (min === max ? [min - 120, max + 30] : [min, max]) },
        // Rates start at zero so a flat line is not mistaken for a swing.
        y: { range: (u, min, max) => [0, isNum(max) && max > 0 ? max * 1.15 : 1] },
      },
      axes: [
        { ...axis, space: 60, values: (u, splits) => timeTicks(splits) },
        { ...axis, size: 48, label: this.yLabel, labelSize: 16, labelFont: "11px system-ui, sans-serif",
          values: (u, splits) => splits.map((v) => this.tick(v)) },
      ],
      series: [
        { label: "time", value: (u, v, si, idx) => clockOfSeconds(idx == null ? lastValue(u.data[0]) : v) },
        ...series.map((s) => ({
          label: s.label, stroke: s.color, fill: s.fill, width: 2, spanGaps: false,
          points: { size: 5, fill: s.color },
          // Away from the cursor the legend shows the latest value, so it doubles as a live readout.
          value: (u, v, si, idx) => {
            const shown = idx == null ? lastValue(u.data[si]) : v;
            return shown == null ? "–" : format(shown);
          },
        })),
      ],
    }, data, this.container);
    // Keep the empty-state note above the chart's canvas.
    this.container.append(this.empty);
  }

  resize() {
    if (this.plot && Math.abs(this.plot.width - this.width()) >= 1) this.plot.setSize({ width: this.width(), height: CHART_HEIGHT });
  }
}

function lastValue(values) {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] != null) return values[i];
  return null;
}

const clockOfSeconds = (t) => (t == null ? "–" : new Date(t * 1000).toLocaleTimeString([], { hour12: false }));

/** 24-hour tick labels; seconds only when the ticks are closer than a minute. */
function timeTicks(splits) {
  const step = splits.length > 1 ? splits[1] - splits[0] : 60;
  const options = step < 60 ? { hour: "2-digit", minute: "2-digit", second: "2-digit" } : { hour: "2-digit", minute: "2-digit" };
  return splits.map((t) => new Date(t * 1000).toLocaleTimeString([], { ...options, hour12: false }));
}

/** Axis ticks: uPlot picks round steps, so trimming float noise is enough. */
const plainTick = (v) => String(Number(v.toPrecision(6)));

const chartViews = {
  throughput: new ChartView("chart-throughput", {
    yLabel: "per second", format: (v) => fmtNum(v, v < 10 ? 2 : 1), tick: plainTick,
    emptyText: "No traffic yet: post events to /v1/events.",
  }),
  latency: new ChartView("chart-latency", {
    yLabel: "ms", format: (v) => fmtMs(v) + " ms", tick: plainTick,
    emptyText: "No pushes measured yet.",
  }),
  hitrate: new ChartView("chart-hitrate", {
    yLabel: "hit rate", format: (v) => v.toFixed(1) + "%", tick: (v) => plainTick(v) + "%",
    emptyText: "No evaluated events yet.",
  }),
};

const THROUGHPUT_SERIES = [
  { key: "events", label: "events/s", color: PALETTE[0], fill: "rgba(47,111,222,.08)", value: (w) => w.events && w.events.storedPerSecond },
  { key: "pushes", label: "pushes/s", color: PALETTE[1], value: (w) => w.pushes && w.pushes.perSecond },
];
const LATENCY_SERIES = [
  { key: "p50", label: "p50", color: PALETTE[0], value: (w) => w.pushes && w.pushes.latencyMs && w.pushes.latencyMs.p50 },
  { key: "p99", label: "p99", color: PALETTE[2], value: (w) => w.pushes && w.pushes.latencyMs && w.pushes.latencyMs.p99 },
];

/** One series per source key seen in any plotted point, in order of first appearance. */
function hitRateSeries(points) {
  const keys = [];
  for (const p of points) for (const key of Object.keys(p.w.sources || {})) if (!keys.includes(key)) keys.push(key);
  return keys.map((key) => ({
    key, label: key, color: colorFor(key),
    // A window without evaluated events has no hit rate; plotting 0 would invent a drop.
    value: (w) => {
      const s = w.sources && w.sources[key];
      return s && s.evaluatedEvents > 0 && isNum(s.hitRate) ? 100 * s.hitRate : null;
    },
  }));
}

function redrawCharts() {
  chartViews.throughput.render(chartPoints, THROUGHPUT_SERIES);
  chartViews.latency.render(chartPoints, LATENCY_SERIES);
  chartViews.hitrate.render(chartPoints, hitRateSeries(chartPoints));
}

function trimChartPoints() {
  const oldest = Date.now() / 1000 - HISTORY_MINUTES * 60;
  chartPoints = chartPoints.filter((p) => p.t >= oldest);
}

async function loadChartHistory() {
  try {
    const data = await api("/v1/metrics/history?minutes=" + HISTORY_MINUTES, { panel: "chart history" });
    const history = (data.snapshots || [])
      .map((s) => ({ t: parseTime(s.minute) / 1000, w: s.figures || {} }))
      .filter((p) => isNum(p.t));
    const lastMinute = history.length ? history[history.length - 1].t : -Infinity;
    // Keep live points taken while the history was loading (or before a retry).
    chartPoints = history.concat(chartPoints.filter((p) => p.t > lastMinute));
    setPanelMessage("charts-msg", "");
  } catch (err) {
    setPanelMessage("charts-msg", describeError(err, "the chart history"), "bad");
  }
  trimChartPoints();
  redrawCharts();
}

/** Appends the last minute's figures as a point at "now", from the freshest metrics poll. */
function addLiveChartPoint() {
  // A stale answer (metrics failing) would repeat old figures as if they were current.
  if (latestMetrics && Date.now() - latestMetrics.at < CHART_TICK_MS) {
    const w = latestMetrics.data.windows && latestMetrics.data.windows["1m"];
    if (w) chartPoints.push({ t: Date.now() / 1000, w });
  }
  trimChartPoints();
  redrawCharts();
}

function watchChartSizes() {
  let frame = 0;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => Object.values(chartViews).forEach((view) => view.resize()));
  });
  Object.values(chartViews).forEach((view) => observer.observe(view.container));
}

/* ---------------------------------------------------------------- Latest pushes */

let pushes = [];             // feed messages, newest first, at most MAX_PUSH_ROWS
const freshRecIds = new Set(); // rows to highlight at the next render
const liveArrivals = [];     // arrival times of firehose messages, for the rate pill
let pushRenderTimer = null;
let pushesUnavailable = false;   // the last GET /v1/stream/recent failed
const pushRowNodes = new Map();  // recId → its table row, reused across renders

function addPushes(messages, { live }) {
  const known = new Set(pushes.map((p) => p.recId));
  for (const msg of messages) {
    if (!msg || msg.type !== "recommendations" || known.has(msg.recId)) continue;
    known.add(msg.recId);
    pushes.push(msg);
    if (live) freshRecIds.add(msg.recId);
  }
  pushes.sort((a, b) => parseTime(b.generatedAt) - parseTime(a.generatedAt));
  pushes = pushes.slice(0, MAX_PUSH_ROWS);
  schedulePushRender();
}

/** Busy feeds send hundreds of lists a second: redraw the table at most five times a second. */
function schedulePushRender() {
  if (pushRenderTimer) return;
  pushRenderTimer = setTimeout(() => {
    pushRenderTimer = null;
    renderPushes();
  }, 200);
}

function renderPushes() {
  const body = $("pushes");
  if (!pushes.length) {
    // "No pushes yet" would be false when the recent pushes could not be read.
    const text = pushesUnavailable ? "The latest pushes could not be loaded (see above)."
      : "No pushes yet. Post events to /v1/events to see them here.";
    pushRowNodes.clear();
    body.replaceChildren(el("tr", { class: "placeholder" }, el("td", { colspan: 6, class: "empty", text })));
    return;
  }
  // Rows already shown stay where they are (re-inserting them would restart their highlight).
  const wanted = pushes.map((msg) => pushRowNodes.get(msg.recId) || pushRow(msg));
  body.querySelectorAll("tr.placeholder").forEach((row) => row.remove());
  wanted.forEach((row, i) => { if (body.children[i] !== row) body.insertBefore(row, body.children[i] || null); });
  while (body.children.length > wanted.length) body.lastElementChild.remove();
  pushRowNodes.clear();
  pushes.forEach((msg, i) => pushRowNodes.set(msg.recId, wanted[i]));
  freshRecIds.clear();
}

function pushRow(msg) {
  const items = (msg.items || []).slice(0, 3).map((i) => i.itemId);
  const more = (msg.items || []).length - items.length;
  return el("tr", { "data-user": msg.userId, class: freshRecIds.has(msg.recId) ? "fresh" : null },
    el("td", { class: "mono nowrap", title: msg.generatedAt, text: fmtClock(msg.generatedAt) }),
    el("td", {}, el("button", { type: "button", class: "user-link", title: "Inspect this user", text: msg.userId,
      onclick: () => openInspector(msg.userId) })),
    el("td", { class: "mono col-trigger", title: msg.triggerEventId || "", text: shortId(msg.triggerEventId) }),
    el("td", { class: "small model-cell" }, el("span", { class: "mono", text: msg.model || "–" }),
      msg.variant ? el("span", { class: "tag variant", title: "experiment " + (msg.experiment || ""), text: msg.variant }) : null),
    el("td", { class: "items", title: (msg.items || []).map((i) => i.itemId).join(", ") },
      items.length ? items.join(", ") + (more > 0 ? " +" + more : "") : "(empty list)"),
    el("td", { class: "num", text: fmtMs(msg.latencyMs) }));
}

async function loadRecentPushes() {
  try {
    const data = await api("/v1/stream/recent?limit=" + MAX_PUSH_ROWS, { panel: "latest pushes" });
    addPushes(data.pushes || [], { live: false });
    pushesUnavailable = false;
    setPanelMessage("pushes-msg", "");
  } catch (err) {
    pushesUnavailable = true;
    setPanelMessage("pushes-msg", describeError(err, "the latest pushes"), "bad");
  }
  renderPushes();
}

function onFirehoseMessage(msg) {
  if (msg.type !== "recommendations") return;
  liveArrivals.push(performance.now());
  addPushes([msg], { live: true });
}

function renderPushRate() {
  const cutoff = performance.now() - PUSH_RATE_WINDOW_MS;
  while (liveArrivals.length && liveArrivals[0] < cutoff) liveArrivals.shift();
  const rate = liveArrivals.length / (PUSH_RATE_WINDOW_MS / 1000);
  setPill($("feed-rate"), fmtNum(rate, 1) + " pushes/s live", rate > 0 ? "info" : "", "Firehose messages over the last 10 seconds");
}

const firehose = new FeedSocket({
  query: "?firehose=true",
  panel: "live feed",
  onMessage: onFirehoseMessage,
  onState: (state, delay) => setPill($("feed-status"), ...feedStateText("live feed", state, delay)),
});

/* ---------------------------------------------------------------- Item titles */

const ITEM_MISS_TTL_MS = 60000;
const itemCache = new Map();  // itemId → { item: catalog entry or null, at }

function itemTitle(itemId) {
  const entry = itemCache.get(itemId);
  return entry && entry.item && entry.item.title ? entry.item.title : null;
}

/** Fetches catalog entries not cached yet; an id the catalog does not know is retried after a minute. */
async function loadItems(ids) {
  const now = Date.now();
  const wanted = [...new Set(ids)].filter((id) => {
    const entry = itemCache.get(id);
    // The ids parameter is comma-separated, so an id holding a comma cannot be asked for.
    return !String(id).includes(",") && (!entry || (!entry.item && now - entry.at > ITEM_MISS_TTL_MS));
  });
  if (itemCache.size > 5000) itemCache.clear();  // a long session inspecting many users: start afresh
  for (let i = 0; i < wanted.length; i += 100) {
    const chunk = wanted.slice(i, i + 100);
    const data = await api("/v1/items?ids=" + chunk.map(encodeURIComponent).join(","));
    const found = new Map((data.items || []).map((item) => [item.itemId, item]));
    chunk.forEach((id) => itemCache.set(id, { item: found.get(id) || null, at: now }));
  }
}

/* ---------------------------------------------------------------- User inspector */

const inspector = { userId: null, recId: null, seq: 0, refreshTimer: null, pushedAt: 0 };

const userFeed = new FeedSocket({
  panel: "user inspector",
  onOpen: () => userFeed.send({ subscribe: [inspector.userId] }),
  onMessage: onUserFeedMessage,
  onState: (state, delay) => {
    if (state !== "open") setPill($("inspect-status"), ...feedStateText("follow", state, delay));
  },
});

function openInspector(userId) {
  $("inspect-user").value = userId;
  inspectUser(userId);
  $("inspector").scrollIntoView({ behavior: "smooth", block: "nearest" });
}

function inspectUser(userId) {
  inspector.userId = userId;
  inspector.recId = null;
  setPanelMessage("inspect-msg", "");
  $("inspect-body").hidden = false;
  $("inspect-model").textContent = "Loading " + userId + "…";
  // Its own connection: on the firehose socket the user's lists would arrive twice.
  userFeed.reconnect();
  refreshInspector({ list: true });
}

function scheduleInspectorRefresh(delayMs, options) {
  clearTimeout(inspector.refreshTimer);
  inspector.refreshTimer = setTimeout(() => refreshInspector(options), delayMs);
}

/** Reloads the history and (unless a pushed list is already shown) the current list, then the titles. */
async function refreshInspector({ list = true } = {}) {
  const userId = inspector.userId;
  if (!userId) return;
  const seq = ++inspector.seq;
  const user = encodeURIComponent(userId);
  const [history, recs] = await Promise.allSettled([
    api("/v1/users/" + user + "/events?limit=20", { panel: "user inspector" }),
    list ? api("/v1/users/" + user + "/recommendations?k=10", { panel: "user inspector" }) : Promise.resolve(null),
  ]);
  const ids = [];
  if (history.status === "fulfilled") ids.push(...(history.value.events || []).map((e) => e.itemId));
  if (recs.status === "fulfilled" && recs.value) ids.push(...(recs.value.items || []).map((i) => i.itemId));
  // Titles are a nicety: without the catalog the ids are shown.
  await loadItems(ids).catch(() => {});
  if (seq !== inspector.seq) return;  // another user or a newer refresh took over
  renderHistory(history);
  if (list) {
    if (recs.status === "fulfilled") renderList(recs.value);
    else renderListError(recs.reason);
  } else {
    // The pushed list was rendered before its items' titles were known.
    refreshListTitles();
  }
}

function renderHistory(result) {
  const box = $("inspect-history");
  if (result.status === "rejected") {
    box.replaceChildren(el("li", { class: "empty-item", text: describeError(result.reason, "this user's events") }));
    return;
  }
  const events = result.value.events || [];
  if (!events.length) {
    box.replaceChildren(el("li", { class: "empty-item", text: "No stored events for this user." }));
    return;
  }
  box.replaceChildren(...events.map((e) => el("li", { "data-item": e.itemId, title: e.eventId || "" },
    el("span", { class: "mono muted", text: fmtClock(e.ts) }),
    el("span", {}, el("span", { class: "type " + String(e.type).replace(/[^a-z_]/gi, ""), text: e.type })),
    el("span", { class: "ev-item" },
      itemLabel(e.itemId),
      isNum(e.value) ? el("span", { class: "muted small", text: " · " + fmtMoney(e.value) }) : null,
      e.query ? el("span", { class: "muted small", text: " · “" + e.query + "”" }) : null))));
}

function itemLabel(itemId) {
  const title = itemTitle(itemId);
  if (!title) return el("span", { class: "mono", text: itemId });
  return el("span", {}, el("span", { text: title }), el("span", { class: "mono muted small", text: " " + itemId }));
}

function renderList(list) {
  inspector.recId = list.recId || null;
  renderModelLine(list);
  const items = list.items || [];
  if (!items.length) {
    $("inspect-list").replaceChildren(el("li", { class: "empty-item", text: "The model has no recommendations for this user yet." }));
    return;
  }
  $("inspect-list").replaceChildren(...items.map((item) => listItem(item)));
}

function listItem(item) {
  const title = itemTitle(item.itemId);
  return el("li", { "data-item": item.itemId },
    el("div", { class: "rec-main" },
      el("div", { class: "rec-title" }, title || el("span", { class: "mono", text: item.itemId })),
      el("div", { class: "rec-meta" },
        title ? el("span", { class: "mono", text: item.itemId + " · " }) : null,
        "score " + fmtNum(item.score, 4) + (item.reason ? " · " + item.reason : ""))),
    el("button", { type: "button", class: "click-item secondary small", title: "Report a click on this item for this list",
      text: "Click", onclick: (e) => reportClick(item.itemId, e.currentTarget) }));
}

function refreshListTitles() {
  for (const li of $("inspect-list").querySelectorAll("li[data-item]")) {
    const title = itemTitle(li.dataset.item);
    const titleNode = li.querySelector(".rec-title");
    if (title && titleNode && titleNode.textContent !== title) {
      titleNode.textContent = title;
      li.querySelector(".rec-meta").prepend(el("span", { class: "mono", text: li.dataset.item + " · " }));
    }
  }
}

function renderListError(err) {
  inspector.recId = null;
  $("inspect-model").textContent = "No list.";
  $("inspect-list").replaceChildren(el("li", { class: "empty-item", text: describeError(err, "this user's recommendations") }));
}

function renderModelLine(list) {
  const parts = [el("span", {}, "model ", el("strong", { class: "mono", text: list.model || "–" }))];
  if (list.experiment || list.variant) {
    parts.push(" · experiment ", el("strong", { text: list.experiment || "–" }), " / variant ", el("strong", { text: list.variant || "–" }));
  }
  parts.push(" · recId ", el("span", { class: "mono", text: list.recId || "–" }));
  if (list.generatedAt) parts.push(" · generated " + fmtClock(list.generatedAt));
  if (isNum(list.latencyMs)) parts.push(" · pushed " + fmtMs(list.latencyMs) + " ms after its event");
  $("inspect-model").replaceChildren(...parts);
}

/** Reports a click on a recommended item, naming the list so the online metrics credit it. */
async function reportClick(itemId, button) {
  const { userId, recId } = inspector;
  if (!userId) return;
  button.disabled = true;
  button.textContent = "Sending…";
  const body = { userId, itemId, type: "click" };
  if (recId) body.context = { recId };
  try {
    await api("/v1/events", { method: "POST", body, panel: "click reporting" });
    button.textContent = "Clicked ✓";
    setPanelMessage("inspect-msg", "Click on " + itemId + " reported" + (recId ? " for list " + recId : "") + ".", "ok");
    const clickedAt = Date.now();
    // The click is stored first; a new list is then pushed (and rendered on arrival). Reload the history
    // soon, and the list too if no push came (e.g. the follow socket is down).
    scheduleInspectorRefresh(700, { list: false });
    setTimeout(() => { if (inspector.userId === userId && inspector.pushedAt < clickedAt) refreshInspector({ list: true }); }, 2500);
  } catch (err) {
    button.disabled = false;
    button.textContent = "Click";
    setPanelMessage("inspect-msg", describeError(err, "reporting the click"), "bad");
  }
}

function onUserFeedMessage(msg) {
  if (msg.type === "subscriptions") {
    const following = (msg.userIds || []).includes(inspector.userId);
    setPill($("inspect-status"), following ? "following live" : "not following", following ? "ok" : "",
      following ? "New lists for " + inspector.userId + " appear here as they are pushed." : "");
  } else if (msg.type === "error") {
    setPanelMessage("inspect-msg", "The live feed refused the subscription: " + msg.message, "bad");
  } else if (msg.type === "recommendations" && msg.userId === inspector.userId) {
    inspector.pushedAt = Date.now();
    inspector.seq++;  // a GET still in flight would be older than this list
    renderList(msg);
    scheduleInspectorRefresh(150, { list: false });
  }
}

/* ---------------------------------------------------------------- Models */

const activationNotes = new Map();  // version → { text, kind, at }: outlives the 10 s re-render for a while
const activating = new Set();       // versions whose activation is in flight (opening a package takes seconds)

function ndcg(metrics, kind) {
  if (!metrics) return null;
  const nested = metrics[kind];
  if (nested && isNum(nested["NDCG@10"])) return nested["NDCG@10"];
  for (const key of [kind + ".NDCG@10", kind + "NDCG@10", kind + "_NDCG@10", "NDCG@10_" + kind]) if (isNum(metrics[key])) return metrics[key];
  return kind === "full" && isNum(metrics["NDCG@10"]) ? metrics["NDCG@10"] : null;
}

async function loadModels() {
  try {
    const data = await api("/v1/models", { panel: "models" });
    renderModels(data);
    renderTraining(data.training);
    setPanelMessage("models-msg", "");
  } catch (err) {
    setPanelMessage("models-msg", describeModelsError(err), err.status === 403 ? "warn" : "bad");
    if (err.status === 401 || err.status === 403) {
      $("models").replaceChildren(el("tr", {}, el("td", { colspan: 8, class: "empty", text: "Hidden without an admin key." })));
      $("training").replaceChildren(el("p", { class: "empty", text: "Hidden without an admin key." }));
    }
    return haltOnAccess(err);
  }
}

function describeModelsError(err) {
  if (err.status === 403) return "This API key lacks the admin role, which the model registry needs (" + err.message + ").";
  return describeError(err, "the model registry");
}

function renderModels(data) {
  const models = data.models || [];
  if (!models.length) {
    $("models").replaceChildren(el("tr", {}, el("td", { colspan: 8, class: "empty", text: "No model is registered." })));
    return;
  }
  const rows = [];
  for (const model of models) {
    rows.push(modelRow(model, data));
    const note = activationNotes.get(model.version);
    if (note && Date.now() - note.at < 60000) {
      rows.push(el("tr", { class: "row-msg" }, el("td", { colspan: 8 }, el("p", { class: "panel-msg " + note.kind, text: note.text }))));
    }
  }
  $("models").replaceChildren(...rows);
}

function modelRow(model, data) {
  const active = model.version === data.active;
  const served = data.served && data.served !== data.active && model.version === data.served;
  return el("tr", { class: active ? "active-row" : null, "data-version": model.version },
    el("td", { class: "version" },
      el("div", { class: "mono", text: model.version }),
      model.note ? el("div", { class: "note", text: model.note }) : null),
    el("td", { class: "small", text: model.kind || "–" }),
    el("td", {},
      el("span", { class: "pill status-" + String(model.status).replace(/[^a-z]/gi, ""), text: model.status || "–" }),
      served ? el("span", { class: "tag", title: "A scoring node still serves this version", text: "served" }) : null),
    el("td", { class: "num", text: fmtNdcg(ndcg(model.metrics, "full")) }),
    el("td", { class: "num", text: fmtNdcg(ndcg(model.metrics, "sampled")) }),
    el("td", { class: "small nowrap", title: model.registeredAt ? "registered " + model.registeredAt : "",
      text: fmtDateTime(model.created || model.registeredAt) }),
    el("td", { class: "small nowrap", text: fmtDateTime(model.activatedAt) }),
    el("td", { class: "action" }, active ? el("span", { class: "muted small", text: "live" })
      : el("button", { type: "button", class: "activate small", "data-version": model.version,
        disabled: activating.has(model.version), text: activating.has(model.version) ? "Activating…" : "Activate",
        onclick: () => activateModel(model.version, data.active) })));
}

const fmtNdcg = (v) => (isNum(v) ? v.toFixed(4) : "–");

async function activateModel(version, current) {
  if (!window.confirm("Activate " + version + "?\n\nIt replaces " + (current || "the live model") + " on every scoring node.")) return;
  activating.add(version);
  for (const button of document.querySelectorAll("button.activate")) {
    if (button.dataset.version === version) { button.disabled = true; button.textContent = "Activating…"; }
  }
  try {
    await api("/v1/models/" + encodeURIComponent(version) + "/activate", { method: "POST", body: {}, panel: "models" });
    activationNotes.set(version, { text: version + " is now the live model.", kind: "ok", at: Date.now() });
  } catch (err) {
    const text = err.status === 409 ? "Not activated: " + err.message : describeModelsError(err);
    activationNotes.set(version, { text, kind: "bad", at: Date.now() });
  }
  activating.delete(version);
  await modelsPoller.now();
}

const TRAINING_LABELS = {
  enabled: "Scheduled", intervalMinutes: "Every", phase: "Phase", runs: "Runs", nextRunAt: "Next run", lastRun: "Last run",
  outcome: "Outcome", version: "Version", summary: "Summary", trigger: "Trigger", startedAt: "Started", finishedAt: "Finished",
  seconds: "Took", path: "Package",
};

function renderTraining(training) {
  const box = $("training");
  if (!training || typeof training !== "object") {
    box.replaceChildren(el("p", { class: "empty", text: "No training service answered: retraining is not running on this system." }));
    return;
  }
  box.replaceChildren(keyValueList(training));
}

function keyValueList(object) {
  const dl = el("dl");
  for (const [key, value] of Object.entries(object)) {
    dl.append(el("dt", { text: TRAINING_LABELS[key] || humanize(key) }), el("dd", {}, trainingValue(key, value)));
  }
  return dl;
}

function trainingValue(key, value) {
  if (value === null || value === undefined) return key === "lastRun" ? "none yet" : "–";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (key === "intervalMinutes" && isNum(value)) return value > 0 ? fmtDuration(value * 60) : "off";
  if (key === "seconds" && isNum(value)) return fmtNum(value, 1) + " s";
  if (Array.isArray(value)) return value.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(", ");
  if (typeof value === "object") return keyValueList(value);
  if (typeof value === "string" && /^\d{4}-\d\d-\d\dT/.test(value)) return fmtDateTime(value) + " (" + fmtRelative(value) + ")";
  if (key === "phase") return el("span", { class: "pill" + (value === "idle" ? "" : " info"), text: value });
  if (key === "outcome") return el("span", { class: "pill" + (value === "activated" ? " ok" : value === "failed" ? " bad" : ""), text: value });
  return isNum(value) ? fmtNum(value, 3) : String(value);
}

const humanize = (key) => key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());

/* ---------------------------------------------------------------- Experiments */

async function loadExperiments() {
  let list;
  try {
    list = (await api("/v1/experiments", { panel: "experiments" })).experiments || [];
  } catch (err) {
    const text = err.status === 403
      ? "This API key lacks the admin role, which experiments need (" + err.message + ")."
      : describeError(err, "the experiments");
    setPanelMessage("experiments-msg", text, err.status === 403 ? "warn" : "bad");
    if (err.status === 401 || err.status === 403) $("experiments").replaceChildren();
    return haltOnAccess(err);
  }
  // Drafts have no results; fetch the others' details side by side.
  const details = await Promise.all(list.map((exp) => (exp.status === "draft" ? null
    : api("/v1/experiments/" + encodeURIComponent(exp.id), { panel: "experiments" }).catch((err) => ({ loadError: err })))));
  setPanelMessage("experiments-msg", "");
  renderExperiments(list, details);
}

function renderExperiments(list, details) {
  if (!list.length) {
    $("experiments").replaceChildren(el("p", { class: "howto" },
      "No experiments yet. Create one with ", el("code", { text: "POST /v1/experiments" }),
      " (an id, and variants naming registered model versions with weights), then start it with ",
      el("code", { text: "POST /v1/experiments/{id}/start" }), ". See ",
      el("a", { href: "/openapi.yaml", text: "the OpenAPI document" }), "."));
    return;
  }
  $("experiments").replaceChildren(...list.map((exp, i) => experimentCard(exp, details[i])));
}

function experimentCard(exp, detail) {
  const card = el("article", { class: "experiment", "data-id": exp.id },
    el("div", { class: "experiment-head" },
      el("span", { class: "name", text: exp.name || exp.id }),
      el("span", { class: "mono muted", text: exp.id }),
      el("span", { class: "pill status-" + String(exp.status).replace(/[^a-z]/gi, ""), text: exp.status })),
    el("div", { class: "experiment-meta", text: experimentTimes(exp) }));
  if (exp.status === "draft") {
    card.append(variantsLine(exp),
      el("p", { class: "howto" }, "Draft: not started. Start it with ", el("code", { text: "POST /v1/experiments/" + exp.id + "/start" }), "."));
  } else if (!detail || detail.loadError) {
    card.append(variantsLine(exp), el("p", { class: "panel-msg bad", text: describeError(detail && detail.loadError, "the results") }));
  } else if (!detail.results) {
    card.append(variantsLine(exp), el("p", { class: "howto", text: "No results yet." }));
  } else {
    card.append(resultsTable(exp, detail.results), sampleRatioLine(detail.results.sampleRatio));
  }
  return card;
}

function experimentTimes(exp) {
  const parts = ["created " + fmtDateTime(exp.createdAt)];
  if (exp.startedAt) parts.push("started " + fmtDateTime(exp.startedAt));
  if (exp.stoppedAt) parts.push("stopped " + fmtDateTime(exp.stoppedAt));
  return parts.join(" · ");
}

function variantsLine(exp) {
  return el("div", { class: "small" }, ...(exp.variants || []).flatMap((v, i) => [
    i ? " · " : "", el("strong", { text: v.name }), v.name === exp.control ? el("span", { class: "tag control", text: "control" }) : null,
    " ", el("span", { class: "mono", text: v.model }), " ×" + fmtNum(v.weight, 2)]));
}

function resultsTable(exp, results) {
  const rows = [];
  for (const [name, v] of Object.entries(results.variants || {})) {
    const isControl = name === results.control;
    rows.push(el("tr", { class: v.vsControl ? "has-vs" : null, "data-variant": name },
      el("td", {}, el("strong", { text: name }), isControl ? el("span", { class: "tag control", text: "control" }) : null,
        isNum(v.weight) ? el("span", { class: "muted small", title: "weight", text: " ×" + fmtNum(v.weight, 2) }) : null,
        el("div", { class: "mono muted", text: v.model || "" })),
      el("td", { class: "num", text: fmtInt(v.users) }),
      el("td", { class: "num", text: fmtInt(v.impressions) }),
      el("td", { class: "num" }, rateWithInterval(v.hitRate)),
      el("td", { class: "num" }, rateWithInterval(v.clickThroughRate)),
      el("td", { class: "num" }, rateWithInterval(v.conversionRate)),
      el("td", { class: "num" }, fmtMoney(v.revenue), el("div", { class: "ci", text: fmtMoney(v.revenuePerUser) + " / user" }))));
    if (v.vsControl) rows.push(vsControlRow(v, (results.variants || {})[results.control]));
  }
  return el("div", { class: "table-wrap" }, el("table", {},
    el("thead", {}, el("tr", {},
      el("th", { text: "Variant" }), el("th", { class: "num", text: "Users" }), el("th", { class: "num", text: "Lists" }),
      el("th", { class: "num", text: "Hit rate" }), el("th", { class: "num", text: "CTR" }),
      el("th", { class: "num", text: "Conversion" }), el("th", { class: "num", text: "Revenue" }))),
    el("tbody", {}, rows)));
}

/** A rate as "12.3%" with its interval below, e.g. "[10.1–14.8]" (percent). */
function rateWithInterval(rate) {
  if (!rate || !isNum(rate.value) || !rate.trials) return el("span", { class: "muted", text: "–" });
  return el("span", { title: fmtInt(rate.successes) + " of " + fmtInt(rate.trials) },
    fmtPct(rate.value), " ", el("span", { class: "ci", text: "[" + (100 * rate.low).toFixed(1) + "–" + (100 * rate.high).toFixed(1) + "]" }));
}

function vsControlRow(variant, control) {
  const vs = variant.vsControl;
  const parts = [["hit rate", "hitRate"], ["CTR", "clickThroughRate"], ["conversion", "conversionRate"]];
  // Without trials the interval is the whole range: say "no data" instead of printing ±100 pp.
  return el("tr", { class: "vs-row" }, el("td", { colspan: 7 }, "vs control: ",
    ...parts.map(([label, field]) => (hasTrials(variant, field) && hasTrials(control, field)
      ? diffSpan(label, vs[field]) : el("span", { class: "diff", text: label + ": no data yet" })))));
}

const hasTrials = (variant, field) => Boolean(variant && variant[field] && variant[field].trials > 0);

/** A difference to control in percentage points with its interval; coloured only when significant. */
function diffSpan(label, d) {
  if (!d || !isNum(d.difference)) return el("span", { class: "diff", text: label + " –" });
  const pp = (x) => (x > 0 ? "+" : x < 0 ? "−" : "") + Math.abs(100 * x).toFixed(1);
  const kind = d.significant ? (d.difference > 0 ? "good" : d.difference < 0 ? "bad" : "") : "";
  const lift = isNum(d.relativeLift) ? ", " + (d.relativeLift >= 0 ? "+" : "−") + Math.abs(100 * d.relativeLift).toFixed(1) + "% lift" : "";
  return el("span", { class: "diff " + kind, title: d.significant ? "The interval excludes 0" : "Not significant: the interval includes 0" },
    label + " " + pp(d.difference) + " pp [" + pp(d.low) + ", " + pp(d.high) + "]" + lift);
}

function sampleRatioLine(srm) {
  if (!srm) return el("p", { class: "srm", text: "Sample ratio: not computed yet." });
  const p = isNum(srm.pValue) ? (srm.pValue < 0.0001 ? srm.pValue.toExponential(1) : srm.pValue.toFixed(4)) : "–";
  const stats = "χ² " + fmtNum(srm.chiSquare, 2) + " (df " + fmtInt(srm.degreesOfFreedom) + "), p = " + p;
  if (srm.mismatch) {
    return el("p", { class: "srm warn", text: "⚠ Sample ratio mismatch: " + stats + " < " + srm.threshold
      + ". Users are not split as the weights say; do not trust these results." });
  }
  return el("p", { class: "srm", text: "Sample ratio: " + stats + " — users are split as the weights say." });
}

/* ---------------------------------------------------------------- Start-up and retries */

const metricsPoller = poller(pollMetrics, METRICS_POLL_MS);
const modelsPoller = poller(loadModels, ADMIN_REFRESH_MS);
const experimentsPoller = poller(loadExperiments, ADMIN_REFRESH_MS);

/** After a new API key: reload every panel and reopen the sockets with it. */
function retryEverything() {
  metricsPoller.now();
  loadChartHistory();
  loadRecentPushes();
  firehose.reconnect();
  modelsPoller.now();
  experimentsPoller.now();
  if (inspector.userId) inspectUser(inspector.userId);
}

function wireForms() {
  $("key-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const key = $("key-input").value.trim();
    if (!key) return;
    storeKey(key);
    $("key-input").value = "";
    missingForKey.clear();
    renderKeyBanner();
    retryEverything();
  });
  $("key-forget").addEventListener("click", () => {
    storeKey("");
    renderKeyBanner();
    retryEverything();
  });
  $("inspect-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const userId = $("inspect-user").value.trim();
    if (userId) inspectUser(userId);
  });
}

function start() {
  wireForms();
  renderKeyBanner();
  watchChartSizes();
  redrawCharts();
  metricsPoller.now();
  loadChartHistory();
  setInterval(addLiveChartPoint, CHART_TICK_MS);
  loadRecentPushes();
  firehose.reconnect();
  setInterval(renderPushRate, 1000);
  modelsPoller.now();
  experimentsPoller.now();
}

start();
