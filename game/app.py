"""The game application: window, widgets, the screen stack and the frame loop.

One standard frame: events -> pygame_gui -> :class:`game.input.InputTranslator` ->
commands for the top screen; pygame_gui update; screen update (the model runs only while
the play screen is on top); draw from the lowest visible screen up, widgets, focus frame;
flip; screenshot when a screen is shown for the first time (headless mode).
"""

from __future__ import annotations

import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.i18n import Translator
from game.input import Command, InputTranslator
from game.look import (
    button_font_px,
    draw_strip,
    look_for,
    strip_height,
    theme_data,
    theme_font_sizes,
)
from game.settings import (
    DEFAULT_SIZE,
    DEFAULT_SPEED,
    FPS,
    HEADLESS_DT,
    MIN_SIZE,
    SCREENSHOT_SETTLE_FRAMES,
    THEMES,
    TOAST_S,
)
from game.sound import Sounds
from game.ui import Painter

if TYPE_CHECKING:
    from game.inbox import InboxFeed
    from game.scene import Scene
    from game.state import GameState


@dataclass
class Options:
    """How the game was started (from `regie play` or a test)."""

    lang: str = "nl"
    projector: bool = True  # projector sizes by default; False: the smaller desktop theme
    headless: bool = False
    autoplay: bool = False
    until: int | None = None  # autoplay: end the round on this season day
    screenshot_dir: Path | None = None
    scenario: str | None = None
    seed: int | None = None
    log: Path | None = None
    resume: Path | None = None
    session_dir: Path | None = None
    pin: str | None = None
    speed: int = DEFAULT_SPEED
    sound: bool = False
    size: tuple[int, int] = DEFAULT_SIZE
    seats: dict[str, dict] = field(default_factory=dict)  # role -> controller spec
    frames: int | None = None  # stop after this many frames (benchmarks, smoke tests)
    shot_prefix: str = ""


class App:
    """Owns the window and the screens; the session lives in `state` once started."""

    def __init__(self, options: Options) -> None:
        self.t0 = time.perf_counter()
        self.options = options
        self.lang = options.lang
        self.projector = options.projector
        pygame.display.init()
        pygame.font.init()
        size = (max(options.size[0], MIN_SIZE[0]), max(options.size[1], MIN_SIZE[1]))
        self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        pygame.key.set_repeat(400, 40)
        self.sound = Sounds(options.sound)
        self.scenes: list[Scene] = []
        self.state: GameState | None = None
        self.inbox: InboxFeed | None = None
        self.running = True
        self.frame_no = 0
        self.first_frame_s: float | None = None
        self.toasts: list[list] = []  # [text, seconds left, colour key]
        self.toast_boxes: list[pygame.Rect] = []  # where the strip drew them last frame
        self.shots: dict[str, Path] = {}
        self._top_frames = 0
        self._top_id: tuple = ()
        self.autoplayer = None
        from game.families import GLADHEID

        self.parts = GLADHEID  # the running session's family (game.families) once it starts
        self.trainer_unlocked = options.pin is None
        self._make_ui()
        if options.autoplay:
            from game.autoplay import AutoPlayer

            self.autoplayer = AutoPlayer(self, options.until)

    # --- look and language ----------------------------------------------------------------
    def _make_ui(self) -> None:
        """Translator, painter and a widget manager for the current language and theme."""
        earlier = getattr(self, "tr", None)
        self.tr = Translator(self.lang)
        if earlier is not None:  # keep the record of missing keys across rebuilds
            self.tr.missing |= earlier.missing
        self.look = look_for(self.projector, self.screen.get_size())
        self.painter = Painter(THEMES[self.look.theme], self.look.scale, self.look.text_scale)
        theme = theme_data(self.look)
        self._button_px = button_font_px(theme)
        self.manager = pygame_gui.UIManager(
            self.screen.get_size(), theme, enable_live_theme_updates=False
        )
        with warnings.catch_warnings():  # "already loaded" for the theme's own fonts
            warnings.simplefilter("ignore", UserWarning)
            self.manager.preload_fonts(
                [
                    {"name": "noto_sans", "point_size": size, "style": style}
                    for size in sorted(theme_font_sizes(theme))
                    for style in ("regular", "bold")
                ]
            )
        self.input = InputTranslator(self.manager)
        pygame.display.set_caption(self.tr("app.title"))

    def button_text_width(self, text: str) -> int:
        """Width of a button label in the theme's button font (bold: the widest) [px]."""
        return self.painter.font_px(self._button_px, True).size(text)[0]

    def area(self) -> pygame.Rect:
        """Where screens lay out their controls: the window above the message strip."""
        w, h = self.screen.get_size()
        return pygame.Rect(0, 0, w, h - strip_height(self.painter))

    def strip_rect(self) -> pygame.Rect:
        """The message strip at the bottom of the window."""
        w, h = self.screen.get_size()
        return pygame.Rect(0, h - strip_height(self.painter), w, strip_height(self.painter))

    def rebuild(self) -> None:
        """Rebuild every screen (after a resize, a language switch or projector mode)."""
        for scene in self.scenes:
            scene.teardown()
        self._make_ui()
        for depth, scene in enumerate(self.scenes):
            scene.depth = depth
            scene.build()
        self._visibility()

    def set_language(self, lang: str) -> None:
        """Switch the interface language."""
        if lang != self.lang:
            self.lang = lang
            self.rebuild()

    def set_projector(self, on: bool) -> None:
        """Projector mode: larger text and controls, high-contrast colours."""
        if on != self.projector:
            self.projector = on
            self.rebuild()

    def resize(self, size: tuple[int, int]) -> None:
        """The window was resized."""
        size = (max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1]))
        if size != self.screen.get_size():
            self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.rebuild()

    # --- the screen stack ---------------------------------------------------------------------
    @property
    def top(self) -> Scene | None:
        """The screen that gets input."""
        return self.scenes[-1] if self.scenes else None

    def push(self, scene: Scene) -> None:
        """Open a screen (or overlay) on top."""
        scene.depth = len(self.scenes)
        self.scenes.append(scene)
        scene.build()
        self._visibility()

    def pop(self, scene: Scene | None = None) -> None:
        """Close the top screen (only if it is `scene`, when given)."""
        if not self.scenes or (scene is not None and self.scenes[-1] is not scene):
            return
        self.scenes.pop().teardown()
        self._visibility()

    def replace(self, scene: Scene) -> None:
        """Close every screen and open `scene`."""
        while self.scenes:
            self.scenes.pop().teardown()
        self.toasts = []  # messages about the screens that are gone
        self.push(scene)

    def visible_scenes(self) -> list[Scene]:
        """Screens drawn this frame, bottom first (overlays show what lies below them)."""
        out: list[Scene] = []
        for scene in reversed(self.scenes):
            out.append(scene)
            if not scene.overlay:
                break
        return list(reversed(out))

    def _visibility(self) -> None:
        shown = {id(s) for s in self.visible_scenes()}
        for scene in self.scenes:
            if id(scene) in shown:
                scene.show()
            else:
                scene.hide()

    # --- sessions -------------------------------------------------------------------------------
    def start_session(
        self, scenario_ref: str | None, seats: dict[str, dict], seed: int | None = None
    ) -> None:
        """A new session: scenario, seats, a new log; opens the play screen (the parts of
        the scenario's family, game.families, make the model and the log)."""
        from game.families import parts_for_path
        from sim.scenario.loader import resolve_scenario

        path = resolve_scenario(scenario_ref)
        create = parts_for_path(path).part("create")
        model, log = create(path, seats, seed, self.options, self.lang)
        names = {r: s.get("name") or "" for r, s in seats.items() if s.get("type") == "human"}
        self._open(model, log, names)

    def resume_session(self, path: Path) -> None:
        """Continue an unfinished session from its log."""
        from game.families import parts_for_model
        from game.logbook import Logbook

        model, log = Logbook.open(path)
        names = {
            r: s.get("name") or ""
            for r, s in log.header["controllers"].items()
            if s.get("type") == "human"
        }
        self._open(model, log, parts_for_model(model).resume_names(model, names))

    def _open(self, model: object, log: object, names: dict[str, str]) -> None:
        from game.families import parts_for_model

        self.parts = parts_for_model(model)
        self.state = self.parts.part("state")(
            model, log, speed=self.options.speed, names=names
        )
        self.inbox = self.parts.part("inbox")(self.state) if self.parts.inbox else None
        if self.inbox is not None:
            self.inbox.update()
        if log.ended or self.state.finished:
            self.end_session()
        else:
            self.replace(self.parts.part("play")(self))

    def end_session(self) -> None:
        """Close the log (end event) and show the end screen."""
        if self.state is not None:
            self.state.close()
        self.replace(self.parts.part("end")(self))

    def seat_label(self, seat: str) -> str:
        """A seat's name in words (a role, or a party of a bestuursproces)."""
        return self.parts.seat_label(self.tr, seat)

    def new_session(self) -> None:
        """Back to the start screen."""
        from game.scene_start import StartScene

        self.state = None
        self.inbox = None
        self.replace(StartScene(self))

    # --- messages -------------------------------------------------------------------------------
    def toast(self, text: str, colour: str = "accent") -> None:
        """A short message in the message strip."""
        self.toasts.append([text, TOAST_S, colour])
        self.toasts = self.toasts[-2:]

    def visible_texts(self) -> list[str]:
        """Every text on screen this frame: drawn texts plus visible widget texts."""
        texts = list(self.painter.frame_texts)
        for element in self.manager.get_sprite_group().sprites():
            if not getattr(element, "visible", False):
                continue
            for attr in ("text", "html_text"):
                value = getattr(element, attr, None)
                if isinstance(value, str) and value:
                    texts.append(value)
            getter = getattr(element, "get_text", None)
            if callable(getter):
                texts.append(getter())
        return texts

    # --- the loop -------------------------------------------------------------------------------
    def run(self) -> int:
        """Run until the window closes (or the frame budget of a benchmark is used)."""
        if not self.scenes:
            self.open_first_screen()
        clock = pygame.time.Clock()
        while self.running:
            dt = HEADLESS_DT if self.options.headless else clock.tick(FPS) / 1000.0
            self.frame(dt)
            if self.options.frames is not None and self.frame_no >= self.options.frames:
                break
        self.shutdown()
        return 0

    def open_first_screen(self) -> None:
        """Resume (--resume), or the start screen."""
        if self.options.resume is not None:
            self.resume_session(self.options.resume)
        else:
            self.new_session()

    def frame(self, dt: float) -> None:
        """One frame: input, update, draw, screenshot."""
        if self.autoplayer is not None:
            self.autoplayer.act()
        for event in pygame.event.get():
            consumed = self.manager.process_events(event)
            cmd = self.input.translate(event, consumed)
            if cmd is not None:
                self.dispatch(cmd)
        self.manager.update(dt)
        top = self.top
        if top is not None:
            top.update(dt)
        for toast in self.toasts:
            toast[1] -= dt
        self.toasts = [t for t in self.toasts if t[1] > 0]
        self.draw()
        self.frame_no += 1
        if self.first_frame_s is None:
            self.first_frame_s = time.perf_counter() - self.t0
            # While people read the start screen, load the model's modules (mesa, scipy,
            # networkx): pressing Start then only has to build the model.
            threading.Thread(target=_preload_model_modules, daemon=True).start()
        self._screenshot()

    def dispatch(self, cmd: Command) -> None:
        """Commands for the whole app first, the rest for the top screen."""
        if cmd.name == "quit":
            self.running = False
        elif cmd.name == "resize":
            self.resize(cmd.value)
        elif cmd.name == "projector":
            self.set_projector(not self.projector)
        elif cmd.name == "help":
            from game.scene_help import HelpScene

            if not isinstance(self.top, HelpScene):
                self.push(HelpScene(self))
        elif cmd.name == "trainer":
            self.open_trainer()
        elif cmd.name in ("faster", "pause"):
            self.trainer_key(cmd)
        elif self.top is not None:
            self.top.handle(cmd)

    def open_trainer(self) -> None:
        """The trainer panel (behind the PIN, if one was set) of the session's family."""
        if self.state is None or self.state.finished:
            self.toast(self.tr("trainer.no_session"), "warn")
            return
        if not self.parts.trainer:
            self.toast(self.tr("trainer.not_for_family"), "warn")
            return
        trainer = self.parts.part("trainer")
        if not any(isinstance(s, trainer) for s in self.scenes):
            self.push(trainer(self))

    def trainer_key(self, cmd: Command) -> None:
        """Speed and pause keys: trainer acts, so only without a PIN."""
        if self.state is None or self.state.finished:
            return
        if self.options.pin is not None:
            self.toast(self.tr("trainer.use_panel"), "warn")
            return
        if cmd.name == "pause":
            self.state.set_paused(not self.state.paused)
        else:
            self.state.faster(int(cmd.value))
        self.toast(
            self.tr("trainer.speed_now", speed=self.state.speed)
            if not self.state.paused
            else self.tr("topbar.paused")
        )

    def draw(self) -> None:
        """Screens bottom-up, then widgets, then the top screen's focus frame and messages."""
        self.painter.frame_texts = []
        self.screen.fill(self.painter.colours["bg"])
        for scene in self.visible_scenes():
            scene.draw(self.screen)
        self.manager.draw_ui(self.screen)
        if self.top is not None:
            self.top.draw_top(self.screen)
        self._draw_toasts()
        pygame.display.flip()

    def _draw_toasts(self) -> None:
        self.toast_boxes = draw_strip(
            self.screen, self.strip_rect(), self.painter, self.toasts, self.tr("strip.keys")
        )

    # --- screenshots ------------------------------------------------------------------------------
    def shot_pending(self) -> bool:
        """Whether the top screen still waits for its screenshot."""
        top = self.top
        return (
            self.options.screenshot_dir is not None
            and top is not None
            and self._shot_name(top) not in self.shots
        )

    def _shot_name(self, scene: Scene) -> str:
        prefix = self.options.shot_prefix + ("" if self.projector else "desktop-")
        return prefix + scene.shot_name()

    def _screenshot(self) -> None:
        top = self.top
        if top is None:
            return
        key = (id(top), self._shot_name(top))
        if key != self._top_id:
            self._top_id, self._top_frames = key, 0
        self._top_frames += 1
        if (
            self.options.screenshot_dir is None
            or self._top_frames < SCREENSHOT_SETTLE_FRAMES
            or not self.shot_pending()
        ):
            return
        self.save_screenshot(self._shot_name(top))

    def save_screenshot(self, name: str) -> Path:
        """Save the current frame as DIR/name.png."""
        directory = Path(self.options.screenshot_dir or ".")
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{name}.png"
        pygame.image.save(self.screen, str(path))
        self.shots[name] = path
        return path

    def shutdown(self) -> None:
        """Leave an unfinished session resumable (no end event) and close the window."""
        if self.state is not None and not self.state.log.ended:
            self.state.log.abandon()
        pygame.display.quit()


def _preload_model_modules() -> None:
    """Import what a session needs (runs in a background thread; imports are thread-safe)."""
    import sim.kpi  # noqa: F401
    import sim.model  # noqa: F401
    import sim.session  # noqa: F401
