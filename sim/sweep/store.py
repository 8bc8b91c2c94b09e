"""The results directory of a sweep: manifest, design, Parquet part files, failures.

Layout of ``DIR`` (every file is written to a temporary name and renamed, so a killed
driver never leaves a half-written file under a real name)::

    DIR/sweep.json          manifest: experiment, base scenario hash, fingerprint, factors
    DIR/experiment.yaml     the experiment file as it was run
    DIR/design.parquet      one row per planned run (point, replication, seed, run_id, factors)
    DIR/runs/part-*.parquet results, one row per finished run, N rows per part file
    DIR/failures.jsonl      runs that raised (retried by --resume)

A run id appears in at most one part file: rows are written once, by the driver,
after the run finished; ``--resume`` reads only the ``run_id`` column of the parts.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

__all__ = [
    "DESIGN_FILE",
    "FAILURES_FILE",
    "MANIFEST_FILE",
    "RUNS_DIR",
    "PartWriter",
    "finished_ids",
    "part_files",
    "read_failures",
    "read_manifest",
    "read_runs",
    "write_atomic",
    "write_design",
]

MANIFEST_FILE = "sweep.json"
DESIGN_FILE = "design.parquet"
RUNS_DIR = "runs"
FAILURES_FILE = "failures.jsonl"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def read_manifest(directory: Path) -> dict[str, Any] | None:
    """The manifest of a results directory, or None if there is none."""
    path = directory / MANIFEST_FILE
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def part_files(directory: Path) -> list[Path]:
    """Finished part files, in name order."""
    runs = directory / RUNS_DIR
    if not runs.is_dir():
        return []
    return sorted(p for p in runs.glob("part-*.parquet") if p.is_file())


def remove_stale_tmp(directory: Path) -> None:
    """Delete temporary files a killed driver may have left."""
    for folder in (directory, directory / RUNS_DIR):
        if folder.is_dir():
            for tmp in folder.glob(".*.tmp"):
                tmp.unlink(missing_ok=True)


def finished_ids(directory: Path) -> set[str]:
    """Run ids already in the part files (reads one column per file)."""
    import pyarrow.parquet as pq

    done: set[str] = set()
    for part in part_files(directory):
        done.update(pq.read_table(part, columns=["run_id"]).column("run_id").to_pylist())
    return done


def read_runs(directory: Path):  # -> pandas.DataFrame
    """All result rows; a run id found twice (two drivers on one directory) is kept once."""
    import pandas as pd
    import pyarrow.parquet as pq

    frames = [pq.read_table(p).to_pandas() for p in part_files(directory)]
    if not frames:
        return pd.DataFrame()
    df = pd.concat(frames, ignore_index=True)
    return df.drop_duplicates("run_id", keep="first").reset_index(drop=True)


def read_failures(directory: Path) -> list[dict[str, Any]]:
    """Failure records (a torn last line from a killed driver is skipped)."""
    path = directory / FAILURES_FILE
    out = []
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return out


def write_design(path: Path, rows: Iterator[dict[str, Any]], factor_types: dict[str, str],
                 chunk: int = 10_000) -> int:
    """Stream design rows into one Parquet file (atomically); returns the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("point", pa.int64()), ("replication", pa.int64()),
                        ("seed", pa.int64()), ("run_id", pa.string()),
                        *[(name, _pa(t)) for name, t in factor_types.items()]])
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    n = 0
    with pq.ParquetWriter(tmp, schema) as writer:
        for batch in _chunks(rows, chunk):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    os.replace(tmp, path)
    return n


def _chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _pa(name: str):
    import pyarrow as pa

    return {"bool": pa.bool_(), "int": pa.int64(), "float": pa.float64(),
            "str": pa.string()}[name]


class PartWriter:
    """Buffers finished rows and writes them as Parquet part files.

    A part is written when ``flush_every`` rows are buffered or ``flush_seconds`` have
    passed since the last write, and on :meth:`close`. Memory holds at most one part.
    """

    def __init__(self, directory: Path, factor_types: dict[str, str], *,
                 flush_every: int = 100, flush_seconds: float = 30.0) -> None:
        self.runs = directory / RUNS_DIR
        self.runs.mkdir(parents=True, exist_ok=True)
        self.factor_types = factor_types
        self.flush_every = max(1, flush_every)
        self.flush_seconds = flush_seconds
        self.session = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
        self.sequence = 0
        self.buffer: list[dict[str, Any]] = []
        self.written = 0
        self.last_flush = time.monotonic()
        self.schema = None

    def add(self, row: dict[str, Any]) -> None:
        """Buffer one finished row; writes a part when the buffer is full."""
        self.buffer.append(row)
        if len(self.buffer) >= self.flush_every:
            self.flush()

    def maybe_flush(self) -> None:
        """Write the buffer if it has waited ``flush_seconds``."""
        if self.buffer and time.monotonic() - self.last_flush >= self.flush_seconds:
            self.flush()

    def flush(self) -> None:
        """Write the buffered rows as one part file (atomic rename)."""
        self.last_flush = time.monotonic()
        if not self.buffer:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self.schema is None:
            self.schema = self._schema(self.buffer[0])
        table = pa.Table.from_pylist(self.buffer, schema=self.schema)
        name = f"part-{self.session}-{self.sequence:05d}.parquet"
        tmp = self.runs / f".{name}.tmp"
        pq.write_table(table, tmp)
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, self.runs / name)
        self.sequence += 1
        self.written += len(self.buffer)
        self.buffer = []

    def close(self) -> None:
        """Write what is left."""
        self.flush()

    def _schema(self, row: dict[str, Any]):
        import pyarrow as pa

        fields = [("run_id", pa.string()), ("point", pa.int64()), ("replication", pa.int64()),
                  ("seed", pa.int64())]
        fields += [(name, _pa(t)) for name, t in self.factor_types.items()]
        fixed = {"run_id", "point", "replication", "seed", *self.factor_types}
        tail = {"run_time_s": pa.float64(), "run_cpu_s": pa.float64(),
                "scenario_hash": pa.string(),
                "weather_digest": pa.string(), "worker": pa.string()}
        fields += [(k, pa.float64()) for k in row if k not in fixed and k not in tail]
        fields += list(tail.items())
        return pa.schema(fields)
