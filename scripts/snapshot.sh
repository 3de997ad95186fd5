#!/usr/bin/env bash
# Write every output of the command for a set of inputs into OUTDIR, one file per input and
# output, so that two builds can be compared with `diff -r`. A refactor must leave them equal.
#
#   scripts/snapshot.sh BIN OUTDIR [INPUT_DIR...]
#
# Default inputs: samples/, grammar-tests/, check-tests/, and ../shared/{corpus,seeds,docx}
# when present. Outputs: parse JSON, outline TSV/JSON/YAML/Markdown/tree, check JSON,
# fix --diff, and the parts of a converted DOCX (unzipped, so zip timestamps do not count).
set -uo pipefail
bin=$(realpath "$1"); out=$2; shift 2
if [ $# -eq 0 ]; then
  set -- samples grammar-tests check-tests ../shared/corpus ../shared/seeds ../shared/docx
fi
mkdir -p "$out"; : >"$out/MANIFEST"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for d in "$@"; do
  [ -d "$d" ] || continue
  find "$d" -type f \( -name '*.txt' -o -name '*.md' -o -name '*.docx' \) ! -name 'README.md' | sort |
  while read -r f; do
    key=$(printf '%s' "$f" | sha1sum | cut -c1-16)
    printf '%s\t%s\n' "$key" "$f" >>"$out/MANIFEST"
    o="$out/$key"
    for fmt in json; do "$bin" parse -f $fmt "$f" >"$o.parse.$fmt" 2>&1; echo "rc=$?" >>"$o.parse.$fmt"; done
    for fmt in tsv json yaml md tree; do "$bin" outline -f $fmt "$f" >"$o.outline.$fmt" 2>&1; echo "rc=$?" >>"$o.outline.$fmt"; done
    "$bin" check -f json "$f" >"$o.check.json" 2>&1; echo "rc=$?" >>"$o.check.json"
    "$bin" check -f human "$f" >"$o.check.txt" 2>&1; echo "rc=$?" >>"$o.check.txt"
    "$bin" fix --diff "$f" >"$o.fix.diff" 2>&1; echo "rc=$?" >>"$o.fix.diff"
    rm -rf "$tmp/x"; mkdir -p "$tmp/x"
    if "$bin" convert "$f" -o "$tmp/x/out.docx" >"$o.convert.log" 2>&1; then
      (cd "$tmp/x" && unzip -q out.docx -d parts && find parts -type f | sort | xargs sha256sum) >>"$o.convert.log"
    else
      echo "rc=$?" >>"$o.convert.log"
    fi
  done
done
