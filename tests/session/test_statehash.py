"""The state hash and its versions: format 3 writes hash version 2 (the arrays' bytes and
a pickle of the counters), formats 1 and 2 hold version 1, and each log is checked with
the version it holds."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from sim.model import RegieModel
from sim.session import FORMAT_VERSION, SessionLog, replay, run_logged, state_hash
from sim.session.format import STATE_HASH_VERSION
from sim.session.statehash import state_hash as hash_of_version
from tests.session.conftest import BASE_DIR, scenario

DAYS = 3
SEED = 4


@pytest.fixture(scope="module")
def model() -> RegieModel:
    """Three days of a hard January, with trucks out and salt on the roads."""
    m = RegieModel(scenario(DAYS), seed=SEED, base_dir=BASE_DIR)
    m.run_season()
    return m


def test_this_format_holds_the_newest_hash_version() -> None:
    assert STATE_HASH_VERSION[FORMAT_VERSION] == max(STATE_HASH_VERSION.values()) == 2
    assert STATE_HASH_VERSION[1] == STATE_HASH_VERSION[2] == 1


def test_the_versions_differ_and_each_is_a_sha256(model: RegieModel) -> None:
    new, old = hash_of_version(model), hash_of_version(model, 1)
    assert new != old
    assert all(len(h) == 64 and int(h, 16) >= 0 for h in (new, old))
    assert state_hash(model) == new
    assert state_hash(model, 2) == old  # a format-2 log holds version 1


def test_a_copy_hashes_the_same_and_any_change_shows(model: RegieModel) -> None:
    twin = copy.deepcopy(model)
    assert hash_of_version(twin) == hash_of_version(model)
    twin.roads.salt_g_m2[5] += 1e-9  # an array
    assert hash_of_version(twin) != hash_of_version(model)
    twin = copy.deepcopy(model)
    twin.executor.depot.stock_t += 1e-9  # a counter
    assert hash_of_version(twin) != hash_of_version(model)


@pytest.mark.parametrize("version", [2, FORMAT_VERSION])
def test_a_log_of_either_format_replays_with_the_hash_it_holds(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / f"v{version}.jsonl"
    log = SessionLog.create(
        path,
        scenario(DAYS),
        SEED,
        base_dir=BASE_DIR,
        fsync_checkpoints=False,
        format_version=version,
    )
    with log:
        model = log.new_model()
        while not model.finished:
            log.step(model)
        log.close(model)
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert lines[0]["format_version"] == version
    assert lines[-1]["hash"] == hash_of_version(model, STATE_HASH_VERSION[version])
    report = replay(path)
    assert report.ok and report.checkpoints == DAYS
    assert report.state_hash == lines[-1]["hash"]


def test_regie_run_log_writes_this_format(tmp_path: Path) -> None:
    path = tmp_path / "run.jsonl"
    run_logged(scenario(DAYS), SEED, path, base_dir=BASE_DIR)
    assert json.loads(path.read_text().splitlines()[0])["format_version"] == FORMAT_VERSION


def test_a_log_of_an_unknown_format_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "v9.jsonl"
    with pytest.raises(ValueError, match="format_version"):
        SessionLog.create(path, scenario(DAYS), SEED, format_version=FORMAT_VERSION + 1)
    assert not path.exists()
