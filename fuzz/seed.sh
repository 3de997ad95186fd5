#!/usr/bin/env bash
# Fill fuzz/corpus/TARGET/ with seeds from the project's own texts: the samples, the grammar
# and check cases, and (for the DOCX reader) the DOCX files and document parts the writer
# makes of them. Run from the project root: fuzz/seed.sh
set -euo pipefail
cd "$(dirname "$0")/.."
for t in text markdown html docx_writer docx_reader; do mkdir -p "fuzz/corpus/$t"; done
find samples grammar-tests check-tests -type f \( -name '*.txt' -o -name '*.md' \) | while read -r f; do
  key=$(printf '%s' "$f" | sha1sum | cut -c1-16)
  cp "$f" "fuzz/corpus/text/$key"
  cp "$f" "fuzz/corpus/markdown/$key"
  cp "$f" "fuzz/corpus/docx_writer/$key"
done
find grammar-tests/html tests/data/html -type f -name '*.html' | while read -r f; do
  cp "$f" "fuzz/corpus/html/$(printf '%s' "$f" | sha1sum | cut -c1-16)"
done
cargo build --release --quiet
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for f in samples/*.txt samples/*.md grammar-tests/title/*.txt grammar-tests/elements/*.txt; do
  key=$(printf '%s' "$f" | sha1sum | cut -c1-16)
  target/release/gongwen convert "$f" -o "$tmp/$key.docx"
  cp "$tmp/$key.docx" "fuzz/corpus/docx_reader/$key-docx"
  unzip -p "$tmp/$key.docx" word/document.xml >"fuzz/corpus/docx_reader/$key-xml"
done
ls fuzz/corpus/* | head -0
for t in text markdown html docx_writer docx_reader; do echo "$t: $(ls "fuzz/corpus/$t" | wc -l) seeds"; done
