// Regiekamer participant page: join a seat, then see and do what that role may.
// Everything on the page is drawn from the host's `state` message (docs/network.md):
// decision points, their options and fields, the role's actions, indicators, the
// observation and the inbox arrive as data with words in both languages, so a new
// decision kind or action needs no code here. Every text goes in with textContent.

import {
  HostLink, clockText, currentLang, el, errorText, formatValue, pick, setLang, shown,
  sparkline, t, toast,
} from "./common.js";
import { designForm, phasePanel, prepareCard, riskCard } from "./design.js";

const TOKEN_KEY = "regiekamer.token";
const $ = (id) => document.getElementById(id);
const page = { welcome: null, state: null, pending: new Map(), decideKey: "", online: false };

const link = new HostLink({
  onOpen: () => {
    page.decideKey = "";  // a card waiting for an ack that was lost is drawn afresh
    page.pending.clear();
    const token = localStorage.getItem(TOKEN_KEY);
    if (token) link.send({ type: "rejoin", token });
    else showJoin();
  },
  onMessage: receive,
  onStatus: (up) => { page.online = up; drawLink(); },
});

// --- messages from the host -----------------------------------------------------------------
function receive(msg) {
  switch (msg.type) {
    case "welcome":
      if (msg.role === "trainer") { location.href = "/console"; return; }
      localStorage.setItem(TOKEN_KEY, msg.token);
      page.welcome = msg;
      $("join").hidden = true;
      $("play").hidden = false;
      drawSeat();
      break;
    case "state":
      page.state = msg;
      draw();
      break;
    case "ack":
      settle(msg);
      break;
    case "message":
      toast(msg.text, msg.kind === "question" ? "warn" : "info");
      break;
    case "error":
      refused(msg);
      break;
    default:
      break;
  }
}

function refused(msg) {
  if (msg.code === "bad_token") {
    localStorage.removeItem(TOKEN_KEY);
    showJoin(errorText(msg));
    return;
  }
  if (!page.welcome) {
    $("join-error").textContent = errorText(msg);
    $("join-button").disabled = false;
    return;
  }
  if (msg.id && page.pending.has(msg.id)) unlock(page.pending.get(msg.id));
  page.pending.delete(msg.id);
  toast(errorText(msg), "bad");
}

function settle(ack) {
  const card = page.pending.get(ack.id);
  page.pending.delete(ack.id);
  if (ack.ok) {
    toast(t("sent"), "good");
    if (card) card.classList.add("done");
  } else {
    toast(t("refused", { reason: pick(ack.reason_text, ack.reason) }), "bad");
    if (card) unlock(card);
  }
}

// --- joining ----------------------------------------------------------------------------------
function showJoin(error = "") {
  page.welcome = null;
  $("play").hidden = true;
  $("join").hidden = false;
  $("join-error").textContent = error;
  $("join-button").disabled = false;
  const code = new URLSearchParams(location.search).get("code");
  if (code && !$("code").value) $("code").value = code.toUpperCase().slice(0, 4);
  ($("code").value ? $("name") : $("code")).focus();
}

function join(ev) {
  ev.preventDefault();
  const code = $("code").value.trim().toUpperCase();
  const name = $("name").value.trim().slice(0, 40);
  $("join-error").textContent = "";
  if (!/^[A-Z0-9]{4}$/.test(code)) {
    $("join-error").textContent = t("error.bad_code");
    return;
  }
  $("join-button").disabled = true;
  $("join-button").textContent = t("joining");
  if (!link.send({ type: "join", code, name })) $("join-button").disabled = false;
}

// --- drawing ----------------------------------------------------------------------------------
function drawWords() {
  document.documentElement.lang = currentLang();
  $("lang").textContent = t("lang_other");
  $("lang").setAttribute("aria-label", t("lang_label"));
  for (const [id, key] of [["join-title", "join_title"], ["join-intro", "join_intro"],
    ["code-label", "code"], ["name-label", "name"], ["join-button", "join"],
    ["tab-decide", "tab_decide"], ["tab-panel", "tab_panel"], ["tab-inbox", "tab_inbox"],
    ["decisions-title", "decisions"], ["actions-title", "actions"], ["panel-title", "panel"],
    ["inbox-title", "inbox"], ["leave", "leave"]]) {
    $(id).textContent = t(key);
  }
  drawLink();
}

function drawLink() {
  const box = $("link");
  box.textContent = page.online ? "●" : `● ${t("offline")}`;
  box.className = page.online ? "link up" : "link down";
  box.title = page.online ? t("online") : t("offline");
}

function drawSeat() {
  const w = page.welcome;
  if (!w) return;
  $("seat-label").textContent = t("table_role", { table: w.table, role: pick(w.role_label, w.role) });
}

function draw(force = false) {
  const s = page.state;
  if (!s) return;
  drawSeat();
  drawClock(s.clock);
  drawNotices(s);
  drawDecide(s, force);
  drawPanel(s);
  drawFeed(s.feed || []);
}

function drawClock(clock) {
  $("clock-time").textContent = clockText(clock);
  const mine = page.welcome && (clock.waiting || []).includes(page.welcome.role);
  let text = t("running", { speed: clock.speed });
  let kind = "good";
  if (clock.ended) [text, kind] = [t("ended"), "muted"];
  else if (clock.finished) [text, kind] = [t("finished"), "muted"];
  else if (clock.held) [text, kind] = [t("held"), "warn"];
  else if (clock.paused) [text, kind] = [t("paused"), "warn"];
  else if (mine) [text, kind] = [t("waiting_you"), "bad"];
  else if ((clock.waiting || []).length) [text, kind] = [t("waiting_other"), "warn"];
  const status = $("clock-status");
  status.textContent = text;
  status.className = `status ${kind}`;
}

function drawNotices(s) {
  const box = $("notices");
  box.replaceChildren();
  if (s.seat && s.seat.held_by === "bot") box.append(el("p", { class: "notice warn", text: t("bot_holds") }));
  const messages = (s.messages || []).slice(-3).reverse();
  for (const m of messages) {
    const question = m.kind === "question";
    box.append(el("div", { class: `notice ${question ? "question" : "info"}` },
      el("strong", { text: question ? t("question") : t("trainer_says") }),
      el("p", { text: m.text })));
  }
}

// Decisions and actions are redrawn only when they change, so a half-filled form survives
// the state pushes of a running clock.
function drawDecide(s, force) {
  const locked = s.seat && s.seat.held_by === "bot" || s.clock.ended;
  const key = JSON.stringify([s.decisions, s.actions, s.design, locked, currentLang()]);
  const count = (s.decisions || []).length;
  $("tab-decide").textContent = count ? `${t("tab_decide")} (${count})` : t("tab_decide");
  if (key === page.decideKey && !force) return;
  page.decideKey = key;
  $("design").replaceChildren(...(s.design ? [phasePanel(s.design)] : []));
  const decisions = $("decisions");
  decisions.replaceChildren(...(s.decisions || []).map((d) => decisionCard(d, locked)));
  if (!count) decisions.append(el("p", { class: "muted", text: t("no_decisions") }));
  // While the contract is written, whoever waits ticks the risks the winter may bring.
  if (s.design && s.design.prepare) decisions.append(prepareCard(s.design.prepare, locked));
  if (s.design && s.design.risks) decisions.append(riskCard(s.design.risks, sendRisks, locked));
  const actions = $("actions");
  actions.replaceChildren(...(s.actions || []).map((a) => actionCard(a, locked)));
  if (!(s.actions || []).length) actions.append(el("p", { class: "muted", text: t("no_actions") }));
}

function decisionCard(d, locked) {
  const card = el("article", { class: "card decision", "data-kind": d.kind, "data-id": d.id });
  card.append(el("h3", { text: pick(d.title, d.kind) }));
  if (pick(d.text)) card.append(el("p", { text: pick(d.text) }));
  if (d.deadline !== null && d.deadline !== undefined && page.state) {
    const clock = { ...page.state.clock, hour: d.deadline, date: dateAt(d.deadline) };
    card.append(el("p", { class: "muted small", text: t("deadline", { when: clockText(clock) }) }));
  }
  if ((d.context || []).length) card.append(facts(t("context"), d.context));
  if ((d.knows || []).length) card.append(facts(t("knows"), d.knows));
  if (d.design) {  // the design phase: its own form (conditions, offer, plan)
    card.append(designForm(d.design, locked, (action) => sendAct(action, card)));
    return card;
  }
  const agenda = d.agenda ? agendaBox(d.agenda, locked) : null;
  if (agenda) card.append(agenda.box);
  const note = noteBox();
  for (const option of d.options || []) {
    card.append(optionForm(option, pick(option.label, option.variant), pick(option.hint), card, note, locked,
      agenda && agenda.read));
  }
  card.append(note);
  return card;
}

// A meeting's agenda: per item an outcome choice (with the fields that outcome asks for,
// such as a compromise's amount) and a note. `read` gives the action's list of entries,
// one per item that got an outcome; an item left open returns at the next meeting.
function agendaBox(agenda, locked) {
  const box = el("div", { class: "agenda" });
  if (pick(agenda.intro)) box.append(el("p", { class: "hint", text: pick(agenda.intro) }));
  const readers = (agenda.items || []).map((item) => agendaItem(item, agenda, locked));
  for (const r of readers) box.append(r.row);
  const read = () => ({ [agenda.field]: readers.map((r) => r.read()).filter((entry) => entry) });
  return { box, read };
}

function agendaItem(item, agenda, locked) {
  const row = el("fieldset", { class: "agenda-item", "data-item": item.id });
  row.append(el("legend", { text: pick(item.text, item.kind) }));
  const group = `i${Math.random().toString(36).slice(2, 9)}`;
  const choices = el("div", { class: "outcomes" });
  const extras = el("div", { class: "outcome-fields" });
  let chosen = null;
  let inputs = [];
  for (const option of item.options || []) {
    const radio = el("input", { type: "radio", name: group, value: option.variant, disabled: locked });
    radio.addEventListener("change", () => {
      chosen = option;
      inputs = (option.fields || []).map((f) => fieldInput(f));
      extras.replaceChildren(...inputs.map((i) => i.row));
    });
    choices.append(el("label", { class: "outcome" }, radio, " ", pick(option.label, option.variant)));
  }
  const note = el("input", { type: "text", maxlength: 2000, "aria-label": pick(agenda.note),
    placeholder: pick(agenda.note) });
  row.append(choices, extras, note);
  const read = () => {
    if (!chosen) return null;
    const entry = { ...chosen.entry };
    for (const { field, read: value } of inputs) entry[field.name] = value();
    if (note.value.trim()) entry.note = note.value.trim();
    return entry;
  };
  return { row, read };
}

function actionCard(a, locked) {
  const card = el("article", { class: "card action", "data-type": a.type });
  card.append(el("h3", { text: pick(a.label, a.type) }));
  const note = noteBox();
  card.append(optionForm(a, t("send"), pick(a.help), card, note, locked));
  card.append(note);
  return card;
}

// The room's reasoning for the debrief: folded away until someone wants to write it.
function noteBox() {
  const box = el("details", { class: "note" }, el("summary", { text: t("note") }));
  box.append(el("textarea", { rows: 2, maxlength: 2000, "aria-label": t("note") }));
  return box;
}

function facts(title, items) {
  const box = el("dl", { class: "facts" });
  for (const item of items) {
    box.append(el("dt", { text: pick(item.label, item.key) }), el("dd", { text: shown(item) }));
  }
  return el("div", {}, el("h4", { text: title }), box);
}

// One option (or action): its fields as inputs, and a button that sends the filled action.
// `extra` (a meeting's agenda) adds what the card's own inputs hold to the action.
function optionForm(option, label, hint, card, note, locked, extra = null) {
  const form = el("form", { class: "option" });
  if (hint) form.append(el("p", { class: "hint", text: hint }));
  const inputs = (option.fields || []).map((f) => fieldInput(f));
  for (const { row } of inputs) form.append(row);
  const button = el("button", { type: "submit", class: "primary", text: label, disabled: locked });
  form.append(button);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const action = { ...option.action };
    for (const { field, read } of inputs) action[field.name] = read();
    if (extra) Object.assign(action, extra());
    const text = note.querySelector("textarea").value.trim();
    if (text) action.note = text;
    sendAct(action, card);
  });
  return form;
}

// Send an action (or, with `risks`, a risk forecast); the card waits for its ack.
function sendAct(action, card, risks = null) {
  const id = link.id(risks ? "k" : "a");
  const message = risks ? { type: "risks", id, risks } : { type: "act", id, action };
  if (link.send(message)) {
    page.pending.set(id, card);
    for (const b of card.querySelectorAll("button")) b.disabled = true;
  }
}

function sendRisks(keys, card) {
  sendAct(null, card, keys);
}

function fieldInput(field) {
  const label = pick(field.label, field.name);
  const id = `f${Math.random().toString(36).slice(2, 9)}`;
  const row = el("div", { class: "field" }, el("label", { for: id, text: label }));
  let read;
  if (field.kind === "choice") {
    const select = el("select", { id });
    field.choices.forEach((c, i) => {
      select.append(el("option", { value: i, text: pick(c.label, String(c.value)), selected: c.value === field.default }));
    });
    read = () => field.choices[Number(select.value)].value;
    row.append(select);
  } else if (field.kind === "number") {
    const input = el("input", { id, type: "number", inputmode: "decimal", step: field.integer ? 1 : "any",
      min: field.min, max: field.max, value: field.default ?? 0 });
    read = () => (field.integer ? Math.round(Number(input.value)) : Number(input.value));
    row.append(input);
    if (field.unit) row.append(el("span", { class: "unit", text: unitWord(field.unit) }));
  } else {
    const input = el("input", { id, type: "text", value: field.default ?? "", maxlength: 2000 });
    read = () => input.value;
    row.append(input);
  }
  return { field, row, read };
}

function unitWord(unit) {
  return { eur: "€", pct: "%", frac: "0–1", h: "h", t: "t", cm: "cm", days: currentLang() === "en" ? "days" : "dagen" }[unit] || "";
}

function unlock(card) {
  const locked = page.state && (page.state.seat.held_by === "bot" || page.state.clock.ended);
  for (const b of card.querySelectorAll("button")) b.disabled = locked;
}

function dateAt(hour) {
  const c = page.state.clock;
  const d = new Date(`${c.date}T00:00:00`);
  d.setDate(d.getDate() + Math.floor(hour / 24) - c.day);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function drawPanel(s) {
  const kpis = $("kpis");
  kpis.replaceChildren(...(s.kpis || []).map((k) => {
    const tile = el("div", { class: "kpi", "data-key": k.key },
      el("div", { class: "k", text: pick(k.label, k.key) }),
      el("div", { class: "v", text: shown(k) }));
    if (k.ref !== null && k.ref !== undefined) tile.append(el("div", { class: "ref", text: t("ref", { value: formatValue(k.ref, k.unit) }) }));
    const bounds = k.unit === "pct" ? { lo: 0, hi: 100 } : k.unit === "frac" ? { lo: 0, hi: 1 } : {};
    tile.append(sparkline(k.series || [], bounds));
    return tile;
  }));
  const obs = $("observation");
  obs.replaceChildren(...(s.observation || []).filter((sec) => (sec.items || []).length).map((sec) =>
    el("div", { class: `section ${sec.section}`, "data-section": sec.section },
      facts(pick(sec.label, t(`section_${sec.section}`)), sec.items))));
}

function drawFeed(feed) {
  const box = $("feed");
  if (!feed.length) {
    box.replaceChildren(el("li", { class: "muted", text: t("inbox_empty") }));
    return;
  }
  box.replaceChildren(...feed.map((f) => el("li", { class: `item ${f.category || f.kind || ""}` },
    el("span", { class: "when", text: pick(f.when) }), " ",
    el("span", { class: "text", text: pick(f.text) }))));
}

// --- start ------------------------------------------------------------------------------------
function chooseTab(name) {
  document.body.classList.remove("tab-decide", "tab-panel", "tab-inbox");
  document.body.classList.add(`tab-${name}`);
  for (const b of document.querySelectorAll(".tabs button")) b.setAttribute("aria-pressed", String(b.dataset.tab === name));
}

function start() {
  setLang(currentLang());
  drawWords();
  $("join-form").addEventListener("submit", join);
  $("code").addEventListener("input", () => { $("code").value = $("code").value.toUpperCase(); });
  $("lang").addEventListener("click", () => {
    setLang(currentLang() === "nl" ? "en" : "nl");
    drawWords();
    draw(true);
  });
  $("leave").addEventListener("click", () => {
    localStorage.removeItem(TOKEN_KEY);
    location.href = "/";
  });
  for (const b of document.querySelectorAll(".tabs button")) b.addEventListener("click", () => chooseTab(b.dataset.tab));
  chooseTab("decide");
  link.connect();
}

start();
