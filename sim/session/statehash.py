"""The state hash: a sha256 of everything that carries a model's state from hour to hour.

Read only through public state: arrays and counters the classes expose, and each class's
``hash_parts()`` (the plain values of its own attributes plus its lists, in a fixed order).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import pickle
from typing import TYPE_CHECKING

import numpy as np

from sim.actions import ROLES
from sim.state_parts import SCALAR_TYPES

if TYPE_CHECKING:
    from sim.model import RegieModel

# The road arrays that carry state from hour to hour. Left out: fixed arrays and caches,
# and the two recomputed every hour from hashed state (surface temperature from the
# weather; slipperiness from water, ice, snow, salt, grit and that temperature).
_ROAD_STATE = ("water_mm", "ice_mm", "snow_cm", "salt_g_m2", "grit_g_m2", "cleared_pavement")
_weather_digest: list = [None, ""]  # [the Weather object last digested, its digest]
_HEADERS: dict[tuple, bytes] = {}  # an array's dtype and shape as hashed, by (dtype, shape)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # a dataclass's field names, by class


def _json_scalar(obj: object) -> object:
    if isinstance(obj, np.generic):
        return obj.item()
    cls = type(obj)
    names = _FIELD_NAMES.get(cls)
    if names is None and dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(obj))
    if names is not None:
        values = (getattr(obj, name) for name in names)
        return [cls.__name__, *(v for v in values if type(v) in SCALAR_TYPES)]
    return cls.__name__


_STATE_ENCODER = json.JSONEncoder(separators=(",", ":"), default=_json_scalar)


def _rng_state(gen: np.random.Generator) -> list:
    bg = gen.bit_generator
    seq = getattr(bg, "seed_seq", None)
    state = bg.state
    inner = state["state"]
    return [
        state["bit_generator"],
        *(inner.values() if isinstance(inner, dict) else [inner]),
        state.get("has_uint32"),
        state.get("uinteger"),
        getattr(seq, "n_children_spawned", None),
    ]


def state_hash(model: RegieModel, version: int = 2) -> str:
    """sha256 (hex) of the model's state, cheap enough to take every simulated day.

    Covers the hour and season; the road-surface arrays that carry state (water, ice, snow,
    salt, grit, cleared pavements; not those recomputed from them); the weather as it now is
    (a trainer's inject changes it); the injects still to come; depot, trucks, drivers, the
    newest action records and the number of actions; the executor's conduct, costs and
    calls; citizens' counters and satisfaction (per route, which fixes every resident's,
    and per day); the wethouder; the KPI tracker; the governance ledger, trust, counts,
    flags, requests, disputes, reports, invoice and meeting states and the size of the
    decision board and event list; who sits in each seat; and the bit-generator states of
    ``model.rng`` and every generator in ``model.streams``. Left out: Mesa's step counter
    (a model waiting for a person is stepped without advancing, so it counts clicks, not
    hours) and Mesa's stdlib ``model.random``, which the model never draws from (it is
    seeded from ``model.rng``).

    `version` 2 (session-log format 3 on) writes the arrays' bytes and a pickle of the
    counters, about 0.1 ms late in a default season; version 1 (formats 1 and 2) wrote a
    header per array and the counters as JSON, about twice as long. The same state gives
    the same hash within a version, never across versions.
    """
    if version == 1:
        return _state_hash_1(model)
    h = hashlib.sha256(b"regiekamer-state/2\n")
    arrays = _arrays(model)
    for a in arrays:
        h.update(a.data if a.flags.c_contiguous else np.ascontiguousarray(a).data)
    buf = io.BytesIO()
    pickler = _StatePickler(buf, 5)
    pickler.fast = True  # no memo: the bytes depend on values, never on shared objects
    pickler.dump([[(a.dtype.str, a.shape) for a in arrays], *_doc(model)])
    h.update(buf.getvalue())
    return h.hexdigest()


class _StatePickler(pickle.Pickler):
    """Pickles the counters as plain values: a numpy scalar as its Python value, a
    dataclass as its name and plain fields, anything else as its class name (as version 1
    wrote them in JSON). Plain Python values never reach `reducer_override`."""

    def reducer_override(self, obj: object) -> object:
        if obj is _plain:
            return NotImplemented  # pickled by name
        return (_plain, (_json_scalar(obj),))


def _plain(value: object) -> object:
    """What a reduced object unpickles to (the hash never unpickles; pickle needs one)."""
    return value


def _arrays(model: RegieModel) -> list[np.ndarray]:
    """The arrays the hash covers, in order."""
    roads, cit, ex = model.roads, model.citizens, model.executor
    fleet = ex.fleet
    return [
        *(getattr(roads, name) for name in _ROAD_STATE),
        cit.route_satisfaction,  # residents on one route share it (CitizenPopulation)
        cit.injuries_by_mode,
        fleet.shift_h,
        fleet.rest_until,
        fleet.sick_until,
        ex.skipped,
        np.asarray(model.satisfaction_days, dtype=float),
    ]


def _doc(model: RegieModel) -> list:
    """The counters, flags and records the hash covers, in order."""
    cit, ex, gov = model.citizens, model.executor, model.governance
    weather = model.weather
    if _weather_digest[0] is not weather:
        _weather_digest[:] = [weather, weather.digest()]
    return [
        model.hour,
        model.season,
        model.seed,
        model.season_day0,
        _weather_digest[1],
        [_rng_state(model.rng)] + [_rng_state(g) for g in model.streams.values()],
        model.pending_injects,
        ex.calls_made,
        *cit.hash_parts(),
        *ex.depot.hash_parts(),
        *ex.fleet.hash_parts(),
        *ex.hash_parts(),
        *model.wethouder.hash_parts(),
        *model.kpi.hash_parts(),
        *gov.hash_parts(),
        [None if gov.is_human(role) else gov.controllers[role].name for role in ROLES],
    ]


def _state_hash_1(model: RegieModel) -> str:
    """Version 1 of the hash (session-log formats 1 and 2): a header per array, the
    counters as JSON."""
    h = hashlib.sha256(b"regiekamer-state/1\n")
    for a in _arrays(model):
        a = np.ascontiguousarray(a)
        key = (a.dtype.str, a.shape)
        header = _HEADERS.get(key)
        if header is None:
            header = _HEADERS[key] = f"{a.dtype.str}{a.shape}".encode()
        h.update(header)
        h.update(a.data)
    h.update(_STATE_ENCODER.encode(_doc(model)).encode())
    return h.hexdigest()
