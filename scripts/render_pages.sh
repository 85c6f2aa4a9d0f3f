#!/usr/bin/env bash
# Renders the first and the last page of each built-in type's sample (out/<type>.pdf from
# `run.sh demo`) to docs/images/<type>.png and <type>-last.png for the README.
set -euo pipefail
cd "$(dirname "$0")/.."
for type in rectification-notice recommendation-letter work-summary; do
  last=$(pdfinfo "out/$type.pdf" | awk '/^Pages:/ {print $2}')
  pdftoppm -r 70 -png -f 1 -l 1 -singlefile "out/$type.pdf" "docs/images/$type"
  pdftoppm -r 70 -png -f "$last" -l "$last" -singlefile "out/$type.pdf" "docs/images/$type-last"
  echo "wrote docs/images/$type.png and $type-last.png (page $last)"
done
