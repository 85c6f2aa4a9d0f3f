#!/usr/bin/env bash
# Renders the first page of each built-in type's sample (out/<type>.pdf from `run.sh demo`) to
# docs/images/<type>.png for the README.
set -euo pipefail
cd "$(dirname "$0")/.."
for type in rectification-notice recommendation-letter work-summary; do
  pdftoppm -r 70 -png -f 1 -l 1 -singlefile "out/$type.pdf" "docs/images/$type"
  echo "wrote docs/images/$type.png"
done
