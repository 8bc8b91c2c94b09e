"""The Mesa 3.3.1 work-arounds: finished models are released, live ones count ids as before;
`import mesa` after `import sim` is light and still all of Mesa."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import weakref

import mesa

from sim.mesa_compat import forget_finished_models


class _Walker(mesa.Agent):
    pass


def _model_with_agents(n: int) -> mesa.Model:
    model = mesa.Model(rng=1)
    for _ in range(n):
        _Walker(model)
    return model


def test_a_finished_model_is_garbage_collected() -> None:
    forget_finished_models()
    ref = weakref.ref(_model_with_agents(3))
    gc.collect()
    assert ref() is None


def test_live_models_keep_counting_their_own_agent_ids() -> None:
    forget_finished_models()
    forget_finished_models()  # idempotent
    a, b = _model_with_agents(2), _model_with_agents(1)
    assert sorted(x.unique_id for x in a.agents) == [1, 2]
    assert [x.unique_id for x in b.agents] == [1]
    _Walker(a)
    assert sorted(x.unique_id for x in a.agents) == [1, 2, 3]


# --- the light `import mesa` (sim/__init__ installs it; checked in a fresh process) -----
def _in_fresh_process(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    return json.loads(out.splitlines()[-1])


def test_mesa_after_sim_has_mesas_own_classes_and_nothing_else_loaded() -> None:
    seen = _in_fresh_process(
        "import json, sys, sim, mesa\n"
        "core = (mesa.Model, mesa.Agent, mesa.DataCollector)\n"
        "own = tuple(getattr(sys.modules['mesa.' + m], c.__name__) for m, c in\n"
        "            zip(('model', 'agent', 'datacollection'), core))\n"
        "print(json.dumps({'same': core == own,\n"
        "    'space': 'mesa.space' in sys.modules, 'pandas': 'pandas' in sys.modules}))")
    assert seen == {"same": True, "space": False, "pandas": False}


def test_any_other_name_loads_the_whole_of_mesa() -> None:
    seen = _in_fresh_process(
        "import json, sys, importlib.metadata, sim, mesa\n"
        "print(json.dumps({'version': mesa.__version__ == importlib.metadata.version('mesa'),\n"
        "    'space': mesa.space.MultiGrid.__name__, 'run': callable(mesa.batch_run)}))")
    assert seen == {"version": True, "space": "MultiGrid", "run": True}


def test_the_datacollector_still_gives_a_pandas_dataframe() -> None:
    seen = _in_fresh_process(
        "import json, sys, sim, mesa\n"
        "model = mesa.Model(rng=1)\n"
        "collector = mesa.DataCollector(model_reporters={'n': lambda m: 3.0})\n"
        "collector.collect(model)\n"
        "before = 'pandas' in sys.modules\n"
        "frame = collector.get_model_vars_dataframe()\n"
        "import pandas\n"
        "print(json.dumps({'before': before, 'frame': isinstance(frame, pandas.DataFrame),\n"
        "    'n': frame['n'].tolist()}))")
    assert seen == {"before": False, "frame": True, "n": [3.0]}


def test_light_import_is_only_for_the_pinned_mesa_series(tmp_path) -> None:
    import importlib.machinery

    from sim.mesa_compat import _is_pinned_mesa

    (tmp_path / "mesa").mkdir()
    spec = importlib.machinery.ModuleSpec("mesa", None, is_package=True)
    spec.submodule_search_locations = [str(tmp_path / "mesa")]
    (tmp_path / "mesa-4.0.0.dist-info").mkdir()
    assert not _is_pinned_mesa(spec)
    (tmp_path / "mesa-3.3.1.dist-info").mkdir()
    assert _is_pinned_mesa(spec)
