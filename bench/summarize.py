#!/usr/bin/env python3
"""Medians over bench/results/<stamp>/run-K.txt -> markdown: the side-by-side table and the targets.

  python3 bench/summarize.py bench/results/<stamp> [ANCHORS_RESULTS_DIR]

ANCHORS_RESULTS_DIR (e.g. /work/shared/bench/anchors/results) supplies the anchors' *published*
floor (limit:rawcopy_l6) row, shown separately and labelled as such.
"""
import glob
import os
import re
import statistics
import sys

ORDER = ["gongwen", "docxtemplater", "carbone", "limit:rawcopy_l6"]
LABEL = {"limit:rawcopy_l6": "floor rawcopy_l6 (measured now)"}
# (case, key) -> (limit, aim, unit); None aim = no separate aim
TARGETS = [
    ("notice", "per-doc ms", 0.7, 0.5),
    ("large", "per-doc ms", 45.0, 30.0),
    ("notice", "cold ms", 15.0, None),
    ("large", "peak RSS MB (loop)", 60.0, None),
]


def fields(line):
    return dict(re.findall(r"(\w+)=(\S+)", line))


def short(engine):
    return re.sub(r"@[0-9][0-9.]*(\+[a-z]+@[0-9][0-9.]*)?", "", engine)


def stats(rows, key):
    v = [float(r[key]) for r in rows]
    return statistics.median(v), min(v), max(v)


def published_floor(results_dir):
    """Rows of limit:rawcopy_l6 from the newest anchors summary.md, as (case, cells)."""
    files = sorted(glob.glob(os.path.join(results_dir, "*", "summary.md")))
    if not files:
        return None, []
    out = []
    for line in open(files[-1], encoding="utf-8"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0] == "limit:rawcopy_l6":
            out.append(cells)
    return os.path.basename(os.path.dirname(files[-1])), out


def main():
    d = sys.argv[1]
    loop, cold, loads, busy, not_quiet = {}, {}, [], [], 0
    runs = sorted(glob.glob(os.path.join(d, "run-*.txt")))
    for path in runs:
        for line in open(path, encoding="utf-8"):
            if line.startswith("== rep"):
                m = re.search(r"load: ([0-9. ]+)", line)
                loads.append(m.group(1).strip() if m else "?")
            elif line.startswith("# ") and "busy" in line:
                m = re.search(r"(\d+)% busy", line)
                if m:
                    busy.append(int(m.group(1)))
                if "NOT quiet" in line:
                    not_quiet += 1
            elif line.startswith("RESULT") and "mode=loop" in line:
                r = fields(line)
                loop.setdefault((short(r["engine"]), r["case"]), []).append(r)
            elif line.startswith("COLD"):
                r = fields(line)
                name, case = r["label"].rsplit(":", 1)
                cold.setdefault((name, case), []).append(r)

    print("Medians of %d runs (%s); load average (1/5/15 min) at the start of each run: %s." % (
        len(runs), os.path.basename(os.path.normpath(d)), "; ".join(loads)))
    if busy:
        print("CPU busy over the 5 s before each measurement: median %d%%, max %d%%; %d of %d measurements "
              "started without a quiet moment." % (statistics.median(busy), max(busy), not_quiet, len(busy)))
    print()
    print("| engine | case | N | per-doc ms (median) | [min-max of runs] | p90 ms | docs/s | peak RSS MB (loop) "
          "| cold ms | [min-max] | cold peak RSS MB | out .docx bytes |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    got = {}
    for case in ("notice", "large"):
        for name in ORDER:
            rows = loop.get((name, case))
            if not rows:
                continue
            m, lo, hi = stats(rows, "median_ms")
            c = cold.get((name, case))
            if c:
                cm, clo, chi = stats(c, "median_ms")
                cold_s, cold_mm, cold_r = "%.1f" % cm, "%.1f-%.1f" % (clo, chi), "%.1f" % stats(c, "peak_rss_mb")[0]
                got[(case, "cold ms", name)] = cm
            else:
                cold_s = cold_mm = cold_r = "-"
            rss = stats(rows, "peak_rss_mb")[0]
            got[(case, "per-doc ms", name)] = m
            got[(case, "peak RSS MB (loop)", name)] = rss
            prec = 3 if m < 10 else 2
            print("| %s | %s | %s | %.*f | %.*f-%.*f | %.*f | %.2f | %.1f | %s | %s | %s | %s |" % (
                LABEL.get(name, name), case, rows[0]["n"], prec, m, prec, lo, prec, hi, prec,
                stats(rows, "p90_ms")[0], stats(rows, "docs_per_s")[0], rss, cold_s, cold_mm, cold_r,
                rows[0]["out_bytes"]))
    for name in ("gongwen-startup", "node-startup"):
        c = cold.get((name, "-"))
        if c:
            cm, clo, chi = stats(c, "median_ms")
            print("| %s (empty process) | - | - | - | - | - | - | - | %.1f | %.1f-%.1f | %.1f | - |" % (
                name, cm, clo, chi, stats(c, "peak_rss_mb")[0]))

    if len(sys.argv) > 2:
        stamp, rows = published_floor(sys.argv[2])
        if rows:
            print("\nThe anchors' published floor (results/%s/summary.md, measured by them, not in this sitting):\n" % stamp)
            print("| engine | case | N | per-doc ms | [min-max] | docs/s | peak RSS MB | cold ms | cold RSS MB | out bytes |")
            print("|---|---|---|---|---|---|---|---|---|---|")
            for cells in rows:
                print("| floor rawcopy_l6 (published) | " + " | ".join(cells[1:10]) + " |")

    print("\nTargets (gongwen):\n")
    print("| case | measure | target | aim | gongwen | met |")
    print("|---|---|---|---|---|---|")
    for case, key, limit, aim in TARGETS:
        v = got.get((case, key, "gongwen"))
        if v is None:
            continue
        met = "yes" if v <= limit else "NO"
        if aim is not None:
            met += ", aim met" if v <= aim else ", aim not met"
        print("| %s | %s | <= %g | %s | %.3g | %s |" % (case, key, limit, "<= %g" % aim if aim else "-", v, met))


if __name__ == "__main__":
    main()
