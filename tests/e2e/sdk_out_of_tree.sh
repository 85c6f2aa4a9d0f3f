#!/usr/bin/env bash
# Installs Gongwen to a temp prefix, builds the C++ example plugin and a `plugin new --cpp`
# scaffold out of tree with find_package(Gongwen), and generates documents with them.
# args: BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 src=$2
work=$(mktemp -d /tmp/gongwen-sdk.XXXXXX)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
fail=0
check() {  # description, command...
  local what=$1; shift
  if "$@" >"$work/out" 2>&1; then echo "ok: $what"; else echo "FAIL: $what"; cat "$work/out"; fail=1; fi
}
expect_text() {  # docx, text
  if unzip -p "$1" word/document.xml | sed 's/<[^>]*>//g' | grep -q "$2"; then echo "ok: $(basename "$1") says '$2'";
  else echo "FAIL: $(basename "$1") lacks '$2'"; fail=1; fi
}

check "install to a temp prefix" cmake --install "$build" --prefix "$prefix"
gongwen=$prefix/bin/gongwen
check "installed gongwen lists the built-in types" "$gongwen" list

# The C++ example, built against the installed package only.
check "configure the C++ example with find_package(Gongwen)" \
  cmake -S "$src/examples/rectification-report" -B "$work/report" -DCMAKE_PREFIX_PATH="$prefix"
check "build it" cmake --build "$work/report"
if ldd "$work/report/rectification-report/librectification-report.so" | grep -Eq 'libzip|pugixml'; then
  echo "FAIL: the plugin links libzip or pugixml"; fail=1
else
  echo "ok: the plugin needs neither libzip nor pugixml"
fi
export GONGWEN_PLUGIN_PATH="$work/report/rectification-report:$src/examples/immediate-rectification"
"$gongwen" list | tee "$work/list"
grep -q "rectification-report .*c++ *\[GONGWEN_PLUGIN_PATH\]" "$work/list" || { echo "FAIL: list lacks the C++ example"; fail=1; }
grep -q "immediate-rectification" "$work/list" || { echo "FAIL: list lacks the manifest example"; fail=1; }
check "generate with the C++ plugin" "$gongwen" generate rectification-report \
  --data "$src/examples/rectification-report/example.json" -o "$work/report.docx"
expect_text "$work/report.docx" "整改完成率75.0%"
expect_text "$work/report.docx" "2023年8月4日前完成整改"
expect_text "$work/report.docx" "（三）基层党支部"
check "generate with the manifest-only plugin" "$gongwen" generate immediate-rectification \
  --data "$src/examples/immediate-rectification/example.json" -o "$work/immediate.docx"
expect_text "$work/immediate.docx" "县卫生健康局党组："
expect_text "$work/immediate.docx" "请于2023年4月15日前完成整改"

# Without nlohmann-json, find_package(Gongwen) names the package to install.
if cmake -S "$src/examples/rectification-report" -B "$work/no-json" -DCMAKE_PREFIX_PATH="$prefix" \
     -DCMAKE_DISABLE_FIND_PACKAGE_nlohmann_json=ON >"$work/out" 2>&1; then
  echo "FAIL: configured without nlohmann-json"; fail=1
elif grep -q "nlohmann-json3-dev" "$work/out"; then echo "ok: a missing nlohmann-json names its package"
else echo "FAIL: no word of nlohmann-json3-dev"; cat "$work/out"; fail=1; fi

# A newcomer's path, by name from the installed prefix: scaffold, build, generate, check.
unset GONGWEN_PLUGIN_PATH
export PATH="$prefix/bin:$PATH"
check "plugin new --cpp" gongwen plugin new my-notice --cpp --dir "$work"
check "build the scaffold" bash -c "cmake -S '$work/my-notice' -B '$work/my-notice/build' -DCMAKE_PREFIX_PATH='$prefix' && cmake --build '$work/my-notice/build'"
check "generate from the scaffold" env GONGWEN_PLUGIN_PATH="$work/my-notice/build/my-notice" \
  gongwen generate my-notice --data "$work/my-notice/example.json" -o "$work/my.docx"
expect_text "$work/my.docx" "（责任人：待定）"
check "plugin new --name (manifest only)" gongwen plugin new plain-notice --name 专项检查通知 --dir "$work"
check "list shows its Chinese name" bash -c "GONGWEN_PLUGIN_PATH='$work/plain-notice' gongwen list | grep -q 'plain-notice  *专项检查通知'"
check "generate from it" env GONGWEN_PLUGIN_PATH="$work/plain-notice" \
  gongwen generate plain-notice --data "$work/plain-notice/example.json" -o "$work/plain.docx"
expect_text "$work/plain.docx" "一是各单位对照巡察反馈问题清单开展自查"
# The scaffold is in the GB/T 9704 frame: its document passes the check, on the laid-out page too.
check "the scaffold's document passes gongwen check (layout through LibreOffice)" \
  gongwen check --layout on "$work/plain.docx"
# A name pattern over a field the type does not have is said, with the closest field.
sed -i 's/"output": "{{标题}}"/"output": "{{标题名}}"/' "$work/plain-notice/plugin.json"
GONGWEN_PLUGIN_PATH="$work/plain-notice" gongwen list >"$work/out" 2>&1 || true
if grep -q "warning\[unknown-pattern-field\].*标题名.*did you mean 「标题」" "$work/out"; then echo "ok: an unknown field in output is warned of";
else echo "FAIL: no warning for an unknown field in output"; cat "$work/out"; fail=1; fi
exit $fail
