"""The design phase on the participant page and the console in headless Chromium against
a real `regie host` on 127.0.0.1: the regisseur's phone shows what is on the table and
its ask item by item and sends it; a wethouder's phone ticks the risks it expects (in
English); the console shows the phase with its clock and closes it. Screenshots go to a
tmp folder, or with REGIE_UPDATE_SCREENSHOTS=1 to docs/screenshots/host-*-design*.png."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from sim.design.classroom import risk_forecasts
from sim.session import read_log
from tests.host.chromium import PageBrowser, find_chromium
from tests.host.harness import Client
from tests.host.pagehost import PIN, Host, session_dir, shots_dir
from tests.host.test_design import SCENARIO, at

pytestmark = [
    pytest.mark.skipif(find_chromium() is None, reason="no Chromium"),
    pytest.mark.xdist_group("host_design_page"),
]
PHONE = (390, 844)


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    """A one-table host of a one-day winter with a design phase; the wethouder (a device
    speaking the protocol) has set its condition, so the regisseur is to move."""
    tmp = tmp_path_factory.mktemp("design-page")
    (tmp / "ontwerp.yaml").write_text(SCENARIO, encoding="utf-8")
    running = Host(tmp, "ontwerp.yaml", "--tables", "1", "--pin", PIN, "--speed", "64")

    async def conditions() -> None:
        async with aiohttp.ClientSession() as session:
            client = await Client.open(session, running.url + "ws")
            await client.join(running.codes()[(1, "wethouder")], "Wim")
            state = await client.until(
                lambda m: m["type"] == "state" and at("design_conditions")(m)
            )
            form = state["decisions"][0]["design"]
            action = {**form["action"], "conditions": ["salt_rule"]}
            ack = await client.reply({"type": "act", "id": "w", "action": action}, "ack")
            assert ack["type"] == "ack" and ack["ok"], ack
            await client.close()

    asyncio.run(conditions())
    yield running
    running.stop()


def phone(host, role: str, name: str, lang: str) -> PageBrowser:
    """A phone that opened the QR code's address of a seat and joined it."""
    b = PageBrowser(find_chromium(), *PHONE)
    b.goto(f"{host.url}?code={host.codes()[(1, role)]}", lang=lang)
    b.wait_for("!document.getElementById('join').hidden")
    b.fill("#name", name)
    b.click("#join-button")
    b.wait_for("document.querySelector('#design table.terms') !== null")
    return b


def full_page(b: PageBrowser, path) -> None:
    b.screenshot(path, height=min(b.evaluate("document.documentElement.scrollHeight"), 3000))


SHOWN = "return s.options[s.selectedIndex].text;"
PICK = (
    "(() => {{ const s = document.querySelector('{card} [data-item=dose_preventive_g_m2] select');"
    " {body} }})()"
)


def test_the_regisseur_s_phone_shows_the_table_and_sends_the_ask(host, tmp_path):
    """The executor prepares its plan while the regisseur asks; the ask goes out; the
    executor's draft starts from what it prepared."""
    shots = shots_dir(tmp_path)
    executor = phone(host, "executor", "Bram", "nl")
    executor.wait_for("document.querySelector('.card.prepare') !== null")
    executor.evaluate(
        PICK.format(
            card=".card.prepare",
            body="s.selectedIndex = s.options.length - 1; s.dispatchEvent(new Event('change'));",
        )
    )
    prepared = executor.evaluate(PICK.format(card=".card.prepare", body=SHOWN))
    with phone(host, "regisseur", "Anna", "nl") as b:
        b.wait_for("document.querySelector('.design-form.offer') !== null")
        assert b.evaluate("document.querySelectorAll('.design-form .design-item').length") == 8
        assert b.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
        assert "Tafeltijd" in b.text("#design") and "Aan zet: Regisseur" in b.text("#design")
        full_page(b, shots / "host-page-390-design.png")
        b.click(".design-form [data-move='offer']")
        b.wait_for("document.querySelector('.design-form.offer') === null")  # sent and gone
        assert b.console_errors() == []
    with executor:
        executor.wait_for("document.querySelector('.design-form.offer') !== null")
        drafted = executor.evaluate(PICK.format(card=".design-form", body=SHOWN))
        assert drafted == prepared == "15 g/m²"  # the highest dose, as prepared
    events = read_log(session_dir(host) / "table-1.jsonl").events
    (ask,) = [
        e
        for e in events
        if e["kind"] == "action" and e["by"] == "human" and e["action"]["type"] == "design_move"
    ]
    assert ask["role"] == "regisseur" and ask["action"]["terms"]["salt_rule_t"] is not None


def test_a_wethouder_s_phone_ticks_the_risks_it_expects(host, tmp_path):
    shots = shots_dir(tmp_path)
    with phone(host, "wethouder", "Wim", "en") as b:
        b.wait_for("document.querySelector('.card.risks') !== null")
        assert "What will this winter bring?" in b.text(".card.risks")
        b.click(".card.risks input[value='salt_runs_out']")
        b.click(".card.risks input[value='council_incident']")
        full_page(b, shots / "host-page-390-design-risks-en.png")
        b.click(".card.risks button")
        b.wait_for("document.querySelector('.card.risks.done') !== null")
    forecasts = risk_forecasts(read_log(session_dir(host) / "table-1.jsonl").events)
    assert {
        "seat": "wethouder",
        "name": "Wim",
        "risks": ["salt_runs_out", "council_incident"],
    }.items() <= forecasts[0].items()


def test_the_console_shows_the_phase_and_closes_it(host, tmp_path):
    shots = shots_dir(tmp_path)
    b = PageBrowser(find_chromium(), 1366, 768)
    with b:
        b.goto(host.url + "console", lang="nl")
        b.wait_for("!document.getElementById('login').hidden")
        b.fill("#pin", PIN)
        b.click("#login-button")
        b.wait_for("document.querySelector('.design-line[data-status=\"open\"]') !== null")
        assert "Ontwerpfase" in b.text(".design-line")
        b.screenshot(shots / "host-console-1366-design.png")
        b.click(".design-line [data-extend='5']")
        b.wait_for("document.querySelector('.design-line').innerText.includes('35 min')")
        b.click(".design-line button.danger")
        b.click(".design-line button.danger")  # a close asks to be confirmed
        b.wait_for("document.querySelector('.design-line[data-status=\"closed\"]') !== null")
    kinds = [
        (e["kind"], e.get("act") or e.get("outcome"))
        for e in read_log(session_dir(host) / "table-1.jsonl").events
    ]
    assert ("trainer", "design_extend") in kinds and ("trainer", "design_close") in kinds
