#!/usr/bin/env bash
# Configures BUILD_DIR as the sanitizer tree: clang with ASan + UBSan, the libFuzzer targets
# (-DGONGWEN_FUZZ=ON) and the whole test suite, without the office bridge (LibreOffice's UNO
# runtime is not instrumented). fuzz.sh and `scripts/run.sh hardening` share it, so the code
# is compiled once for both.
#   bash tests/fuzz/configure.sh BUILD_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:?usage: configure.sh BUILD_DIR}
# -O1 -g1: the usual sanitizer build (-O2 -g made the largest test file compile 2.4x longer)
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
link="-fsanitize=address,undefined"
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DCMAKE_CXX_FLAGS="$flags" -DGONGWEN_FUZZ=ON \
  -DGONGWEN_WITH_LIBREOFFICE=OFF -DGONGWEN_STATIC_RUNTIME=OFF -DCMAKE_EXE_LINKER_FLAGS="$link" -DCMAKE_SHARED_LINKER_FLAGS="$link" >/dev/null
