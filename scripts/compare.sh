#!/usr/bin/env bash
# Speed and memory figures of gongwen against pandoc and the floors (cat, gzip -1 on the
# DOCX's own document.xml), all measured in this one run, as ratios.
#
#   scripts/compare.sh [BIN] [SHARED]
#
# BIN is the gongwen binary (default target/release/gongwen), SHARED the folder with corpus/
# and corpus-big/ (default ../shared). Installs nothing: pandoc is used when it is on PATH.
# Inputs are real prose: the corpus texts, then the big collection's, concatenated in name order
# until the size is reached (never one paragraph repeated).
set -euo pipefail
BIN=${1:-target/release/gongwen}
SHARED=${2:-../shared}
RUNS=${RUNS:-5}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

[ -x "$BIN" ] || { echo "compare.sh: no binary at $BIN (cargo build --release)" >&2; exit 2; }

# make_input BYTES OUT: corpus prose up to BYTES
make_input() {
  python3 - "$SHARED" "$1" "$2" <<'EOF'
import sys, pathlib
shared, want, out = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
files = sorted((shared / "corpus").glob("*.txt")) + sorted(
    p for p in (shared / "corpus-big").rglob("*.md") if p.name != "README.md")
buf, n = [], 0
# the collection is 44 MB: enough prose for 20 MB without repeating a document
for f in files:
    t = f.read_text(encoding="utf-8", errors="replace")
    b = len(t.encode())
    if n + b > want and n > 0:
        break
    buf.append(t if t.endswith("\n") else t + "\n")
    n += b
open(out, "w", encoding="utf-8").write("\n".join(buf))
EOF
}

# best SECONDS of RUNS runs of a command (its output to /dev/null)
best() {
  python3 - "$RUNS" "$@" <<'EOF'
import sys, subprocess, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
best = float("inf")
for _ in range(runs):
    t = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if r.returncode > 1:  # 1 is check's "findings"
        sys.exit(f"compare.sh: {cmd[0]} failed with {r.returncode}")
    best = min(best, time.perf_counter() - t)
print(f"{best:.4f}")
EOF
}

# peak RSS in MB of one run
rss() {
  /usr/bin/time -f %M "$@" >/dev/null 2>"$WORK/rss" || true
  awk 'END { printf "%.1f", $1 / 1024 }' "$WORK/rss"
}

ratio() { python3 -c "print(f'{$1/$2:.1f}')"; }
mbs() { python3 -c "print(f'{$1/1048576/$2:.0f}')"; }

make_input 1048576 "$WORK/1m.txt"
make_input 20971520 "$WORK/20m.txt"
S1=$(stat -c %s "$WORK/1m.txt"); S20=$(stat -c %s "$WORK/20m.txt")
echo "inputs: $((S1 / 1024)) KiB and $((S20 / 1048576)) MiB of corpus prose"

# txt → docx at 1 MB
g1=$(best "$BIN" convert "$WORK/1m.txt" -o "$WORK/1m.docx" --force)
unzip -p "$WORK/1m.docx" word/document.xml > "$WORK/document.xml"
gz=$(best gzip -1 -k -f "$WORK/document.xml")
cat1=$(best cat "$WORK/1m.txt")
echo "txt→docx 1 MB: gongwen ${g1}s; gzip -1 on its document.xml ${gz}s (gongwen $(ratio "$g1" "$gz")× the floor); cat ${cat1}s"
if command -v pandoc >/dev/null; then
  p1=$(RUNS=2 best pandoc -f markdown-auto_identifiers -t docx "$WORK/1m.txt" -o "$WORK/p.docx")
  echo "  pandoc -f markdown-auto_identifiers -t docx ${p1}s: gongwen $(ratio "$p1" "$g1")× faster"
fi

# 20 MB against 1 MB
g20=$(RUNS=2 best "$BIN" convert "$WORK/20m.txt" -o "$WORK/20m.docx" --force)
echo "txt→docx 20 MB: ${g20}s, $(ratio "$g20" "$g1")× the 1 MB time"
r20=$(rss "$BIN" convert "$WORK/20m.txt" -o "$WORK/20m.docx" --force)
echo "  peak RSS ${r20} MB for $((S20 / 1048576)) MiB input (target ≤ 3× input + 30 MB = $((3 * S20 / 1048576 + 30)) MB)"

# parse → json
j1=$(best "$BIN" parse --format json "$WORK/1m.txt")
echo "parse→json 1 MB: gongwen ${j1}s"
if command -v pandoc >/dev/null; then
  pj=$(RUNS=2 best pandoc -f markdown -t json "$WORK/1m.txt")
  echo "  pandoc -f markdown -t json ${pj}s: gongwen $(ratio "$pj" "$j1")× faster"
fi

# outline throughput at 20 MB
o20=$(RUNS=3 best "$BIN" outline --format tsv "$WORK/20m.txt")
echo "outline 20 MB: ${o20}s, $(mbs "$S20" "$o20") MB/s (target ≥ 300)"

# check over the big collection
if [ -d "$SHARED/corpus-big" ]; then
  c=$(RUNS=3 best "$BIN" check --format json "$SHARED/corpus-big")
  cr=$(rss "$BIN" check --format json "$SHARED/corpus-big")
  echo "check corpus-big: ${c}s, peak RSS ${cr} MB (targets ≤ 1 s, ≤ 100 MB)"
fi
