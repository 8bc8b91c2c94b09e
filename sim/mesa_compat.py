"""Work-arounds for the Mesa release this project pins (mesa 3.3.x).

Mesa 3.3.1 keeps every model that ever had an agent in the class attribute
``mesa.Agent._ids`` (a defaultdict of per-model id counters keyed by the model; mesa issue
#3179, fixed upstream after 3.3.1). A process that makes many models one after another (a
sweep worker, the debrief's ghost runs, ``regie run --seeds``) would keep every finished
one alive, about 4 MB per default season.

Mesa's ``__init__`` also imports all of Mesa: its grids (networkx), continuous space
(scipy.spatial), batch runner (tqdm, multiprocessing) and, through the DataCollector,
pandas and pyarrow; about 0.8 s in a fresh process, most of a `regie run`'s start-up.
The model needs three names: ``Model``, ``Agent`` and ``DataCollector``.
`install_light_mesa` (called by ``sim/__init__``) makes ``import mesa`` load just those,
and the rest of Mesa the first time anything else is asked of it.
"""

from __future__ import annotations

import importlib
import importlib.util
import itertools
import os
import sys
import threading
import types
import weakref
from typing import Any

__all__ = ["forget_finished_models", "install_light_mesa"]

# Mesa's top-level names the model uses: the module each lives in.
_CORE_NAMES = {"Agent": "mesa.agent", "Model": "mesa.model",
               "DataCollector": "mesa.datacollection"}
# Dunder names Mesa's __init__ defines; other dunders are absent, as from any module.
_INIT_DUNDERS = frozenset({"__all__", "__version__", "__title__", "__license__",
                           "__copyright__"})
_LOCK = threading.RLock()


class _WeakCounters(weakref.WeakKeyDictionary):
    """Mesa's per-model agent id counters, without keeping finished models alive."""

    def __getitem__(self, model: Any) -> Any:
        try:
            return super().__getitem__(model)
        except KeyError:
            counter = self[model] = itertools.count(1)
            return counter


def forget_finished_models() -> None:
    """Let finished models be garbage-collected in a process that makes many of them.

    Swaps ``mesa.Agent._ids`` for the same per-model counters in a weak-keyed mapping:
    identical for live models (ids still count 1, 2, ... per model), and a finished model
    is forgotten. Idempotent; a no-op on a Mesa without the class-level registry.
    """
    import mesa

    ids = getattr(mesa.Agent, "_ids", None)
    if ids is None or isinstance(ids, _WeakCounters):
        return
    counters = _WeakCounters()
    counters.update(ids)
    mesa.Agent._ids = counters


def install_light_mesa() -> None:
    """Make ``import mesa`` cheap: the package without running its ``__init__`` yet.

    ``mesa.Agent``, ``mesa.Model`` and ``mesa.DataCollector`` come from their own modules
    (the same classes); any other name (``mesa.space``, ``mesa.__version__``, ...) runs
    Mesa's ``__init__`` first, so everything Mesa offers still works. A no-op once Mesa
    is imported, or if it cannot be found.
    """
    if "mesa" in sys.modules:
        return
    spec = importlib.util.find_spec("mesa")
    if (spec is None or spec.loader is None or spec.submodule_search_locations is None
            or not _is_pinned_mesa(spec)):
        return
    package = importlib.util.module_from_spec(spec)  # __path__ set: submodules import
    package.__getattr__ = _LazyMesa(package, spec)
    sys.modules["mesa"] = package


def _is_pinned_mesa(spec: importlib.machinery.ModuleSpec) -> bool:
    """Whether the installed Mesa is the 3.3 series the light import was written for (its
    module layout and logging); any other release is imported as it is. Read from the
    name of its dist-info folder beside the package (importlib.metadata costs ~30 ms)."""
    site = os.path.dirname(next(iter(spec.submodule_search_locations)))
    try:
        return any(n.startswith("mesa-3.3.") and n.endswith(".dist-info")
                   for n in os.listdir(site))
    except OSError:
        return False


class _LazyMesa:
    """The light package's ``__getattr__`` (PEP 562): the core names, or the whole of Mesa."""

    def __init__(self, package: types.ModuleType, spec: importlib.machinery.ModuleSpec) -> None:
        self.package, self.spec = package, spec
        self.running_init = False

    def __call__(self, name: str) -> Any:
        package = vars(self.package)
        with _LOCK:  # one thread loads; the game loads the model's modules in the background
            if name in package:  # another thread loaded it meanwhile
                return package[name]
            if name in _CORE_NAMES:
                package[name] = getattr(_import_core(_CORE_NAMES[name]), name)
                return package[name]
            if self.running_init or (name.startswith("__") and name not in _INIT_DUNDERS):
                raise AttributeError(name)  # probes such as __wrapped__ load nothing
            self.running_init = True
            try:
                self.spec.loader.exec_module(self.package)  # Mesa's own __init__, in here
            finally:
                self.running_init = False
            package.pop("__getattr__", None)
            return getattr(self.package, name)


def _import_core(module: str) -> types.ModuleType:
    """Import a Mesa core module; the DataCollector's pandas only when a DataFrame is made."""
    if "mesa.model" not in sys.modules:
        _import_mesa_model()
    if module != "mesa.datacollection" or module in sys.modules or "pandas" in sys.modules:
        return importlib.import_module(module)
    blocker = _NoPandasInThisThread()  # Mesa imports pandas in `suppress(ImportError)`
    sys.meta_path.insert(0, blocker)
    try:
        datacollection = importlib.import_module(module)
    finally:
        sys.meta_path.remove(blocker)
    if "pd" not in vars(datacollection):  # (another thread may have imported pandas)
        datacollection.pd = _PandasOnUse(datacollection)
    return datacollection


class _NoPandasInThisThread:
    """A meta path finder: `import pandas` fails in the thread that made it, while it is on
    ``sys.meta_path``; other threads import pandas as usual."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "pandas" and threading.get_ident() == self.thread:
            raise ImportError("pandas is imported when the DataCollector makes a DataFrame")


def _import_mesa_model() -> None:
    """Import ``mesa.model`` with the same loggers, its frames named without reading source.

    At import, ``mesa.model`` names its module logger and ``Model.__init__``'s class
    through ``inspect.stack()`` / ``inspect.getouterframes``, which read the source file
    of every frame and scan all loaded modules: about 0.1 s deep inside a model's imports.
    Meanwhile ``mesa.mesa_logging`` sees `_FRAME_NAMES` as its ``inspect``: the same
    frames, module and names, taken from the frames directly.
    """
    logging_module = importlib.import_module("mesa.mesa_logging")
    real_inspect = getattr(logging_module, "inspect", None)
    if real_inspect is None:  # not the Mesa this was written for: import it as it is
        importlib.import_module("mesa.model")
        return
    logging_module.inspect = _FRAME_NAMES
    try:
        importlib.import_module("mesa.model")
    finally:
        logging_module.inspect = real_inspect


def _outer_frames(frame: types.FrameType | None, context: int = 1) -> list[tuple]:
    """(frame, file, line, function) from `frame` outwards: what mesa_logging reads of
    `inspect.getouterframes`."""
    records = []
    while frame is not None:
        code = frame.f_code
        records.append((frame, code.co_filename, frame.f_lineno, code.co_name))
        frame = frame.f_back
    return records


_FRAME_NAMES = types.SimpleNamespace(
    currentframe=sys._getframe,  # called with no argument: the caller's frame
    getouterframes=_outer_frames,
    stack=lambda context=1: _outer_frames(sys._getframe(1)),
    getmodule=lambda frame: sys.modules[frame.f_globals["__name__"]],
)


class _PandasOnUse:
    """Stands in for the DataCollector module's ``pd``: imports pandas when first used."""

    def __init__(self, owner: types.ModuleType) -> None:
        self._owner = owner

    def __getattr__(self, name: str) -> Any:
        pandas = importlib.import_module("pandas")
        self._owner.pd = pandas
        return getattr(pandas, name)
