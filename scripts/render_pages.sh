#!/usr/bin/env bash
# Renders the first page, the page with the signature and seal, and the last page of each
# built-in type's sample (out/<type>.pdf from `run.sh demo`) to docs/images/<type>.png,
# <type>-seal.png and <type>-last.png for the README.
set -euo pipefail
cd "$(dirname "$0")/.."
for type in rectification-notice recommendation-letter work-summary; do
  last=$(pdfinfo "out/$type.pdf" | awk '/^Pages:/ {print $2}')
  # The signature's page: the first that holds the 成文日期 on a line of its own.
  seal=""
  for ((p = 1; p <= last; p++)); do
    if pdftotext -f "$p" -l "$p" "out/$type.pdf" - | grep -Eq '^\s*20[0-9]{2}\s*年\s*[0-9]+\s*月\s*[0-9]+\s*日\s*$'; then seal=$p; break; fi
  done
  pdftoppm -r 70 -png -f 1 -l 1 -singlefile "out/$type.pdf" "docs/images/$type"
  [ -n "$seal" ] && pdftoppm -r 70 -png -f "$seal" -l "$seal" -singlefile "out/$type.pdf" "docs/images/$type-seal"
  pdftoppm -r 70 -png -f "$last" -l "$last" -singlefile "out/$type.pdf" "docs/images/$type-last"
  echo "wrote docs/images/$type.png, $type-seal.png (page ${seal:-none}) and $type-last.png (page $last)"
done
