"""The trainer's console in headless Chromium against a real `regie host` on 127.0.0.1:
behind the PIN; pause and resume; a hold with a question that reaches the devices; a seat
handed to a bot and back; a participant's typed name shown as text; a layout that fits a
phone and a laptop. Screenshots go to a tmp folder, or with
REGIE_UPDATE_SCREENSHOTS=1 to docs/screenshots/host-console-*.png."""

from __future__ import annotations

import pytest

from tests.host.chromium import PageBrowser, find_chromium
from tests.host.harness import PIN
from tests.host.pagehost import seat_state, shots_dir, start_host

# One host per module: its tests run in one worker (pytest -n 2 --dist loadgroup).
pytestmark = [
    pytest.mark.skipif(find_chromium() is None, reason="no Chromium"),
    pytest.mark.xdist_group("host_console"),
]
HOSTILE_NAME = '<img src=x onerror="document.title=1">'


@pytest.fixture
def shots(tmp_path):
    """docs/screenshots with REGIE_UPDATE_SCREENSHOTS set, else the test's tmp_path."""
    return shots_dir(tmp_path)


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    running = start_host(tmp_path_factory.mktemp("console-host"))
    seat_state(running, running.codes()[(1, "regisseur")], name=HOSTILE_NAME)
    yield running
    running.stop()


def console(host, width: int = 1366, height: int = 768, pin: str = PIN) -> PageBrowser:
    """A browser on /console that gave the PIN."""
    b = PageBrowser(find_chromium(), width, height)
    b.goto(host.url + "console", lang="nl")
    b.wait_for("!document.getElementById('login').hidden")
    b.fill("#pin", pin)
    b.click("#login-button")
    return b


def seat_class(b: PageBrowser, table: int, role: str) -> str:
    return b.evaluate(
        f'document.querySelector(\'[data-table="{table}"] [data-role="{role}"]\').className'
    )


def test_a_wrong_pin_keeps_the_console_shut(host):
    with console(host, pin="0000") as b:
        assert b.wait_for("document.getElementById('login-error').textContent")
        assert b.evaluate("document.getElementById('desk').hidden")
        assert b.evaluate("document.querySelectorAll('.card.table').length") == 0


@pytest.mark.parametrize("width,height", [(390, 844), (1366, 768)])
def test_the_console_shows_every_table_and_fits_the_screen(shots, host, width, height):
    with console(host, width, height) as b:
        b.wait_for("document.querySelectorAll('.card.table').length == 2")
        assert b.evaluate("document.documentElement.scrollWidth") <= width
        assert b.console_errors() == []
        b.screenshot(
            shots / f"host-console-{width}.png",
            height=min(b.evaluate("document.documentElement.scrollHeight"), 2400),
        )


def test_a_typed_name_is_shown_as_text_and_never_run(host):
    with console(host) as b:
        b.wait_for("document.querySelector('[data-table=\"1\"] .names') !== null")
        assert (
            b.evaluate("document.querySelector('[data-table=\"1\"] .names').textContent")
            == HOSTILE_NAME
        )
        assert b.evaluate("document.querySelectorAll('#tables img').length") == 0
        assert b.evaluate("document.title") != "1"


def test_resume_and_pause_all_move_every_tables_clock(host):
    with console(host) as b:
        b.wait_for("document.querySelectorAll('.card.table').length == 2")
        paused = (
            "[...document.querySelectorAll('.card.table .head .status')]"
            ".every(e => ['Pauze', 'Paused'].includes(e.textContent))"
        )
        assert b.wait_for(paused)  # every table starts paused
        b.click("#resume-all")
        b.wait_for(f"!({paused})")
        b.click("#pause-all")
        assert b.wait_for(paused)


def test_a_hold_with_a_question_reaches_the_devices(host):
    question = "Wie had de uitvoerder moeten bellen?"
    with console(host) as b:
        b.wait_for("document.querySelectorAll('.card.table').length == 2")
        b.fill("#hold-day", "0")
        b.fill("#hold-question", question)
        b.click("#hold-button")
        b.wait_for("!document.getElementById('hold-now').hidden")
        assert question in b.text("#hold-now")
        state = seat_state(host, host.codes()[(2, "executor")])
        assert any(m["text"] == question for m in state["messages"])
        b.click("#release-button")
        b.wait_for("document.getElementById('hold-now').hidden")


def test_a_seat_goes_to_a_bot_and_back(host):
    with console(host) as b:
        b.wait_for("document.querySelectorAll('.card.table').length == 2")
        b.click('[data-table="2"] [data-role="wethouder"] .tools button')
        b.wait_for(
            'document.querySelector(\'[data-table="2"] [data-role="wethouder"]\')'
            ".classList.contains('bot')"
        )
        b.click('[data-table="2"] [data-role="wethouder"] .tools button')
        b.wait_for(
            'document.querySelector(\'[data-table="2"] [data-role="wethouder"]\')'
            ".classList.contains('device')"
        )
        assert "device" in seat_class(b, 2, "wethouder")
