// Regiekamer trainer console: behind the PIN, on the trainer's phone or a second screen.
// Pause, resume and speed per table or for all; injects with the trainer's own text; hold
// the class at a day with a discussion question; seats between device and bot; bookmarks;
// end the round; a live view of the tables and who is connected. Built from the host's
// `class` message (docs/network.md); every text goes in with textContent.

import { HostLink, WORDS, clockText, currentLang, el, errorText, formatValue, pick, setLang, t, toast } from "./common.js";

Object.assign(WORDS.nl, {
  design: "Ontwerpfase: {turn} aan zet · nog {left} van {minutes} min · {open} van {items} punten open · {moves} zetten",
  design_agreed: "Ontwerpfase: contract overeengekomen na {moves} zetten",
  design_lapsed: "Ontwerpfase: geen akkoord, het startbod geldt",
  design_closed: "Ontwerpfase: door u gesloten, het startbod geldt",
  design_extend: "+{n} min",
  design_close: "Fase sluiten (startbod geldt)",
  console_title: "Trainer",
  login_title: "Trainerconsole",
  pin: "Pincode",
  login: "Inloggen",
  all: "Alle tafels",
  pause_all: "Alles pauzeren",
  resume_all: "Alles starten",
  speed: "Snelheid",
  end_all: "Ronde beëindigen (alle tafels)",
  end_table: "Ronde beëindigen",
  confirm: "Zeker? Klik nogmaals",
  join_at: "Deelnemers: {url}",
  hold: "Klas stilzetten met een vraag",
  hold_day: "Op dag (0 = eerste dag)",
  hold_at: "Op {unit} (0 = de eerste)",
  hold_button_at: "Stilzetten op die {unit}",
  hold_now_at: "Stil op {unit} {day}: {question}",
  hold_question: "Discussievraag (op de projector en de apparaten)",
  hold_button: "Stilzetten op die dag",
  release: "Doorgaan",
  hold_now: "Stil op dag {day}: {question}",
  inject: "Inject",
  which_table: "Tafel",
  every_table: "alle tafels",
  inject_name: "Gebeurtenis",
  severity: "Zwaarte (0–1)",
  inject_text: "Eigen tekst (krantenkop, raadsvraag)",
  inject_button: "Inject afvuren",
  bookmark: "Bladwijzer voor de nabespreking",
  tag: "Label",
  bookmark_note: "Notitie (alleen voor de trainer)",
  bookmark_button: "Bladwijzer zetten",
  tables: "Tafels",
  table: "Tafel {n}",
  pause: "Pauze",
  resume: "Start",
  device: "apparaat",
  devices: "{n} verbonden",
  nobody: "niemand verbonden",
  bot: "bot: {name}",
  to_bot: "Aan bot geven",
  to_device: "Terug naar apparaat",
  waits: "klok wacht",
  code_is: "code {code}",
  bookmarks_n: "{n} bladwijzers",
  done: "Gedaan.",
  "role.regisseur": "regisseur", "role.executor": "uitvoerder", "role.wethouder": "wethouder",
});
Object.assign(WORDS.en, {
  design: "Design phase: {turn} to move · {left} of {minutes} min left · {open} of {items} items open · {moves} moves",
  design_agreed: "Design phase: contract agreed after {moves} moves",
  design_lapsed: "Design phase: no agreement, the starting offer holds",
  design_closed: "Design phase: closed by you, the starting offer holds",
  design_extend: "+{n} min",
  design_close: "Close the phase (starting offer holds)",
  console_title: "Trainer",
  login_title: "Trainer console",
  pin: "PIN",
  login: "Log in",
  all: "All tables",
  pause_all: "Pause all",
  resume_all: "Start all",
  speed: "Speed",
  end_all: "End the round (all tables)",
  end_table: "End the round",
  confirm: "Sure? Click again",
  join_at: "Participants: {url}",
  hold: "Hold the class with a question",
  hold_day: "At day (0 = first day)",
  hold_at: "At {unit} (0 = the first)",
  hold_button_at: "Hold at that {unit}",
  hold_now_at: "Held at {unit} {day}: {question}",
  hold_question: "Discussion question (on the projector and the devices)",
  hold_button: "Hold at that day",
  release: "Carry on",
  hold_now: "Held at day {day}: {question}",
  inject: "Inject",
  which_table: "Table",
  every_table: "all tables",
  inject_name: "Event",
  severity: "Severity (0–1)",
  inject_text: "Your own text (a headline, a council question)",
  inject_button: "Fire the inject",
  bookmark: "Bookmark for the debrief",
  tag: "Tag",
  bookmark_note: "Note (for the trainer only)",
  bookmark_button: "Set the bookmark",
  tables: "Tables",
  table: "Table {n}",
  pause: "Pause",
  resume: "Start",
  device: "device",
  devices: "{n} connected",
  nobody: "nobody connected",
  bot: "bot: {name}",
  to_bot: "Hand to a bot",
  to_device: "Back to the device",
  waits: "clock waits",
  code_is: "code {code}",
  bookmarks_n: "{n} bookmarks",
  done: "Done.",
  "role.regisseur": "regisseur", "role.executor": "executor", "role.wethouder": "wethouder",
});

const TOKEN_KEY = "regiekamer.trainer";
const $ = (id) => document.getElementById(id);
const desk = { cls: null, online: false, tablesKey: "", optionsKey: "" };

const link = new HostLink({
  onOpen: () => {
    const token = localStorage.getItem(TOKEN_KEY);
    if (token) link.send({ type: "rejoin", token });
    else showLogin();
  },
  onMessage: receive,
  onStatus: (up) => {
    desk.online = up;
    $("link").textContent = up ? "●" : `● ${t("offline")}`;
    $("link").className = up ? "link up" : "link down";
  },
});

function receive(msg) {
  if (msg.type === "welcome") {
    if (msg.role !== "trainer") { localStorage.removeItem(TOKEN_KEY); showLogin(); return; }
    localStorage.setItem(TOKEN_KEY, msg.token);
    $("scenario").textContent = pick(msg.scenario);
    $("login").hidden = true;
    $("desk").hidden = false;
  } else if (msg.type === "class") {
    desk.cls = msg;
    draw();
  } else if (msg.type === "ack") {
    toast(msg.ok ? t("done") : t("refused", { reason: pick(msg.reason_text, msg.reason) }), msg.ok ? "good" : "bad");
  } else if (msg.type === "error") {
    if (msg.code === "bad_token") { localStorage.removeItem(TOKEN_KEY); showLogin(errorText(msg)); return; }
    if ($("desk").hidden) { $("login-error").textContent = errorText(msg); return; }
    toast(errorText(msg), "bad");
  }
}

function showLogin(error = "") {
  $("desk").hidden = true;
  $("login").hidden = false;
  $("login-error").textContent = error;
  $("pin").focus();
}

function command(what) {
  link.send({ type: "command", id: link.id("c"), do: what });
}

// --- drawing ----------------------------------------------------------------------------------
function drawWords() {
  document.documentElement.lang = currentLang();
  $("lang").textContent = t("lang_other");
  const texts = {
    title: "app", "login-title": "login_title", "pin-label": "pin", "login-button": "login",
    "all-title": "all", "pause-all": "pause_all", "resume-all": "resume_all", "speed-all-label": "speed",
    "end-all": "end_all", "hold-title": "hold", "hold-day-label": "hold_day", "hold-q-label": "hold_question",
    "hold-button": "hold_button", "release-button": "release", "inject-title": "inject",
    "inject-table-label": "which_table", "inject-name-label": "inject_name", "inject-sev-label": "severity",
    "inject-text-label": "inject_text", "inject-button": "inject_button", "bookmark-title": "bookmark",
    "bookmark-table-label": "which_table", "bookmark-tag-label": "tag", "bookmark-note-label": "bookmark_note",
    "bookmark-button": "bookmark_button", "tables-title": "tables",
  };
  for (const [id, key] of Object.entries(texts)) $(id).textContent = t(key);
}

function draw(force = false) {
  const c = desk.cls;
  if (!c) return;
  $("join-url").textContent = t("join_at", { url: c.url });
  const hold = c.hold;
  $("hold-now").hidden = !hold;
  // A family whose clock counts other units than days (a process: weeks) names its unit.
  const unit = c.hold_unit && c.hold_unit.en !== "day" ? pick(c.hold_unit) : "";
  if (unit) {
    $("hold-day-label").textContent = t("hold_at", { unit });
    $("hold-button").textContent = t("hold_button_at", { unit });
  }
  const held = unit ? t("hold_now_at", { unit, day: hold && hold.day, question: hold && hold.question }) : "";
  $("hold-now").textContent = hold ? held || t("hold_now", { day: hold.day, question: hold.question }) : "";
  drawOptions(c, force);
  const speeds = new Set(c.tables.map((tb) => tb.clock.speed));
  if (speeds.size === 1 && document.activeElement !== $("speed-all")) $("speed-all").value = [...speeds][0];
  if (!$("hold-day").value && document.activeElement !== $("hold-day")) {
    $("hold-day").value = Math.max(...c.tables.map((tb) => tb.clock.day)) + 1;
  }
  drawTables(c, force);
}

// The forms' choices (tables, injects, speeds) only change with the class or the language.
function drawOptions(c, force) {
  const key = JSON.stringify([c.tables.length, c.injects, c.speeds, currentLang()]);
  if (key === desk.optionsKey && !force) return;
  desk.optionsKey = key;
  const tables = () => [el("option", { value: "", text: t("every_table") }),
    ...c.tables.map((tb) => el("option", { value: tb.table, text: t("table", { n: tb.table }) }))];
  for (const id of ["inject-table", "bookmark-table"]) keepValue($(id), tables());
  keepValue($("inject-name"), c.injects.map((i) => el("option", { value: i.name, text: pick(i.label, i.name) })));
  keepValue($("speed-all"), c.speeds.map((s) => el("option", { value: s, text: `${s}×` })));
}

function keepValue(select, options) {
  const value = select.value;
  select.replaceChildren(...options);
  if ([...select.options].some((o) => o.value === value)) select.value = value;
}

function drawTables(c, force) {
  const box = $("tables");
  const key = JSON.stringify([c.tables, currentLang()]);
  if ((key === desk.tablesKey && !force) || (box.contains(document.activeElement) && document.activeElement.tagName === "SELECT")) return;
  desk.tablesKey = key;
  box.replaceChildren(...c.tables.map((tb) => tableCard(tb, c)));
}

function clockStatus(clock) {
  if (clock.ended) return [t("ended"), "muted"];
  if (clock.finished) return [t("finished"), "muted"];
  if (clock.held) return [t("held"), "warn"];
  if (clock.paused) return [t("paused"), "warn"];
  if ((clock.waiting || []).length) return [t("waiting_other"), "warn"];
  return [t("running", { speed: clock.speed }), "good"];
}

function tableCard(tb, c) {
  const n = tb.table;
  const [status, kind] = clockStatus(tb.clock);
  const card = el("article", { class: "card table", "data-table": n });
  card.append(el("div", { class: "head" },
    el("h3", { text: t("table", { n }) }),
    el("span", { class: "when", text: clockText(tb.clock) }),
    el("span", { class: `status ${kind}`, text: status })));
  const speed = el("select", { "aria-label": t("speed") },
    ...c.speeds.map((s) => el("option", { value: s, text: `${s}×`, selected: s === tb.clock.speed })));
  speed.addEventListener("change", () => command({ command: "speed", table: n, value: Number(speed.value) }));
  card.append(el("div", { class: "row" },
    el("button", { type: "button", text: t("pause"), onclick: () => command({ command: "pause", table: n }), disabled: tb.clock.ended }),
    el("button", { type: "button", class: "primary", text: t("resume"), onclick: () => command({ command: "resume", table: n }), disabled: tb.clock.ended }),
    speed,
    confirmButton("end_table", () => command({ command: "end_round", table: n }), tb.clock.ended)));
  if (tb.design) card.append(designLine(n, tb.design, c));
  const seats = el("ul", { class: "seats" });
  // The table's own seats (a family's: three roles, or the procesregisseur and the parties).
  for (const role of Object.keys(tb.seats)) seats.append(seatLine(n, role, tb.seats[role], c.bots[role] || [], c));
  card.append(seats);
  const kpis = el("dl", { class: "facts kpis-line" });
  for (const [key, value] of Object.entries(tb.kpis || {})) {
    const info = (c.kpi_labels || {})[key] || {};
    kpis.append(el("dt", { text: pick(info.label, key) }), el("dd", { text: formatValue(value, info.unit) }));
  }
  card.append(kpis);
  if (tb.bookmarks) card.append(el("p", { class: "muted small", text: t("bookmarks_n", { n: tb.bookmarks }) }));
  return card;
}

// The table's design phase: whose move, the table clock, what is open; more time or close.
function designLine(n, d, c) {
  const box = el("div", { class: "design-line", "data-status": d.status });
  if (d.status !== "open") {
    box.append(el("p", { class: "small", text: t(`design_${d.status}`, { moves: d.moves }) }));
    return box;
  }
  const turn = d.turn ? seatWord(d.turn, c) : "—";
  box.append(el("p", { class: "small", text: t("design", { turn, left: Math.round(d.minutes_left),
    minutes: Math.round(d.minutes), open: d.open_items, items: d.items, moves: d.moves }) }));
  box.append(el("div", { class: "row" },
    ...[5, 10].map((m) => el("button", { type: "button", class: "small", "data-extend": m, text: t("design_extend", { n: m }),
      onclick: () => command({ command: "design_extend", table: n, minutes: m }) })),
    confirmButton("design_close", () => command({ command: "design_close", table: n }))));
  return box;
}

function seatWord(role, c) {
  const named = (c.seat_labels || []).find((s) => s.name === role);
  return named ? pick(named.label, role) : t(`role.${role}`);
}

function seatLine(table, role, seat, bots, c) {
  const li = el("li", { class: `seat ${seat.held_by}${seat.waiting ? " waiting" : ""}`, "data-role": role });
  const who = seat.held_by === "bot"
    ? t("bot", { name: pick((bots.find((b) => b.name === seat.bot) || {}).label, seat.bot || "") })
    : (seat.connected ? t("devices", { n: seat.connected }) : t("nobody"));
  li.append(el("strong", { text: seatWord(role, c) }), " ",
    el("span", { class: "code", text: t("code_is", { code: seat.code }) }), " ",
    el("span", { class: seat.held_by === "device" && !seat.connected ? "off" : "", text: who }));
  if ((seat.names || []).length) li.append(" · ", el("span", { class: "names", text: seat.names.join(", ") }));
  if (seat.waiting) li.append(" ", el("span", { class: "status warn", text: t("waits") }));
  const tools = el("span", { class: "tools" });
  if (seat.held_by === "device") {
    const pickBot = el("select", { "aria-label": t("to_bot") },
      ...bots.map((b) => el("option", { value: b.name, text: pick(b.label, b.name) })));
    tools.append(pickBot, el("button", { type: "button", class: "small", text: t("to_bot"),
      onclick: () => command({ command: "seat", table, role, to: "bot", bot: pickBot.value || null }) }));
  } else {
    tools.append(el("button", { type: "button", class: "small", text: t("to_device"),
      onclick: () => command({ command: "seat", table, role, to: "device", bot: null }) }));
  }
  li.append(tools);
  return li;
}

// A button for what cannot be undone: the first click asks, a second within 5 s does it.
function confirmButton(labelKey, act, disabled = false) {
  const button = el("button", { type: "button", class: "danger", text: t(labelKey), disabled });
  let armed = null;
  button.addEventListener("click", () => {
    if (armed) { clearTimeout(armed); armed = null; button.textContent = t(labelKey); act(); return; }
    button.textContent = t("confirm");
    armed = setTimeout(() => { armed = null; button.textContent = t(labelKey); }, 5000);
  });
  return button;
}

function tableValue(id) {
  const v = $(id).value;
  return v === "" ? null : Number(v);
}

// --- start ------------------------------------------------------------------------------------
function start() {
  setLang(currentLang());
  drawWords();
  $("login-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    link.send({ type: "login", pin: $("pin").value });
  });
  $("pause-all").addEventListener("click", () => command({ command: "pause", table: null }));
  $("resume-all").addEventListener("click", () => command({ command: "resume", table: null }));
  $("speed-all").addEventListener("change", () => command({ command: "speed", table: null, value: Number($("speed-all").value) }));
  $("end-all").replaceWith(Object.assign(confirmButton("end_all", () => command({ command: "end_round", table: null })), { id: "end-all" }));
  $("hold-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    command({ command: "hold", day: Math.max(0, Math.round(Number($("hold-day").value))), question: $("hold-question").value.trim() });
  });
  $("release-button").addEventListener("click", () => command({ command: "release" }));
  $("inject-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    command({ command: "inject", table: tableValue("inject-table"), name: $("inject-name").value,
      severity: Math.min(1, Math.max(0, Number($("inject-severity").value))), text: $("inject-text").value.trim() });
  });
  $("bookmark-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    command({ command: "bookmark", table: tableValue("bookmark-table"), tag: $("bookmark-tag").value.trim(),
      note: $("bookmark-note").value.trim() });
  });
  $("lang").addEventListener("click", () => {
    setLang(currentLang() === "nl" ? "en" : "nl");
    drawWords();
    $("end-all").textContent = t("end_all");
    draw(true);
  });
  link.connect();
}

start();
