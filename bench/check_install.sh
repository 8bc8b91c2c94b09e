#!/usr/bin/env bash
# Check the documented installs in real, fresh virtual environments (issue 15, item 1).
#
#   bench/check_install.sh [WORKDIR]
#
# For each install the README and the trainer guide give, `pip install .` (base) and
# `pip install ".[game]"` (the trainer's install), from the committed tree (git archive
# HEAD, so nothing uncommitted or installed elsewhere leaks in):
#   - a short session log is recorded with the venv's own Python (bots only, 3 days),
#   - `regie debrief LOG --out report.html` and `regie cards` must work,
#   - the base install's `regie play` must print one line naming the game extra, exit 2.
# Prints one PASS/FAIL line per check and the time each install took; exit 1 on a failure.
# Needs network access to the package index (or a pip cache). Takes a few minutes.
set -u
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d /tmp/regie-install-XXXXXX)}"
python="${PYTHON:-python3}"
mkdir -p "$work"
git -C "$repo" archive --format=tar --prefix=src/ HEAD | tar -x -C "$work"
failed=0

check() {  # check NAME COMMAND... : run, print PASS/FAIL with the last line of output
    local name="$1"; shift
    if out="$("$@" 2>&1)"; then
        echo "PASS $name"
    else
        echo "FAIL $name: $(printf '%s' "$out" | tail -n 3 | tr '\n' ' ')"
        failed=1
    fi
}

for spec in "." ".[game]"; do
    tag="$([ "$spec" = "." ] && echo base || echo game)"
    venv="$work/venv-$tag"
    start=$(date +%s)
    "$python" -m venv "$venv"
    if ! (cd "$work/src" && "$venv/bin/pip" install -q "$spec") >"$work/pip-$tag.log" 2>&1; then
        echo "FAIL $tag: pip install \"$spec\" (see $work/pip-$tag.log)"
        failed=1
        continue
    fi
    echo "installed $tag (pip install \"$spec\") in $(( $(date +%s) - start )) s"
    run="$work/run-$tag"
    mkdir -p "$run"
    check "$tag: record a session log" "$venv/bin/python" -c "
from sim.bots.play import record_session
from sim.scenario.loader import load_scenario, resolve_scenario
sc = load_scenario(resolve_scenario('gladheid_koudegolf_klas'), ['weather.days=3'])
record_session('$run/session.jsonl', sc, 1, {})"
    check "$tag: regie debrief LOG --out report.html" \
        "$venv/bin/regie" debrief "$run/session.jsonl" --out "$run/report.html" --seeds 1 \
        --workers 1 --quiet
    check "$tag: report.html written" test -s "$run/report.html"
    check "$tag: regie cards" "$venv/bin/regie" cards gladheid_koudegolf_klas \
        --out "$run/cards" --quiet
    if [ "$tag" = base ]; then
        out="$("$venv/bin/regie" play --headless 2>&1)"; code=$?
        if [ $code -eq 2 ] && [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] \
            && printf '%s' "$out" | grep -q 'pip install ".\[game\]"'; then
            echo "PASS base: regie play names the game extra ($out)"
        else
            echo "FAIL base: regie play without the game extra (exit $code): $out"
            failed=1
        fi
    fi
done
echo "work directory: $work"
exit $failed
