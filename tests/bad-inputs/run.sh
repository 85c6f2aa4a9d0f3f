#!/usr/bin/env bash
# The bad-input corpus: every damaged or hostile input must end in its diagnostic, exit code 1
# and no output file (an existing one untouched, no temporary file left).
#
#   bash tests/bad-inputs/run.sh GONGWEN_BINARY [CASE...]
#
# Each case is a folder here with
#   cmd       the gongwen arguments, one line; $CASE is a fresh copy of the case folder, $OUT a
#             fresh, empty output folder (both in a temporary folder of their own)
#   expected  substrings that must all appear in stderr, one a line
#   setup     optional: sourced (bash) in the subshell that then runs gongwen, in the case's
#             temporary folder, so `ulimit` in it applies to gongwen; `exit 77` skips the case
#   teardown  optional: sourced after the checks, whatever their outcome
#   exit      optional: the expected exit code (default 1); with 0, `creates` lists the files
#             the run must add to $OUT (and nothing else may change)
#   known-bug optional: one line naming the engine bug that makes the case fail today. The case
#             still fails, unless BAD_INPUTS_XFAIL=1: then its failure prints `XFAIL case` and does
#             not count, and its passing prints `XPASS case` and counts as a failure (remove the file).
# Inputs are made by make_cases.py (committed) or, when huge, by `setup` at run time.
# Prints `PASS case`, `FAIL case: why` or `SKIP case: why`, then `N passed, N failed, N skipped`.
# Exits 1 when a case failed. Environment: BAD_INPUTS_TIMEOUT (seconds a case may run, 300).
set -u

if [ $# -lt 1 ]; then
    echo "usage: bash run.sh GONGWEN_BINARY [CASE...]" >&2
    exit 2
fi
GONGWEN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
if [ ! -x "$GONGWEN" ]; then
    echo "run.sh: $GONGWEN is not an executable" >&2
    exit 2
fi
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MAKE_CASES=$HERE/make_cases.py
TIMEOUT=${BAD_INPUTS_TIMEOUT:-300}
export GONGWEN HERE MAKE_CASES

if [ $# -gt 0 ]; then
    cases=("$@")
else
    cases=()
    for d in "$HERE"/*/; do
        [ -f "$d/cmd" ] && cases+=("$(basename "$d")")
    done
fi

ROOT=$(mktemp -d "${TMPDIR:-/tmp}/gongwen-bad-inputs.XXXXXX")
# Unmounts whatever a setup mounted below $1 (deepest first), then removes $1.
cleanup_dir() {
    local dir=$1 m
    if command -v findmnt >/dev/null 2>&1; then
        findmnt -rn -o TARGET | awk -v d="$dir/" 'index($0 "/", d) == 1' | sort -r | while read -r m; do
            umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
        done
    fi
    chattr -R -i "$dir" 2>/dev/null
    rm -rf "$dir"
}
trap 'cleanup_dir "$ROOT"' EXIT
trap 'exit 130' INT TERM

# One line per file below $1: type, path, size, mode, link target, content hash.
snapshot() {
    local dir=$1
    (cd "$dir" && find . -mindepth 1 -printf '%y %p %s %m %l\n' | LC_ALL=C sort) || return
    (cd "$dir" && find . -mindepth 1 -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum)
}

pass=0 fail=0 skip=0 xfail=0
summary=()
for name in "${cases[@]}"; do
    src=$HERE/$name
    if [ ! -f "$src/cmd" ]; then
        echo "FAIL $name: no such case (no $src/cmd)"
        fail=$((fail + 1))
        continue
    fi
    W=$ROOT/$name
    mkdir -p "$W/out"
    cp -a "$src" "$W/case"
    CASE=$W/case OUT=$W/out
    export CASE OUT W
    cmdline=$(head -n 1 "$src/cmd")
    want_rc=1
    [ -f "$src/exit" ] && want_rc=$(tr -d ' \n' < "$src/exit")

    (
        cd "$W" || exit 200
        if [ -f "$CASE/setup" ]; then
            . "$CASE/setup" > "$W/setup.log" 2>&1 || exit 200
        fi
        snapshot "$OUT" > "$W/out.before" 2>/dev/null || exit 200
        snapshot "$CASE" > "$W/case.before" 2>/dev/null || exit 200
        eval "set -- $cmdline"
        if [ -x /usr/bin/time ]; then
            exec /usr/bin/time -o "$W/usage" -f '%e %M' timeout -s KILL "$TIMEOUT" "$GONGWEN" "$@" \
                > "$W/stdout" 2> "$W/stderr"
        fi
        exec timeout -s KILL "$TIMEOUT" "$GONGWEN" "$@" > "$W/stdout" 2> "$W/stderr"
    )
    rc=$?

    why=()
    if [ $rc -eq 77 ]; then
        reason=$(grep -v '^\s*$' "$W/setup.log" 2>/dev/null | tail -n 1)
        echo "SKIP $name: setup cannot make the environment${reason:+ ($reason)}"
        skip=$((skip + 1))
        [ -f "$src/teardown" ] && (cd "$W" && . "$src/teardown") > /dev/null 2>&1
        cleanup_dir "$W"
        continue
    elif [ $rc -eq 200 ]; then
        why+=("setup failed: $(tail -n 3 "$W/setup.log" 2>/dev/null | tr '\n' ' ')")
    else
        # GNU time writes "Command exited with non-zero status" / "Command terminated by signal"
        # lines before its own: the last line is ours.
        usage=$(tail -n 1 "$W/usage" 2>/dev/null)
        if [ $rc -ne "$want_rc" ]; then
            case $rc in
                137) why+=("exit code 137: killed (timeout ${TIMEOUT}s or out of memory)") ;;
                134) why+=("exit code 134: aborted (SIGABRT: $(grep -m1 -o 'what():.*\|terminate called.*' "$W/stderr" || echo 'no message'))") ;;
                139) why+=("exit code 139: crashed (SIGSEGV)") ;;
                153) why+=("exit code 153: killed by SIGXFSZ (file size limit)") ;;
                *) why+=("exit code $rc, want $want_rc") ;;
            esac
        fi
        while IFS= read -r line || [ -n "$line" ]; do
            [ -z "$line" ] && continue
            grep -qF -- "$line" "$W/stderr" || why+=("stderr lacks '$line'")
        done < "$src/expected"
        # $OUT: exactly what setup left there (plus, for a case that must succeed, its outputs).
        snapshot "$OUT" > "$W/out.after" 2>/dev/null
        if [ "$want_rc" = 0 ] && [ -f "$src/creates" ]; then
            while IFS= read -r f || [ -n "$f" ]; do
                [ -z "$f" ] && continue
                [ -s "$OUT/$f" ] || why+=("no output $f")
            done < "$src/creates"
            outputs=$(sed '/^$/d; s|^|./|' "$src/creates" | tr '\n' ' ')
            for f in out.after out.before; do
                awk -v list="$outputs" 'BEGIN { n = split(list, a, " "); for (i = 1; i <= n; i++) skip[a[i]] = 1 }
                                        !($2 in skip)' "$W/$f" > "$W/$f.rest"
            done
            cmp -s "$W/out.before.rest" "$W/out.after.rest" ||
                why+=("the output folder changed beyond the outputs: $(diff "$W/out.before.rest" "$W/out.after.rest" | grep '^>' | head -n 3 | tr '\n' ' ')")
        elif ! cmp -s "$W/out.before" "$W/out.after"; then
            changes=$(diff "$W/out.before" "$W/out.after" | grep '^[<>]' | grep -v '^. [0-9a-f]\{64\} ' | head -n 4 | tr '\n' ' ')
            [ -z "$changes" ] && changes="a file's content changed"
            why+=("the output folder changed: $changes")
        fi
        snapshot "$CASE" > "$W/case.after" 2>/dev/null
        cmp -s "$W/case.before" "$W/case.after" ||
            why+=("the case folder changed: $(diff "$W/case.before" "$W/case.after" | grep '^[<>]' | head -n 3 | tr '\n' ' ')")
        [ -n "$usage" ] && summary+=("$name: ${usage% *} s, $(( ${usage#* } / 1024 )) MB peak")
    fi

    [ -f "$src/teardown" ] && (cd "$W" && . "$src/teardown") > /dev/null 2>&1
    if [ -n "${BAD_INPUTS_XFAIL:-}" ] && [ -f "$src/known-bug" ]; then
        if [ ${#why[@]} -eq 0 ]; then
            echo "XPASS $name: passes now; remove its known-bug file"
            fail=$((fail + 1))
        else
            echo "XFAIL $name: $(head -n 1 "$src/known-bug")"
            xfail=$((xfail + 1))
        fi
    elif [ ${#why[@]} -eq 0 ]; then
        echo "PASS $name"
        pass=$((pass + 1))
    else
        msg=$(printf '%s; ' "${why[@]}")
        echo "FAIL $name: ${msg%; }"
        if [ -s "$W/stderr" ]; then
            head -c 600 "$W/stderr" | sed 's/^/    | /'
        fi
        fail=$((fail + 1))
    fi
    cleanup_dir "$W"
done

if [ -n "${BAD_INPUTS_USAGE:-}" ] && [ ${#summary[@]} -gt 0 ]; then
    echo "time and peak memory (resident) of each run:"
    printf '  %s\n' "${summary[@]}"
fi
echo "$pass passed, $fail failed, $skip skipped${BAD_INPUTS_XFAIL:+, $xfail known bugs}"
[ $fail -eq 0 ]
