#!/usr/bin/env bash
# The regression gate's proof: `npm run bench:compare -- --base HEAD` on a fresh clone of HEAD, against
# itself (A/A), or with a change planted inside an installed library of the clone's OWN node_modules
# (its own `npm ci`: a copy, never the project's files nor any other checkout's node_modules). The base
# side is the same commit with its own, clean `npm ci` (bench:compare's worktree), so the plant is the only
# difference. Each run appends one line to OUT/summary.log and docs/gate-runs/summary.log, and keeps its
# compare.json in docs/gate-runs/ of the repository it was started from.
#
#   bash scripts/gate-proof.sh aa 10                    # ten A/A runs: no regression, no improvement
#   bash scripts/gate-proof.sh ws-memory 10 [ELEMENTS]  # ws keeps an array of ELEMENTS doubles per server connection (default 2048: 16 KiB)
#   bash scripts/gate-proof.sh socketio-broadcast 10 [US] # busy wait of US µs in socket.io's broadcast (io.emit), default 300
#   bash scripts/gate-proof.sh ws-handshake 10 [US]     # busy wait of US µs in ws's completeUpgrade, default 1000
#
# COMPARE_ARGS (split on spaces) goes to every bench:compare, e.g. COMPARE_ARGS='-- --transports ws,socketio'
# for a smaller run; the summary line records it.
#
# A planted run counts as caught when bench:compare exits 1 AND names a regression of the expected
# transport and metric; an A/A run passes when it exits 0 with no regression and no improvement.
# Runs go one after another, never together (each is a whole A/B comparison, about 10-15 minutes here).
set -euo pipefail
usage='usage: gate-proof.sh aa|ws-memory|socketio-broadcast|ws-handshake RUNS [SIZE]'
kind=${1:?$usage}
runs=${2:?$usage}
case "$kind" in
  aa) size=0; expect='' ;;
  ws-memory) size=${3:-2048}; expect='idle ws (heap|rss)_per_conn_bytes' ;;
  socketio-broadcast) size=${3:-300}; expect='fanout socketio fanout_last_p(50|99)(_vs_yardstick)?' ;;
  ws-handshake) size=${3:-1000}; expect='connect ws connect_p(50|99)' ;;
  *) echo "gate-proof: unknown kind '$kind' ($usage)" >&2; exit 2 ;;
esac
[[ "$runs" =~ ^[0-9]+$ && "$size" =~ ^[0-9]+$ ]] || { echo "gate-proof: RUNS and SIZE are whole numbers ($usage)" >&2; exit 2; }
out=${OUT:-/tmp/wirebench-gate-proof}
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out" "$repo/docs/gate-runs"
git clone -q "$repo" "$work/head"
cd "$work/head"
npm ci --no-audit --no-fund > /dev/null 2>&1

# plant FILE ANCHOR CODE: inserts CODE after the first line containing ANCHOR, inside node_modules only
plant() {
  node -e '
    const fs = require("node:fs");
    const [file, anchor, code] = process.argv.slice(1);
    if (!file.startsWith("node_modules/")) { console.error("gate-proof: plants go in node_modules only"); process.exit(2); }
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const at = lines.findIndex((l) => l.includes(anchor));
    if (at < 0) { console.error(`gate-proof: "${anchor}" is not in ${file} (the library changed?)`); process.exit(2); }
    lines.splice(at + 1, 0, code);
    fs.writeFileSync(file, lines.join("\n"));
    console.error(`gate-proof: planted in ${file} after line ${at + 1}`);
  ' "$@"
}
spin="{ const until = process.hrtime.bigint() + ${size}000n; while (process.hrtime.bigint() < until); }"
case "$kind" in
  # server-side WebSockets only (address === null): the load process's clients stay as they were
  ws-memory) plant node_modules/ws/lib/websocket.js 'this._socket = null;' \
    "    if (address === null) this._planted = new Array(${size}).fill(0.5); // gate-proof: memory per connection" ;;
  socketio-broadcast) plant node_modules/socket.io/dist/broadcast-operator.js '// set up packet object' "        ${spin} // gate-proof" ;;
  ws-handshake) plant node_modules/ws/lib/websocket-server.js 'completeUpgrade(extensions, key, protocols, req, socket, head, cb) {' "    ${spin} // gate-proof" ;;
esac

for i in $(seq 1 "$runs"); do
  name="$kind${size#0}-$(date +%m%d-%H%M%S)"
  start=$(date +%s)
  set +e
  # shellcheck disable=SC2086 # COMPARE_ARGS is a list of words
  npm run -s bench:compare -- --base HEAD --out "$out/$name" ${COMPARE_ARGS:-} > "$out/$name.md" 2> "$out/$name.log"
  code=$?
  set -e
  seconds=$(( $(date +%s) - start ))
  verdict=$(node -e '
    const fs = require("node:fs");
    const [file, code, expect] = process.argv.slice(1);
    if (!fs.existsSync(file)) { console.log(`no comparison (exit ${code})`); process.exit(0); }
    const c = JSON.parse(fs.readFileSync(file, "utf8"));
    const name = (r) => `${r.point.scenario} ${r.point.transport} ${r.metric}`;
    const reg = c.rows.filter((r) => r.verdict === "regression").map(name);
    const imp = c.rows.filter((r) => r.verdict === "improvement").map(name);
    const ok = expect === ""
      ? code === "0" && reg.length === 0 && imp.length === 0
      : code === "1" && reg.some((n) => new RegExp(`^${expect}$`).test(n));
    const tag = expect === "" ? (ok ? "clean" : "FALSE CALL") : ok ? "caught" : "MISSED";
    console.log(`${tag} regressions=[${reg.join("; ")}] improvements=[${imp.join("; ")}] tests=${c.tests}`);
  ' "$out/$name/compare.json" "$code" "$expect")
  line="$name exit=$code seconds=$seconds $verdict args='${COMPARE_ARGS:-}'"
  echo "$line" | tee -a "$out/summary.log"
  echo "$line" >> "$repo/docs/gate-runs/summary.log"
  [ -f "$out/$name/compare.json" ] && cp "$out/$name/compare.json" "$repo/docs/gate-runs/$name.compare.json"
done
