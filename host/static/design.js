// The design phase on the participant page (docs/network.md, "The design phase"): what is
// on the table for every seat (both offers, open items, whose move, the table clock, the
// plan), the risk list for those who wait, and a negotiating seat's form (conditions to
// tick; the offer or the plan item by item). Everything arrives as data from the host
// (`state.design`, `decisions[].design`); every text goes in with textContent.

import { el, pick } from "./common.js";

// What a side prepared before its move (`nest` -> field -> value): filled into its form.
const prepared = {};

/** The executor's plan to prepare while the other side is to move. */
export function prepareCard(prep, locked) {
  const card = el("article", { class: "card prepare" });
  card.append(el("h3", { text: pick(prep.title) }), el("p", { class: "hint", text: pick(prep.intro) }));
  const mine = (prepared[prep.nest] ||= {});
  for (const field of prep.fields) {
    const form = { moves: [{ with_fields: true }], other_label: null };
    const chosen = field.name in mine ? { ...field, default: mine[field.name] } : field;
    const reader = fieldRow(chosen, form, locked, card);
    card.lastChild.querySelector("select").addEventListener("change", () => { mine[field.name] = reader.read(); });
  }
  return card;
}

/** The phase as everybody at the table sees it; once the contract is settled, folded
 * away under its title (open it to look up what was agreed during the winter). */
export function phasePanel(phase) {
  const open = phase.status === "open";
  const box = el(open ? "section" : "details", { class: "design", "data-status": phase.status });
  const w = phase.words;
  const title = `${pick(w.table)}${open ? "" : `: ${pick(phase.status_label)}`}`;
  box.append(open ? el("h2", { text: title }) : el("summary", { class: "h2", text: title }));
  const head = el("div", { class: "design-head" },
    el("span", { class: `status ${phase.status === "open" ? "warn" : "good"}`, text: pick(phase.status_label) }),
    el("strong", { class: "turn", text: pick(phase.turn_label) }),
    el("span", { class: "clock", text: pick(phase.clock_text) }),
    el("span", { class: "muted", text: pick(phase.open_text) }));
  box.append(head);
  if ((phase.conditions || []).length) {
    box.append(el("p", { class: "small" }, el("strong", { text: `${pick(w.conditions)}: ` }),
      phase.conditions.map((c) => pick(c)).join(", ")));
  }
  const table = el("table", { class: "terms" });
  table.append(el("tr", {}, el("th", { text: pick(w.item) }), el("th", { text: pick(phase.asked ? w.gemeente : w.start) }),
    el("th", { text: pick(w.executor) })));
  for (const item of phase.items) {
    table.append(el("tr", { class: item.open ? "open" : "same", "data-item": item.key },
      el("td", { text: pick(item.label) }), el("td", { text: pick(item.gemeente) }),
      el("td", { text: pick(item.executor) })));
  }
  box.append(table);
  if (phase.plan) box.append(planTable(phase.plan));
  return box;
}

function planTable(plan) {
  const box = el("div", { class: "plan" }, el("h3", { text: pick(plan.title) }));
  const table = el("table", { class: "terms" });
  table.append(el("tr", {}, el("th", { text: "" }), ...plan.columns.map((c) => el("th", { text: pick(c) }))));
  for (const row of plan.rows) {
    table.append(el("tr", { class: row.changed ? "open" : "same" }, el("td", { text: pick(row.label) }),
      ...row.values.map((v) => el("td", { text: pick(v) }))));
  }
  box.append(table, el("p", { class: "small muted", text: pick(plan.price_text) }));
  return box;
}

/** The risk list for the people who wait; `send(keys, card)` logs the forecast. */
export function riskCard(task, send, locked) {
  const card = el("article", { class: "card risks" });
  card.append(el("h3", { text: pick(task.title) }), el("p", { class: "hint", text: pick(task.intro) }));
  const boxes = task.options.map((o) => {
    const input = el("input", { type: "checkbox", value: o.key, disabled: locked });
    card.append(el("label", { class: "tick" }, input, " ", pick(o.label)));
    return input;
  });
  const button = el("button", { type: "button", class: "primary", text: pick(task.send), disabled: locked });
  button.addEventListener("click", () => send(boxes.filter((b) => b.checked).map((b) => b.value), card));
  card.append(button);
  return card;
}

/** A design decision's form inside its card; `act(action)` sends the filled action. */
export function designForm(form, locked, act) {
  const box = el("div", { class: `design-form ${form.form}` });
  if (form.form === "conditions") {
    const boxes = form.conditions.map((c) => {
      const input = el("input", { type: "checkbox", value: c.key, disabled: locked });
      box.append(el("label", { class: "tick" }, input, " ", pick(c.label)));
      return input;
    });
    const button = el("button", { type: "button", class: "primary", text: pick(form.send), disabled: locked });
    button.addEventListener("click", () =>
      act({ ...form.action, conditions: boxes.filter((b) => b.checked).map((b) => b.value) }));
    box.append(button);
    return box;
  }
  box.append(el("p", { class: "clock small", text: pick(form.clock_text) }));
  const ready = prepared[form.nest] || {};  // what the side prepared while it waited
  const readers = form.fields.map((f) => fieldRow(
    f.name in ready && f.choices.some((c) => c.value === ready[f.name]) ? { ...f, default: ready[f.name] } : f,
    form, locked, box));
  const moves = el("div", { class: "moves" });
  for (const m of form.moves) {
    const button = el("button", { type: "button", class: m.move === "accept" || m.move === "adopt" ? "primary" : "",
      "data-move": m.move, text: pick(m.label), disabled: locked });
    button.addEventListener("click", () => {
      const action = { ...m.action };
      if (m.with_fields) action[form.nest] = Object.fromEntries(readers.map((r) => [r.name, r.read()]));
      act(action);
    });
    moves.append(button);
  }
  box.append(moves);
  return box;
}

function fieldRow(field, form, locked, box) {
  const id = `d${Math.random().toString(36).slice(2, 9)}`;
  const select = el("select", { id, disabled: locked || !form.moves.some((m) => m.with_fields) });
  field.choices.forEach((c, i) => {
    select.append(el("option", { value: i, text: pick(c.label), selected: c.value === field.default }));
  });
  const row = el("div", { class: `field design-item${field.open ? " open" : ""}`, "data-item": field.name },
    el("label", { for: id, text: pick(field.label) }), select);
  if (field.other) {
    row.append(el("span", { class: "other small", text: `${pick(form.other_label)}: ${pick(field.other)}` }));
  }
  box.append(row);
  return { name: field.name, read: () => field.choices[Number(select.value)].value };
}
