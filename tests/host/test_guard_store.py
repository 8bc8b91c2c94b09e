"""The rate limit, the lock-out and the host file: plain arithmetic and hashed secrets."""

from __future__ import annotations

import re

from host import store
from host.guard import Lockout, RateLimit
from host.protocol import CODE_ALPHABET, CODE_LENGTH
from host.store import HostFile, SeatGrant


def test_a_burst_passes_then_the_rate_refills():
    rate = RateLimit(rate=10.0, burst=5, tokens=5)
    assert [rate.allow(0.0) for _ in range(6)] == [True] * 5 + [False]
    assert rate.allow(0.1) and not rate.allow(0.1)
    assert rate.refused == 2


def test_a_lockout_starts_at_the_limit_and_ends_after_its_time():
    lock = Lockout(limit=3, seconds=60.0)
    for t in (0.0, 1.0):
        lock.fail("10.0.0.7", t)
    assert not lock.locked("10.0.0.7", 2.0)
    lock.fail("10.0.0.7", 2.0)
    assert lock.locked("10.0.0.7", 3.0) and not lock.locked("10.0.0.8", 3.0)
    assert not lock.locked("10.0.0.7", 62.5)


def test_every_seat_gets_a_distinct_code_from_the_alphabet():
    codes = [c for table in store.new_codes(12).values() for c in table.values()]
    assert len(set(codes)) == 36
    assert all(len(c) == CODE_LENGTH and set(c) <= set(CODE_ALPHABET) for c in codes)


def test_the_host_file_keeps_hashes_not_secrets(tmp_path):
    token, pin = store.new_token(), "4821"
    data = HostFile(
        scenario_file="x.yaml",
        seed=1,
        tables=1,
        speed=4,
        pin_sha256=store.digest(pin),
        codes=store.new_codes(1),
        tokens={store.digest(token): SeatGrant(table=1, role="executor")},
    )
    store.save(tmp_path, data)
    text = (tmp_path / store.HOST_FILE).read_text()
    # The PIN's four digits may turn up by chance inside any hex digest: look outside them.
    outside_digests = re.sub(r"[0-9a-f]{64}", "", text)
    assert token not in text and pin not in outside_digests
    assert (tmp_path / store.HOST_FILE).stat().st_mode & 0o077 == 0
    back = store.load(tmp_path)
    assert back.seat_of(token).role == "executor" and back.check_pin(pin)
    assert back.seat_of(store.new_token()) is None and not back.check_pin("4822")
