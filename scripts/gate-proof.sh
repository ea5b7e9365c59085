#!/usr/bin/env bash
# How the regression gate's figures in the README were measured: runs `npm run bench:compare` on a clean
# clone of HEAD against HEAD itself (A/A), or with a busy wait planted in the ws server's message
# handler (A/B), and appends one line per run to OUT/summary.log. Each run's compare.json (a few tens of
# KB) is kept in the repository it was started from, as docs/gate-runs/<run>.compare.json with its line in
# docs/gate-runs/summary.log: scripts/gate-record-rows.ts turns them into docs/gate-record.md's rows.
#
#   bash scripts/gate-proof.sh aa 10          # ten A/A runs
#   bash scripts/gate-proof.sh ab 3 4000      # three A/B runs, a 4,000 ns busy wait per ws message
#
# Each run takes about 6-9 minutes on the 2-core machine; runs go one after another, never together.
set -euo pipefail
kind=${1:?usage: gate-proof.sh aa|ab RUNS [BUSY_NS]}
runs=${2:?usage: gate-proof.sh aa|ab RUNS [BUSY_NS]}
busy_ns=${3:-0}
case "$kind" in aa) ;; ab) [ "$busy_ns" -gt 0 ] || { echo "gate-proof: ab needs BUSY_NS > 0" >&2; exit 2; } ;; *) echo "gate-proof: aa or ab, not '$kind'" >&2; exit 2 ;; esac
out=${OUT:-/tmp/wirebench-gate-proof}
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
git clone -q "$repo" "$work/head"
cd "$work/head"
npm ci --no-audit --no-fund > /dev/null
if [ "$kind" = ab ]; then
  # the planted slowdown: spin for busy_ns on every message the ws server receives
  node -e '
    const fs = require("node:fs");
    const file = "servers/ws.ts";
    const hook = "socket.on(\x27message\x27, (data, isBinary) => {\n";
    const text = fs.readFileSync(file, "utf8");
    if (!text.includes(hook)) { console.error("gate-proof: the ws message handler has moved"); process.exit(2); }
    const spin = `      const until = process.hrtime.bigint() + ${process.argv[1]}n;\n      while (process.hrtime.bigint() < until);\n`;
    fs.writeFileSync(file, text.replace(hook, hook + spin));
  ' "$busy_ns"
fi
for i in $(seq 1 "$runs"); do
  name="$kind${busy_ns#0}-$(date +%H%M%S)"
  start=$(date +%s)
  set +e
  npm run -s bench:compare -- --base HEAD --out "$out/$name" > "$out/$name.md" 2> "$out/$name.log"
  code=$?
  set -e
  line="$name exit=$code seconds=$(( $(date +%s) - start )) $(grep -m1 -o '[0-9]* regression(s), [0-9]* unknown, [0-9]* improvement(s), [0-9]* same' "$out/$name.md" || echo 'no table')"
  echo "$line" | tee -a "$out/summary.log"
  # the record, kept where it can be checked: the comparison whole, and the run's exit code and duration
  if [ -f "$out/$name/compare.json" ]; then
    mkdir -p "$repo/docs/gate-runs"
    cp "$out/$name/compare.json" "$repo/docs/gate-runs/$name.compare.json"
    echo "$line" >> "$repo/docs/gate-runs/summary.log"
  fi
done
