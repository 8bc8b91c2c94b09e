"""A debrief a trainer presents: summary first, sources by author and title, dates instead
of day numbers, no internal words, evidence once per event, honest axes; and in headless
Chromium at 1366x768 and 390x844 and as PDF: no page wider than a phone, a presentation
mode that moves on with a key, a PDF with the pages its sections start.

REGIE_UPDATE_SCREENSHOTS=1 writes docs/screenshots/debrief_*.png (desktop, phone,
presentation mode, a competence card, the ghost runs).
"""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

import pytest

from debrief import i18n
from tests.debrief.cdp import Browser
from tests.debrief.test_report import (
    CHROMIUM,
    REPORT_GROUP,
    _assert_clean,
    _assert_ink,
    _shot_dir,
    report,
)

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium binary on the PATH (install: apt-get install -y chromium)"
)
pytestmark = REPORT_GROUP  # the reports of test_report.py, built once; one browser
SOURCE = "Hesselink, Den Hollander &amp; Keesmaat"


def visible(text: str) -> str:
    """The words a reader sees: no style, script, tags or entities."""
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_summary_comes_first_with_a_ghost_verdict_per_role(lang):
    text = report(lang).read_text(encoding="utf-8")
    order = [
        text.index(f'id="{k}"') for k in ("summary", "competences", "ghosts", "moments", "overview")
    ]
    assert order == sorted(order)
    summary = text[order[0] : order[1]]
    verdict = (
        "De bot ‘{}’ had als {} in deze winter"
        if lang == "nl"
        else "As {1}, the bot ‘{0}’ would have reached"
    )
    for role in ("regisseur", "executor"):
        assert f'id="summary-{role}"' in summary
        short = i18n.pick(i18n.ROLE_SHORT[role], lang)
        assert re.search(
            re.escape(verdict.format("XX", short)).replace("XX", "[^’]+"), visible(summary)
        ), role


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sources_are_named_by_author_and_title_and_seed_means_a_random_seed(lang):
    text = report(lang).read_text(encoding="utf-8")
    words = visible(text)
    assert text.count(SOURCE) >= 12  # every competence card of the two played roles
    assert "Regiegemeente’ worden: onderschat vraagstuk" in words
    assert not re.search(r"\bseed 0*\d", words, re.I)  # no "Bron: seed 003", no "seed 7"
    assert "Random seeds" in words or "Startwaarden van het toeval (seeds)" in words


def test_no_internal_words_line_numbers_or_raw_ids():
    words = visible(report("nl").read_text(encoding="utf-8"))
    assert not re.search(r"\bregel \d", words) and not re.search(r"\bdag \d", words)
    for bot_id, (nl, _en) in i18n.BOT.items():
        if bot_id != nl and bot_id not in ("outcome", "absent"):  # also Dutch words
            assert not re.search(rf"\b{bot_id}\b", words), bot_id
    assert "gladheid_koudegolf_klas" not in words
    assert not re.search(r"#\d", words)  # invoices and requests are named, not numbered


@pytest.mark.parametrize(
    ("lang", "pattern"),
    [
        ("nl", r"\b(ma|di|wo|do|vr|za|zo) \d{1,2} (dec|jan) \d\d:00\b"),
        ("en", r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (Dec|Jan) \d\d:00\b"),
    ],
)
def test_moments_and_decisions_carry_dates_and_times(lang, pattern):
    words = visible(report(lang).read_text(encoding="utf-8"))
    assert len(re.findall(pattern, words)) > 20
    assert i18n.when(6, 504, "nl", "2021-12-14") == "di 14 dec 06:00"
    assert i18n.when(504 + 6, 504, "nl", "2021-12-14") == "wo 14 dec 06:00"  # next winter
    assert i18n.when(24 * 18 + 9, 504, "en", "2025-12-14") == "Thu 1 Jan 09:00"


def test_evidence_lists_each_event_once():
    text = report("nl").read_text(encoding="utf-8")
    boxes = re.findall(r'<details class="evidence-box">.*?</details>', text, re.S)
    assert boxes
    for box in boxes:
        items = re.findall(r"<li>(.*?)</li>", box, re.S)
        assert len(items) == len(set(items)), box[:200]
    # an event counting for two indicators names both: "(A; B)"
    assert any(re.search(r'<span class="muted">\([^)]+; [^)]+\)</span>', b) for b in boxes)


def test_ghost_charts_have_zero_based_axes_and_a_verdict_each():
    from debrief.charts import GHOST_KPIS, ghost_figure

    def run(values):
        return SimpleNamespace(
            daily={"gday": [0, 1, 2], **{k: values for k in GHOST_KPIS}},
            hours=504,
            start_date="2025-12-14",
        )

    session, ghosts = run([0.97, 0.99, 1.03]), {"controller": [run([0.96, 0.98, 1.04])]}
    for kpi in GHOST_KPIS:
        fig = ghost_figure(session, ghosts, kpi, "nl")
        assert fig.axes[0].get_ylim()[0] == 0.0, kpi  # never 96 to 104
    text = report("nl").read_text(encoding="utf-8")
    for role in ("regisseur", "executor"):
        block = text[text.index(f'id="ghosts-{role}"') :]
        block = block[: block.index("</section>")]
        captions = re.findall(r"<figcaption>(.*?)</figcaption>", block)
        assert len(captions) == len(GHOST_KPIS)
        assert all(re.search(r"u .+; de bots .+ tot .+\. ", c) for c in captions), captions


# --- in the browser -----------------------------------------------------------------------
def _key(b: Browser, key: str, code: int) -> None:
    for kind in ("keyDown", "keyUp"):
        b.call(
            "Input.dispatchKeyEvent",
            {"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code},
            session=True,
        )
    b.evaluate("0")  # let the page handle the key


@pytest.fixture(scope="module")
def _browser():
    """One headless Chromium for the module (started once: a start costs about a second)."""
    with Browser(CHROMIUM, width=1366, height=768) as b:
        yield b


@pytest.fixture
def chromium(_browser):
    """The module's browser with screen media (each test sets its screen size)."""
    _browser.call("Emulation.setEmulatedMedia", {"media": ""}, session=True)
    return _browser


def _shot_at(b: Browser, selector: str, path) -> None:
    """A screen's height of the page from an element down, checked not blank."""
    y = b.evaluate(
        f"document.querySelector('{selector}').getBoundingClientRect().top + window.scrollY"
    )
    _assert_ink(b.screenshot(path, y=y - 8))


@needs_chromium
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_on_a_desktop_the_summary_is_on_the_first_screen(tmp_path, lang, chromium):
    shots, suffix = _shot_dir(tmp_path), "" if lang == "nl" else "_en"
    b = chromium
    b.viewport(1366, 768)
    b.open(report(lang))
    _assert_clean(b)
    top = b.evaluate("document.getElementById('summary-regisseur').getBoundingClientRect().top")
    assert 0 < top < 768 * 0.6
    _assert_ink(b.screenshot(shots / f"debrief_desktop{suffix}.png"))
    _shot_at(b, "#c-regisseur-trust_building", shots / f"debrief_competence{suffix}.png")
    _shot_at(b, "#ghosts-regisseur", shots / f"debrief_ghosts{suffix}.png")


@needs_chromium
def test_on_a_phone_no_page_is_wider_than_the_screen(tmp_path, chromium):
    shots = _shot_dir(tmp_path)
    b = chromium
    b.viewport(390, 844, mobile=True)
    b.open(report("nl"))
    _assert_clean(b)
    assert b.evaluate("window.innerWidth") == 390
    assert b.evaluate("document.documentElement.scrollWidth") <= 390
    wide = b.evaluate(
        "Array.from(document.querySelectorAll('main > *, .card > *'))"
        ".filter(e => e.getBoundingClientRect().right > 391).length"
    )
    assert wide == 0
    _assert_ink(b.screenshot(shots / "debrief_phone.png"))
    _shot_at(b, "#c-regisseur-outcome_steering", shots / "debrief_phone_competence.png")


@needs_chromium
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_presentation_mode_shows_one_screen_and_moves_on_with_a_key(tmp_path, lang, chromium):
    shots, suffix = _shot_dir(tmp_path), "" if lang == "nl" else "_en"
    b = chromium
    b.viewport(1366, 768)
    b.open(report(lang))
    n = b.evaluate("document.querySelectorAll('main > .slide').length")
    assert n >= 2 + 12  # outcomes, two role summaries, twelve competences, ghost runs
    _key(b, "p", 80)
    assert b.evaluate("document.body.classList.contains('presenting')")
    assert b.evaluate("document.body.getAttribute('data-slide')") == "0"
    _key(b, "ArrowRight", 39)
    _key(b, " ", 32)
    assert b.evaluate("document.body.getAttribute('data-slide')") == "2"
    shown = b.evaluate(
        "Array.from(document.querySelectorAll('main > *'))"
        ".filter(e => e.offsetParent !== null).map(e => e.id)"
    )
    assert len(shown) == 1 and shown[0].startswith("summary-")
    _key(b, "ArrowRight", 39)
    _assert_ink(b.screenshot(shots / f"debrief_present{suffix}.png"))
    _key(b, "ArrowLeft", 37)
    assert b.evaluate("document.body.getAttribute('data-slide')") == "2"
    _key(b, "Escape", 27)
    assert not b.evaluate("document.body.classList.contains('presenting')")
    _assert_clean(b)


@needs_chromium
def test_the_pdf_has_a_page_per_section(tmp_path, chromium):
    b = chromium
    b.viewport(1366, 768)
    b.open(report("nl"))
    sections = b.evaluate("document.querySelectorAll('main > h2').length")
    pdf = b.pdf()
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert sections == 8 and pages >= sections + 1  # each section on a new page, + role
    (tmp_path / "report.pdf").write_bytes(pdf)
    b.call("Emulation.setEmulatedMedia", {"media": "print"}, session=True)
    hidden = b.evaluate("getComputedStyle(document.getElementById('present')).display")
    assert hidden == "none"
    _assert_clean(b)
