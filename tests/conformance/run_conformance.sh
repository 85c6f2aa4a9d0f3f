#!/bin/sh
# Runs the docxtemplater conformance suite against gongwen.
# Skipped cases (see README): feature missing-value-undefined — docxtemplater prints "undefined"
# for a missing value; Gongwen renders it empty and warns.
# args: GONGWEN SHARED_DIR
bin=$1
suite=$2/conformance/docxtemplater
if [ ! -f "$suite/check.py" ]; then
  if [ -n "${CI:-}" ] && [ "${CI:-}" != false ]; then
    echo "FAIL: the conformance suite is not at $suite (CI=true: a missing input is a failure)"
    exit 1
  fi
  echo "SKIP: the conformance suite is not at $suite (set GONGWEN_SHARED_DIR)"
  exit 77
fi
here=$(cd "$(dirname "$0")" && pwd)
cd "$suite" || exit 1
exec python3 check.py --skip-feature missing-value-undefined \
  --cmd "sh '$here/render_case.sh' '$bin' {template} {data} {out} {open} {close} {paragraphLoop} {linebreaks}"
