// Regiekamer: what the participant page and the trainer's console share.
// The connection to the host (WebSocket /ws, reconnecting with backoff), the page's own
// words in Dutch and English, the language switch, and a DOM helper that puts every text
// in with textContent (never parsed as markup): text from participants, the trainer and the model
// is always shown as text. Protocol: docs/network.md.

export const WORDS = {
  nl: {
    app: "Regiekamer",
    lang_other: "English",
    lang_label: "Taal / language",
    join_title: "Meedoen",
    join_intro: "Vul de code in die op het scherm bij uw tafel en rol staat (of scan de QR-code).",
    code: "Code",
    name: "Uw naam of die van uw team (mag leeg)",
    join: "Meedoen",
    joining: "Bezig met aanmelden…",
    leave: "Afmelden op dit apparaat",
    table_role: "Tafel {table} · {role}",
    online: "verbonden",
    offline: "verbinding weg; opnieuw proberen…",
    paused: "Pauze",
    held: "De klas staat stil",
    running: "Klok loopt ({speed}×)",
    waiting_you: "De klok wacht op u",
    waiting_other: "De klok wacht op een andere rol",
    finished: "De winter is voorbij",
    ended: "De ronde is afgelopen",
    tab_decide: "Beslissen",
    tab_panel: "Dashboard",
    tab_inbox: "Inbox",
    decisions: "Beslissingen",
    no_decisions: "Er ligt nu niets op u te wachten.",
    actions: "Wat u kunt doen",
    no_actions: "Op dit moment geen acties.",
    knows: "Wat u weet",
    context: "Waar het om gaat",
    deadline: "uiterlijk {when}",
    note: "Toelichting toevoegen (de afweging van uw team)",
    send: "Versturen",
    sent: "Verstuurd en vastgelegd.",
    refused: "Niet gelukt: {reason}",
    panel: "Uw dashboard",
    inbox: "Inbox",
    inbox_empty: "Nog geen berichten.",
    trainer_says: "Van de trainer",
    question: "Bespreek aan uw tafel",
    bot_holds: "De trainer heeft uw rol even aan een bot gegeven. U kunt meekijken.",
    section_weather: "Weer nu",
    section_forecast: "Verwachting",
    section_public: "Op straat",
    section_private: "Alleen voor u",
    ref: "referentie {value}",
    // errors (codes of docs/network.md)
    "error.bad_code": "Deze code kennen we niet. Kijk nog eens op het scherm.",
    "error.bad_token": "Uw plek is niet meer bekend; meld u opnieuw aan met de code.",
    "error.seat_full": "Op deze rol zitten al genoeg apparaten.",
    "error.locked_out": "Te vaak een verkeerde code; wacht een minuut.",
    "error.rate_limited": "Even rustig aan: te veel berichten tegelijk.",
    "error.seat_with_bot": "Een bot speelt uw rol nu; vraag de trainer om hem terug.",
    "error.table_ended": "De ronde aan deze tafel is afgelopen.",
    "error.not_joined": "Meld u eerst aan.",
    "error.bad_message": "Het bericht klopte niet: {message}",
    "error.bad_pin": "Verkeerde pincode.",
    "error.bad_command": "Dat kan nu niet: {message}",
    "error.other": "Fout: {message}",
  },
  en: {
    app: "Regiekamer",
    lang_other: "Nederlands",
    lang_label: "Language / taal",
    join_title: "Join",
    join_intro: "Type the code shown on the screen for your table and role (or scan the QR code).",
    code: "Code",
    name: "Your name or your team's (may stay empty)",
    join: "Join",
    joining: "Joining…",
    leave: "Leave on this device",
    table_role: "Table {table} · {role}",
    online: "connected",
    offline: "connection lost; trying again…",
    paused: "Paused",
    held: "The class is held",
    running: "Clock running ({speed}×)",
    waiting_you: "The clock waits for you",
    waiting_other: "The clock waits for another role",
    finished: "The winter is over",
    ended: "The round has ended",
    tab_decide: "Decide",
    tab_panel: "Dashboard",
    tab_inbox: "Inbox",
    decisions: "Decisions",
    no_decisions: "Nothing is waiting for you now.",
    actions: "What you can do",
    no_actions: "No actions at the moment.",
    knows: "What you know",
    context: "What it is about",
    deadline: "by {when}",
    note: "Add a note (your team’s reasoning)",
    send: "Send",
    sent: "Sent and logged.",
    refused: "Not done: {reason}",
    panel: "Your dashboard",
    inbox: "Inbox",
    inbox_empty: "No messages yet.",
    trainer_says: "From the trainer",
    question: "Discuss at your table",
    bot_holds: "The trainer has handed your role to a bot for now. You can watch.",
    section_weather: "Weather now",
    section_forecast: "Forecast",
    section_public: "On the street",
    section_private: "Only for you",
    ref: "reference {value}",
    "error.bad_code": "We do not know this code. Look at the screen again.",
    "error.bad_token": "Your seat is no longer known; join again with the code.",
    "error.seat_full": "Enough devices share this role already.",
    "error.locked_out": "Too many wrong codes; wait a minute.",
    "error.rate_limited": "Slow down: too many messages at once.",
    "error.seat_with_bot": "A bot plays your role now; ask the trainer to hand it back.",
    "error.table_ended": "The round at this table has ended.",
    "error.not_joined": "Join first.",
    "error.bad_message": "The message was not right: {message}",
    "error.bad_pin": "Wrong PIN.",
    "error.bad_command": "That cannot be done now: {message}",
    "error.other": "Error: {message}",
  },
};

const LANG_KEY = "regiekamer.lang";

/** The page's language: saved choice, else the browser's (Dutch unless it asks English). */
export function currentLang() {
  const saved = localStorage.getItem(LANG_KEY);
  if (saved === "nl" || saved === "en") return saved;
  return (navigator.language || "nl").toLowerCase().startsWith("en") ? "en" : "nl";
}

export function setLang(lang) {
  localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = lang;
}

/** One of the page's own texts, with {name} placeholders filled in. */
export function t(key, values = {}) {
  const words = WORDS[currentLang()];
  const text = key in words ? words[key] : WORDS.nl[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}

/** A text the host sent in both languages ({nl, en}), in the page's language. */
export function pick(both, fallback = "") {
  if (both === null || both === undefined) return fallback;
  if (typeof both === "string") return both;
  return both[currentLang()] || both.nl || both.en || fallback;
}

/** An element with attributes and children; strings become text nodes (never markup). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = String(v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** A number the way the page's language writes it. */
export function num(value, decimals = 0) {
  if (typeof value !== "number" || !Number.isFinite(value)) return "–";
  return value.toLocaleString(currentLang() === "en" ? "en-GB" : "nl-NL", {
    minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A value with a unit code of game/data/fields.yaml (used when the host sent no `shown`). */
export function formatValue(value, unit) {
  if (value === null || value === undefined) return "–";
  if (typeof value === "boolean") return currentLang() === "en" ? (value ? "yes" : "no") : (value ? "ja" : "nee");
  if (typeof value !== "number") return String(value);
  switch (unit) {
    case "eur": return (currentLang() === "en" ? "€" : "€ ") + num(value, 0);
    case "pct": case "%": return num(value, 0) + "%";
    case "frac": return num(100 * value, 0) + "%";
    case "temp_c": return num(value, 1) + " °C";
    case "int": return num(value, 0);
    default: return num(value, Math.abs(value) < 10 ? 2 : 0);
  }
}

/** A value item's text: the host's `shown` in this language, else formatted here. */
export function shown(item) {
  if (item.shown) return pick(item.shown);
  return formatValue(item.value, item.unit);
}

/** A small line chart (inline SVG) of a series, zero-based unless bounds are given. */
export function sparkline(values, { width = 120, height = 28, lo = null, hi = null } = {}) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("class", "spark");
  svg.setAttribute("aria-hidden", "true");
  const pts = values.filter((v) => typeof v === "number" && Number.isFinite(v));
  if (pts.length < 2) return svg;
  const min = lo ?? Math.min(0, ...pts);
  let max = hi ?? Math.max(...pts);
  if (max - min < 1e-9) max = min + 1;
  const step = (width - 2) / (pts.length - 1);
  const path = pts.map((v, i) => `${(1 + i * step).toFixed(1)},${(height - 2 - ((v - min) / (max - min)) * (height - 4)).toFixed(1)}`);
  const line = document.createElementNS(ns, "polyline");
  line.setAttribute("points", path.join(" "));
  svg.append(line);
  return svg;
}

/** The connection to the host: sends JSON, hands every message to `onMessage`, and
 * reconnects with backoff (1, 2, 4 … 15 s), calling `onOpen` each time it is up. */
export class HostLink {
  constructor({ onOpen, onMessage, onStatus }) {
    this.onOpen = onOpen;
    this.onMessage = onMessage;
    this.onStatus = onStatus || (() => {});
    this.delay = 1000;
    this.ws = null;
    this.stopped = false;
    this.nextId = 1;
  }

  connect() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(`${scheme}//${location.host}/ws`);
    this.ws = ws;
    ws.addEventListener("open", () => {
      this.delay = 1000;
      this.onStatus(true);
      this.onOpen();
    });
    ws.addEventListener("message", (ev) => {
      let msg;
      try { msg = JSON.parse(ev.data); } catch { return; }
      this.onMessage(msg);
    });
    ws.addEventListener("close", () => {
      this.onStatus(false);
      if (this.stopped) return;
      setTimeout(() => this.connect(), this.delay);
      this.delay = Math.min(this.delay * 2, 15000);
    });
  }

  send(msg) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify(msg));
      return true;
    }
    return false;
  }

  /** A request id of this page (echoed in the host's ack). */
  id(prefix = "r") {
    return `${prefix}${this.nextId++}`;
  }
}

/** The words for an error reply, in the page's language. */
export function errorText(msg) {
  const key = `error.${msg.code}`;
  return key in WORDS.nl ? t(key, { message: msg.message || "" }) : t("error.other", { message: msg.message || msg.code });
}

/** A short notice at the bottom of the screen. */
export function toast(text, kind = "info") {
  let box = document.getElementById("toasts");
  if (!box) {
    box = el("div", { id: "toasts", role: "status", "aria-live": "polite" });
    document.body.append(box);
  }
  const item = el("div", { class: `toast ${kind}`, text });
  box.append(item);
  setTimeout(() => item.remove(), kind === "bad" ? 7000 : 3500);
}

/** Date and clock time of a state's clock, in the page's language ("za 1 nov 10:00"). */
export function clockText(clock) {
  if (clock && clock.text) return pick(clock.text);  // a family's own clock words (weeks)
  if (!clock || !clock.date) return "";
  const d = new Date(`${clock.date}T00:00:00`);
  const day = d.toLocaleDateString(currentLang() === "en" ? "en-GB" : "nl-NL",
    { weekday: "short", day: "numeric", month: "short" });
  return `${day} ${String(clock.hour % 24).padStart(2, "0")}:00`;
}
