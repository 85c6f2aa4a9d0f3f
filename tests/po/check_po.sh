#!/usr/bin/env bash
# The catalogues are complete and current: every po/<lang>.po compiles with msgfmt --check, has
# no untranslated and no fuzzy message, and holds every message the sources mark today (a new
# English message without its translation fails here).
set -euo pipefail
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash "$src/scripts/update-po.sh" --pot "$tmp/current.pot"
status=0
for po in "$src"/po/*.po; do
  stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1) || { echo "$po: msgfmt --check failed:"; echo "$stats"; status=1; continue; }
  echo "$(basename "$po"): $stats"
  case "$stats" in
    *untranslated*|*fuzzy*) echo "$po: translate the untranslated and fuzzy messages (bash scripts/update-po.sh, then edit)"; status=1 ;;
  esac
  if ! msgcmp "$po" "$tmp/current.pot" 2>"$tmp/cmp"; then
    echo "$po: messages the sources mark but the catalogue lacks (run bash scripts/update-po.sh and translate them):"
    cat "$tmp/cmp"
    status=1
  fi
done
exit $status
