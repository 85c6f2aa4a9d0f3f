#!/usr/bin/env python3
"""`gongwen batch --format pdf --office-workers 2` against a real LibreOffice (CTest e2e_office_pool).

1. 6 rows -> 6 PDFs: each opens in pdfinfo with the same page count, and pdftotext finds its own
   row's unit (and no other row's) in it; two offices converted them (two soffice.bin children).
2. 12 rows, and one worker's soffice.bin killed (SIGKILL, by pid) once the first PDF is out: every
   PDF is still written (the killed office's document is tried again on a restarted office), or the
   one row that failed says its row and its file; no office outlives the batch.
3. --office-workers 0 is a usage error (exit 2) that starts nothing.

  pool_batch_test.py GONGWEN_BINARY     exit 77 (skip) without soffice/pdfinfo, unless CI=true
"""
import csv
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

GONGWEN = sys.argv[1]
CI = os.environ.get("CI") == "true"
failures = []


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)


def need(tool):
    if shutil.which(tool) or (tool == "soffice" and os.environ.get("GONGWEN_SOFFICE")):
        return
    print(f"SKIP: no {tool}")
    sys.exit(1 if CI else 77)


for tool in ("soffice", "pdfinfo", "pdftotext"):
    need(tool)

HEADER = ["被巡察单位", "主送机关", "发文字号", "标题", "巡察组", "巡察开始日期", "巡察结束日期", "巡察轮次", "整改要求",
          "联系人", "联系电话", "发文机关标志", "发文机关署名", "成文日期", "印发机关", "抄送机关"]


def unit(i):
    """A unit name without digits (LibreOffice spaces digits off Chinese text, which pdftotext keeps)."""
    return "池测" + "甲乙丙丁戊己庚辛壬癸子丑"[i - 1] + "局"


def write_rows(folder, n):
    """n notices (rows 2..n+1 of notices.csv), two problems each."""
    notices, problems = os.path.join(folder, "notices.csv"), os.path.join(folder, "problems.csv")
    with open(notices, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for i in range(1, n + 1):
            w.writerow([unit(i), f"中共清河县{unit(i)}党组", f"县巡一〔2023〕{i}号", f"关于{unit(i)}党组巡察反馈问题整改的通知",
                        "县委第一巡察组", "2023-04-10", "2023-06-09", "3", "提高政治站位，压实整改责任。", "王某某",
                        "0000-5551234", "中共清河县委第一巡察组", "县委第一巡察组", "2023-07-05", "县委第一巡察组", "县纪委县监委"])
    with open(problems, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["被巡察单位", "问题", "类别", "依据"])
        for i in range(1, n + 1):
            w.writerow([unit(i), f"{unit(i)}理论学习流于形式", "政治建设", "《规则》"])
            w.writerow([unit(i), f"{unit(i)}集体决策不严格", "全面从严治党", ""])
    return notices, problems


def batch_cmd(folder, notices, problems, out, workers):
    return [GONGWEN, "batch", "rectification-notice", "--data", notices, "--rows", problems + ":被巡察单位",
            "--out-dir", out, "--format", "pdf", "--office-workers", str(workers), "--report", os.path.join(folder, "report.json")]


def children(pid):
    """pids of pid's soffice.bin children (the offices gongwen started: it runs soffice.bin itself)."""
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        if ppid == pid and name.startswith("soffice"):
            out.append(int(d))
    return out


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead too
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def pdf_pages(path):
    r = subprocess.run(["pdfinfo", path], capture_output=True, text=True)
    m = re.search(r"^Pages:\s+(\d+)", r.stdout, re.M)
    return int(m.group(1)) if r.returncode == 0 and m else 0


def pdf_text(path):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True).stdout


def check_pdfs(out, n, label):
    """Every row's PDF: readable, the same page count as the others, its own unit's text only."""
    files = sorted(f for f in os.listdir(out) if f.endswith(".pdf"))
    check(len(files) == n, f"{label}: {n} PDFs written (got {len(files)})")
    pages = set()
    for i in range(1, n + 1):
        mine = [f for f in files if unit(i) in f]
        if len(mine) != 1:
            check(False, f"{label}: the PDF of {unit(i)}")
            continue
        path = os.path.join(out, mine[0])
        p = pdf_pages(path)
        pages.add(p)
        text = re.sub(r"\s+", "", pdf_text(path))
        others = [unit(j) for j in range(1, n + 1) if j != i and unit(j) in text]
        check(p >= 1 and unit(i) in text and "集体决策" in text and not others,
              f"{label}: {mine[0]}: {p} pages, its own unit and problems in its text{' (and ' + ','.join(others) + ')' if others else ''}")
    check(len(pages) == 1, f"{label}: the same page count for every row ({sorted(pages)})")


def run_pool(folder, n, kill):
    notices, problems = write_rows(folder, n)
    out = os.path.join(folder, "out")
    proc = subprocess.Popen(batch_cmd(folder, notices, problems, out, 2), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=dict(os.environ, LANGUAGE="en", LC_ALL="C.UTF-8"))
    seen, killed, pdfs_at_kill, most = set(), None, None, 0
    deadline = time.time() + 240
    while proc.poll() is None and time.time() < deadline:
        now = children(proc.pid)
        seen.update(now)
        most = max(most, len(now))
        if kill and killed is None and now and os.path.isdir(out) and any(f.endswith(".pdf") for f in os.listdir(out)):
            pdfs_at_kill = sum(f.endswith(".pdf") for f in os.listdir(out))
            killed = now[0]
            os.kill(killed, signal.SIGKILL)  # as a crash would: the office itself, by its pid
        time.sleep(0.01)
    if proc.poll() is None:
        proc.kill()
    stdout, stderr = proc.communicate()
    return proc.returncode, stderr, out, seen, killed, pdfs_at_kill, most


with tempfile.TemporaryDirectory(prefix="gongwen-pool-test-") as tmp:
    # 1. six rows, two offices
    one = os.path.join(tmp, "six")
    os.makedirs(one)
    rc, err, out, seen, _, _, most = run_pool(one, 6, kill=False)
    check(rc == 0, f"6 rows: exit 0 (got {rc}) {err[-400:] if rc else ''}")
    check_pdfs(out, 6, "6 rows")
    check(most == 2, f"6 rows: two offices converted them side by side (at most {most} soffice.bin at once)")
    check(not [p for p in seen if alive(p)], "6 rows: every office stopped with the batch")

    # 2. a worker's office killed mid-batch
    two = os.path.join(tmp, "kill")
    os.makedirs(two)
    rc, err, out, seen, killed, at_kill, most = run_pool(two, 12, kill=True)
    check(killed is not None and at_kill is not None and at_kill < 12,
          f"12 rows: an office killed mid-batch (pid {killed}, {at_kill} of 12 PDFs out then)")
    if rc == 0:
        check_pdfs(out, 12, "12 rows, one office killed")
        check(len(seen) >= 3 and most <= 2, f"12 rows: the killed office was started again, never more than two at once "
                                            f"(soffice.bin children seen: {len(seen)}, at most {most} at once)")
    else:
        # The one acceptable failure: the killed office's row, named with its file.
        lines = [l for l in err.splitlines() if "error[office-failed]" in l]
        check(len(lines) == 1 and re.search(r"notices\.csv:\d+: error\[office-failed\]: 池测.局\S*\.pdf: ", lines[0]) is not None,
              f"12 rows, one office killed: one row failed, naming its row and file: {lines}")
        pdfs = [f for f in os.listdir(out) if f.endswith(".pdf")]
        check(len(pdfs) == 11, f"12 rows, one office killed: the other 11 PDFs written (got {len(pdfs)})")
    check(not [p for p in seen if alive(p)], "12 rows: every office stopped with the batch, the restarted one too")

    # 3. a pool of no office
    r = subprocess.run([GONGWEN, "batch", "rectification-notice", "--data", os.path.join(one, "notices.csv"), "--out-dir",
                        os.path.join(tmp, "none"), "--format", "pdf", "--office-workers", "0"], capture_output=True, text=True)
    check(r.returncode == 2 and "--office-workers" in r.stderr and not os.path.exists(os.path.join(tmp, "none")),
          f"--office-workers 0: usage error, nothing written (exit {r.returncode})")

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("all checks passed")
