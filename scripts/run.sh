#!/usr/bin/env bash
# Gongwen's two set-up commands (see README):
#   bash scripts/run.sh demo   install what is needed, build, generate the built-in document types to out/
#   bash scripts/run.sh test   install what is needed, build, run every test
#   bash scripts/run.sh hardening   the tests again under ASan + UBSan, then every fuzzer briefly
#                                   (CI runs test, then hardening)
# GONGWEN_SKIP_APT=1 skips the package installation (for machines already set up).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD=${GONGWEN_BUILD_DIR:-$ROOT/build}

PACKAGES=(
  build-essential cmake pkg-config python3 gettext libc-l10n libxml2-utils jing
  libzip-dev zlib1g-dev libpugixml-dev nlohmann-json3-dev libcli11-dev libicu-dev libgtest-dev libdeflate-dev libboost-dev
  libpng-dev libjpeg62-turbo-dev  # image tags: PNG and JPEG checked and measured
  # (gettext compiles the message catalogues; libc-l10n translates the system's own error texts)
  # (libxml2-utils and jing: xmllint and jing, which tests/schema validates every DOCX/ODT with)
  # (valgrind: the add-in's accessibility test runs the office under it)
  # a real LibreOffice for PDF output (driven over UNO: its SDK) and the end-to-end checks, with free fonts for the
  # standard's font names (fonts/65-gongwen-gbt9704.conf maps them)
  libreoffice-writer libreoffice-l10n-zh-cn libreoffice-dev libpoppler-cpp-dev python3-uno xvfb xdotool imagemagick valgrind poppler-utils fontconfig fonts-noto-cjk fonts-noto-cjk-extra fonts-arphic-ukai fonts-arphic-uming fonts-liberation2
)

HARDENING_PACKAGES=(clang libclang-rt-14-dev)

# A real 仿宋 (and 楷体, 黑体): the Fandol fonts (GPL with the font exception) ship in Debian's
# texlive-lang-chinese. Only the font files are needed, not TeX: the package is downloaded and
# its Fandol OpenType files copied to /usr/local/share/fonts/fandol with their licence.
install_fandol() {
  local dest=/usr/local/share/fonts/fandol sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  [ -f "$dest/FandolFang-Regular.otf" ] && return 0
  local tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download texlive-lang-chinese >/dev/null && dpkg-deb -x texlive-lang-chinese_*.deb x)
  $sudo mkdir -p "$dest"
  $sudo install -m 644 "$tmp"/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/Fandol{Fang,Kai,Hei,Song}-*.otf "$dest/"
  $sudo install -m 644 "$tmp"/x/usr/share/doc/texlive-doc/fonts/fandol/{README,COPYING.gz} "$dest/"
  rm -rf "$tmp"
}

install_packages() {
  [ "${GONGWEN_SKIP_APT:-0}" = 1 ] && return 0
  [ "${1:-}" = hardening ] && PACKAGES+=("${HARDENING_PACKAGES[@]}")
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "== installing Debian packages"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
  install_fandol
  # 仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体, Times New Roman -> the fonts above
  $sudo install -m 644 "$ROOT/fonts/65-gongwen-gbt9704.conf" /etc/fonts/conf.d/65-gongwen-gbt9704.conf
  $sudo fc-cache -f >/dev/null 2>&1 || true
}

build() {
  echo "== building in $BUILD"
  # -g1 (line tables): stack traces keep file:line; full -g costs a fifth of the build time
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" >/dev/null
  cmake --build "$BUILD" -j"$(nproc)"
}

demo() {
  mkdir -p "$ROOT/out"
  local bin="$BUILD/bin/gongwen"
  echo "== document types"
  "$bin" list
  echo "== generating the built-in types from their sample data (examples/samples/)"
  for type in rectification-notice recommendation-letter work-summary; do
    for fmt in docx odt pdf; do
      "$bin" generate "$type" --data "$ROOT/examples/samples/$type.json" -o "$ROOT/out/$type.$fmt" --force
    done
  done
  echo "== GB/T 9704 layout check"
  "$bin" check "$ROOT"/out/*.docx "$ROOT"/out/*.odt
  echo
  echo "The documents are in $ROOT/out/:"
  ls -l "$ROOT"/out/
}

hardening() {
  # One clang tree (tests/fuzz/configure.sh) for the test suite under ASan + UBSan and for the
  # fuzzers: the code is compiled once for both.
  local tree=${GONGWEN_ASAN_BUILD_DIR:-$ROOT/build-fuzz}
  echo "== ASan + UBSan build (clang) of the test suite and the fuzzers in $tree"
  # Without the office bridge: LibreOffice's UNO runtime is not instrumented and lives as long as
  # the process; PDF output then takes the soffice --convert-to path, and the plain run tests the bridge.
  bash "$ROOT/tests/fuzz/configure.sh" "$tree"
  cmake --build "$tree" -j"$(nproc)"
  # LibreOffice and the out-of-tree SDK build are other processes, and the bad-input cases cap
  # the address space with ulimit -v, which ASan's shadow memory cannot live under: the plain
  # run covers those three. The schema validation and the suite's ODT twins are checks of
  # LibreOffice-converted files and of XML validity, which the plain run makes; the real-document
  # corpus runs here without its LibreOffice page counts (CORPUS_NO_OFFICE). The layout fixtures'
  # ODT twins and the merge's LibreOffice check spend their time in LibreOffice (5 s each, CI's
  # 30 minutes): the check's ODT reading runs here on the samples, the merge on merge_golden.
  (cd "$tree" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 CORPUS_NO_OFFICE=1 \
    ctest --output-on-failure -j"$(nproc)" \
      -E 'e2e_libreoffice|e2e_sdk|^bad_inputs$|^schema_outputs_valid$|^conformance_docxtemplater_odt$|^e2e_merge_libreoffice$|FailsExactlyItsRule/.*_odt')
  echo "== fuzzing every target for ${GONGWEN_FUZZ_SECONDS:-30} s"
  GONGWEN_FUZZ_BUILD=$tree bash "$ROOT/tests/fuzz/fuzz.sh" "${GONGWEN_FUZZ_SECONDS:-30}"
}

case "${1:-}" in
  demo) install_packages; build; demo ;;
  test) install_packages; build; cd "$BUILD" && ctest --output-on-failure -j"$(nproc)" ;;
  hardening) install_packages hardening; hardening ;;
  *) echo "usage: $0 demo|test|hardening" >&2; exit 2 ;;
esac
