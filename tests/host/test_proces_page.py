"""A procesregie classroom's pages in headless Chromium against a real `regie host` on
127.0.0.1: a party's page at a phone's size (390 x 844) shows its own brief and its own
moves, a move is logged, and the console lists the procesregisseur and the parties.
Screenshots go to a tmp folder, or with REGIE_UPDATE_SCREENSHOTS=1 to
docs/screenshots/host-proces-*.png."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.host.chromium import PageBrowser, find_chromium
from tests.host.pagehost import PIN, Host, session_dir, shots_dir, trainer

pytestmark = [
    pytest.mark.skipif(find_chromium() is None, reason="no Chromium"),
    pytest.mark.xdist_group("host_proces_page"),
]
SCENARIO = Path(__file__).parents[2] / "scenarios" / "procesregie_klas_wyberen.yaml"


@pytest.fixture
def shots(tmp_path):
    return shots_dir(tmp_path)


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    running = Host(
        tmp_path_factory.mktemp("proces-page"), str(SCENARIO), "--tables", "1", "--pin", PIN
    )
    yield running
    running.stop()


def codes(host: Host) -> dict[str, str]:
    """Seat -> join code of table 1, as the host printed them."""
    line = re.search(r"table 1: (.*)", host.text()).group(1)
    return dict(re.findall(r"(\w+) (\w{4})", line))


def party_page(host: Host, seat: str, width: int = 390, height: int = 844) -> PageBrowser:
    b = PageBrowser(find_chromium(), width, height)
    b.goto(f"{host.url}?code={codes(host)[seat]}", lang="nl")
    b.wait_for("!document.getElementById('join').hidden")
    b.fill("#name", "Team corporatie")
    b.click("#join-button")
    b.wait_for("document.querySelectorAll('[data-section=brief] dt').length > 0")
    return b


def test_the_host_gives_every_party_and_the_regisseur_a_code(host):
    assert set(codes(host)) == {
        "regisseur",
        "gemeente",
        "woningcorporatie",
        "netbeheerder",
        "bewonersinitiatief",
        "ondernemers",
    }


def test_a_partys_phone_shows_its_brief_and_its_own_moves_and_fits(host, shots):
    with party_page(host, "woningcorporatie") as b:
        assert "Woningcorporatie" in b.text("#seat-label")
        assert "Week 0 van 12" in b.text("#clock-time")
        moves = b.evaluate(
            "[...document.querySelectorAll('.card.action')].map(e => e.dataset.type)"
        )
        assert moves == ["choose_role"]
        brief = b.text("[data-section=brief]")
        assert "Mandaat van onze achterban" in brief and "in de gemeente" not in brief
        assert b.evaluate("document.documentElement.scrollWidth") <= b.width
        assert b.console_errors() == []
        tall = min(b.evaluate("document.documentElement.scrollHeight"), 2000)
        b.screenshot(shots / "host-proces-page-390.png", height=tall)
        b.click("[data-tab=panel]")
        b.settle(0.2)
        tall = min(b.evaluate("document.documentElement.scrollHeight"), 2400)
        b.screenshot(shots / "host-proces-page-390-brief.png", height=tall)
        b.click("#lang")
        b.wait_for("document.documentElement.lang === 'en'")
        assert "Our walk-away option" in b.text("[data-section=brief]")
        tall = min(b.evaluate("document.documentElement.scrollHeight"), 2400)
        b.screenshot(shots / "host-proces-page-390-brief-en.png", height=tall)


def test_a_partys_move_from_its_phone_is_logged(host):
    with party_page(host, "netbeheerder") as b:
        b.click(".card.action form.option button")
        b.wait_for("document.querySelector('.toast.good') !== null")
    log = (session_dir(host) / "table-1.jsonl").read_text(encoding="utf-8").splitlines()
    events = [json.loads(line) for line in log[1:]]
    assert any(
        e["kind"] == "action" and e["role"] == "netbeheerder" and e.get("by") == "human"
        for e in events
    )


def test_the_console_lists_the_regisseur_and_the_parties(host, shots):
    with PageBrowser(find_chromium(), 1366, 768) as b:
        b.goto(host.url + "console", lang="nl")
        b.wait_for("!document.getElementById('login').hidden")
        b.fill("#pin", PIN)
        b.click("#login-button")
        b.wait_for("document.querySelectorAll('.card.table').length == 1")
        seats = b.evaluate("[...document.querySelectorAll('.seat')].map(e => e.dataset.role)")
        assert seats[0] == "regisseur" and "bewonersinitiatief" in seats
        assert "Bewonersinitiatief" in b.text(".card.table")
        assert "Issue van de dag" in b.text("body")
        assert b.console_errors() == []
        tall = min(b.evaluate("document.documentElement.scrollHeight"), 2400)
        b.screenshot(shots / "host-proces-console-1366.png", height=tall)


def test_a_party_gives_its_word_from_its_phone_while_the_clock_waits(host, shots):
    others = ("regisseur", "gemeente", "netbeheerder", "bewonersinitiatief", "ondernemers")
    with party_page(host, "woningcorporatie") as b:
        acks = trainer(
            host,
            *({"command": "seat", "table": 1, "role": s, "to": "bot"} for s in others),
            {"command": "speed", "table": 1, "value": 16},
            {"command": "resume", "table": 1},
        )
        assert all(a["ok"] for a in acks), acks
        b.wait_for("document.querySelector('[data-kind=proces_consent]') !== null", timeout=30)
        assert "De klok wacht op u" in b.text("#clock-status")
        tall = min(b.evaluate("document.documentElement.scrollHeight"), 2400)
        b.screenshot(shots / "host-proces-page-390-consent.png", height=tall)
        b.click("[data-kind=proces_consent] form.option button")
        b.wait_for("document.querySelector('.toast.good') !== null")
    events = [
        json.loads(line)
        for line in (session_dir(host) / "table-1.jsonl").read_text().splitlines()[1:]
    ]
    assert any(
        e["kind"] == "action" and e["action"]["type"] == "declare_consent" and e["by"] == "human"
        for e in events
    )
