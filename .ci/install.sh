#!/usr/bin/env bash
# Install what the tests need on a fresh Debian machine: LibreOffice and poppler for the
# DOCX layout tests, pandoc for the HTML reader's renders of the corpus, CJK fonts, and
# openxml-audit (PyPI) in a virtualenv for OOXML validation.
set -euo pipefail
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v pandoc >/dev/null 2>&1 || need+=(pandoc)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-arphic-ukai fonts-arphic-uming \
    fonts-arphic-gkai00mp fonts-arphic-gbsn00lp fonts-wqy-zenhei >/dev/null
fi
venv=${OPENXML_AUDIT_VENV:-$HOME/.cache/gongwen-ci/venv}
if [ ! -x "$venv/bin/openxml-audit" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q openxml-audit
fi
echo "$venv/bin"
