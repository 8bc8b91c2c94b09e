"""The participant page in headless Chromium against a real `regie host` on 127.0.0.1, at
a phone's size (390 x 844) and a laptop's (1366 x 768): joining, only the role's own
data, a decision submitted and logged, the seat kept over a reload, both languages, and
a layout that fits the screen. Screenshots go to a tmp folder, or with
REGIE_UPDATE_SCREENSHOTS=1 to docs/screenshots/host-page-*.png."""

from __future__ import annotations

import json

import pytest

from tests.host.chromium import PageBrowser, find_chromium
from tests.host.pagehost import seat_state, session_dir, shots_dir, start_host, trainer

# One host per module: its tests run in one worker (pytest -n 2 --dist loadgroup).
pytestmark = [
    pytest.mark.skipif(find_chromium() is None, reason="no Chromium"),
    pytest.mark.xdist_group("host_page"),
]
SIZES = [(390, 844), (1366, 768)]


@pytest.fixture
def shots(tmp_path):
    """docs/screenshots with REGIE_UPDATE_SCREENSHOTS set, else the test's tmp_path."""
    return shots_dir(tmp_path)


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    running = start_host(tmp_path_factory.mktemp("page-host"))
    yield running
    running.stop()


def joined(
    host, width: int, height: int, table: int = 1, role: str = "regisseur", name: str = "Anna"
) -> PageBrowser:
    """A browser that opened the QR code's address of a seat and joined it."""
    b = PageBrowser(find_chromium(), width, height)
    b.goto(f"{host.url}?code={host.codes()[(table, role)]}", lang="nl")
    b.wait_for("!document.getElementById('join').hidden")
    assert b.evaluate("document.getElementById('code').value") == host.codes()[(table, role)]
    b.fill("#name", name)
    b.click("#join-button")
    b.wait_for("document.querySelectorAll('#kpis .kpi').length > 0")
    return b


def fits(b: PageBrowser) -> bool:
    return b.evaluate("document.documentElement.scrollWidth") <= b.width


@pytest.mark.parametrize("width,height", SIZES)
def test_the_page_shows_the_roles_own_data_and_not_another_roles(host, width, height):
    executor = seat_state(host, host.codes()[(1, "executor")])
    with joined(host, width, height) as b:
        assert "1" in b.text("#seat-label") and "Regisseur" in b.text("#seat-label")
        keys = b.evaluate("[...document.querySelectorAll('#kpis .kpi')].map(e => e.dataset.key)")
        assert "trust_g" in keys and "trust_e" not in keys
        b.click("[data-tab=panel]")
        private = b.text("[data-section=private]")
        assert private
        theirs = [
            i["label"]
            for s in executor["observation"]
            if s["section"] == "private"
            for i in s["items"]
        ]
        lang = b.evaluate("document.documentElement.lang")
        assert theirs and not any(
            label[lang] in private for label in theirs if label[lang] not in ("Vertrouwen", "Trust")
        )
        assert b.console_errors() == []
        assert all(u.startswith(host.url) or u.startswith("data:") for u in b.requests())


@pytest.mark.parametrize("width,height", SIZES)
def test_the_layout_fits_the_screen_on_every_tab(shots, host, width, height):
    with joined(host, width, height, table=2, role="executor", name="Team Uitvoering") as b:
        tabs = ("decide", "panel", "inbox") if width < 900 else ("decide",)
        for tab in tabs:
            if width < 900:
                b.click(f"[data-tab={tab}]")
                b.settle(0.2)
            assert fits(b), tab
            height_px = min(b.evaluate("document.documentElement.scrollHeight"), 2000)
            b.screenshot(shots / f"host-page-{width}-{tab}.png", height=height_px)


def test_a_decision_submits_and_is_logged_before_it_is_acknowledged(shots, host):
    with joined(host, 390, 844) as b:
        assert trainer(host, {"command": "resume", "table": 1})[0]["ok"]
        b.wait_for("document.querySelectorAll('.card.decision').length > 0", timeout=30)
        b.screenshot(
            shots / "host-page-390-decision.png",
            height=min(b.evaluate("document.documentElement.scrollHeight"), 2000),
        )
        kind = b.evaluate("document.querySelector('.card.decision').dataset.kind")
        b.click(".card.decision form.option button")
        b.wait_for("document.querySelector('.toast.good') !== null")
    trainer(host, {"command": "pause", "table": 1})
    log = (session_dir(host) / "table-1.jsonl").read_text(encoding="utf-8").splitlines()
    acts = [json.loads(line) for line in log[1:]]
    assert any(
        e["kind"] == "action" and e["role"] == "regisseur" and e.get("by") == "human" for e in acts
    ), kind


def test_the_seat_comes_back_after_a_reload(host):
    with joined(host, 390, 844, table=2, role="wethouder") as b:
        assert b.evaluate("localStorage.getItem('regiekamer.token')")
        b.goto(host.url)
        b.wait_for("!document.getElementById('play').hidden")
        assert b.evaluate("document.getElementById('join').hidden")
        assert "2" in b.text("#seat-label")


def test_a_wrong_code_is_refused_in_words(host):
    with PageBrowser(find_chromium(), 390, 844) as b:
        b.goto(host.url)
        b.wait_for("!document.getElementById('join').hidden")
        b.fill("#code", "ZZZZ")
        b.click("#join-button")
        assert b.wait_for("document.getElementById('join-error').textContent")
        assert b.evaluate("document.getElementById('play').hidden")


def test_dutch_and_english_at_the_press_of_a_button(shots, host):
    with joined(host, 1366, 768, table=2, role="regisseur") as b:
        first = b.evaluate("document.documentElement.lang")
        title = b.text("#decisions-title")
        b.click("#lang")
        assert b.evaluate("document.documentElement.lang") != first
        assert b.text("#decisions-title") != title
        assert {title, b.text("#decisions-title")} == {"Beslissingen", "Decisions"}
        b.screenshot(shots / "host-page-1366-en.png")  # for the English trainer guide


def test_the_trainers_text_reaches_the_table_as_text(host):
    text = '<img src=x onerror="document.title=1"> Omroep: fietsers vallen op de Rijnkade'
    with joined(host, 390, 844, table=1, role="wethouder") as b:
        inject = {"command": "inject", "table": 1, "name": "media_storm", "text": text}
        assert trainer(host, inject)[0]["ok"]
        b.wait_for("document.getElementById('notices').textContent.includes('Rijnkade')")
        assert text in b.text("#notices")
        assert b.evaluate("document.querySelectorAll('img').length") == 0
        assert b.evaluate("document.title") != "1"


def test_the_pages_never_put_text_in_as_markup():
    """Text from participants, the trainer and the model goes in with textContent: no
    script of the pages parses a string as HTML."""
    from pathlib import Path

    static = Path(__file__).resolve().parents[2] / "host" / "static"
    scripts = sorted(static.glob("*.js"))
    assert {p.name for p in scripts} >= {"app.js", "console.js", "common.js"}
    for path in scripts:
        code = path.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in code, f"{path.name} uses {sink}"
    for page in ("index.html", "console.html"):
        html = (static / page).read_text(encoding="utf-8")
        assert "http://" not in html and "https://" not in html  # nothing from elsewhere
        assert "<script>" not in html  # no inline script (the host's CSP refuses it)


def test_the_page_finds_its_seat_again_after_the_host_is_restarted(tmp_path):
    """The host is killed and resumed on the same address: the page reconnects by itself
    (backoff) and is back in its seat with its token, without the join form."""
    import signal
    import socket

    from tests.host.pagehost import PIN, Host

    with socket.socket() as s:  # a free port for both runs
        s.bind(("127.0.0.1", 0))
        port = str(s.getsockname()[1])
    first = Host(tmp_path, "--tables", "1", "--pin", PIN, "--port", port)
    again = None
    try:
        with joined(first, 390, 844) as b:
            first.stop(signal.SIGKILL)
            b.wait_for("document.getElementById('link').classList.contains('down')")
            again = Host(tmp_path, "--resume", str(session_dir(first)), "--port", port)
            b.wait_for("document.getElementById('link').classList.contains('up')", timeout=30)
            b.wait_for("document.querySelectorAll('#kpis .kpi').length > 0")
            assert b.evaluate("document.getElementById('join').hidden")
            assert "Regisseur" in b.text("#seat-label")
    finally:  # the browser has gone: the host stops at once
        for host in (first, again):
            if host is not None and host.proc.poll() is None:
                host.stop()
