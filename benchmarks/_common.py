"""Shared helpers of the benchmark scripts: paths, child-process measurement, tables.

Every timed run happens in a fresh child process (``benchmarks/_worker.py``) so that its
peak memory (``ru_maxrss``) belongs to that run alone; the parent enforces a timeout by
killing the child's own process group.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "benchmarks"
WORKER = BENCH / "_worker.py"
DEFAULT_DATA = REPO.parent / "shared" / "data" / "dev"
MIB = 1024 * 1024


def data_dir(arg: str | None) -> Path:
    """The dev data folder from ``--data`` (relative to the working directory) or the default."""
    path = Path(arg).resolve() if arg else DEFAULT_DATA
    if not (path / "cases").is_dir():
        sys.exit(f"no cases/ folder in the data directory {path} (pass --data ../shared/data/dev)")
    return path


def load_score(data: Path) -> Any:
    """The shared scorer ``<data>/../../tools/score.py``, imported by path (never copied)."""
    path = data.parent.parent / "tools" / "score.py"
    if not path.is_file():
        sys.exit(f"score.py not found at {path}")
    spec = importlib.util.spec_from_file_location("stmtdiff_bench_score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _limit_memory(limit_bytes: int | None) -> Any:
    def preexec() -> None:
        if limit_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))

    return preexec


TIME = "/usr/bin/time"  # GNU time (Debian package "time"): %M = the child's own peak RSS


def _peak_from_time(err: str) -> tuple[float | None, str]:
    """(peak MiB from GNU time's last 'MAXRSS n' line, stderr without it)."""
    peak, keep = None, []
    for line in err.splitlines():
        if line.startswith("MAXRSS "):
            peak = int(line.split()[1]) / 1024.0
        elif not line.startswith("Command exited with non-zero status"):
            keep.append(line)
    return peak, "\n".join(keep)


def measure(
    task: Sequence[str],
    *,
    timeout: float,
    mem_limit_mib: int | None = None,
    cwd: Path | None = None,
    external: bool = False,
    stdout_path: Path | None = None,
    env: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Run one measurement in a fresh process and return its report.

    ``task`` is a ``_worker.py`` task (which prints a JSON report) or, with ``external``, a
    command whose standard output goes to ``stdout_path`` (exit status 0 or 1 is success, as
    for diff tools). Peak memory comes from GNU time's ``%M`` when it is installed: measured
    that way the child starts from a tiny process, whereas a child forked from a big Python
    process inherits that process's high-water mark in ``ru_maxrss``. Without it the worker's
    own ``ru_maxrss`` is used. The report always has ``status`` (``ok``, ``timeout`` or
    ``error`` with ``error``) and ``wall`` (the child's whole life, interpreter start included).
    ``env``: variables added to this process's environment for the child (``PYTHONPATH`` to run
    another revision's package, see :func:`package_at`).
    """
    cmd = list(task) if external else [sys.executable, str(WORKER), *task]
    use_time = os.access(TIME, os.X_OK)
    if use_time:
        cmd = [TIME, "-f", "MAXRSS %M", *cmd]
    out_fh = open(stdout_path, "wb") if stdout_path else None
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdout=out_fh or subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd or REPO,
        start_new_session=True,  # its own process group: a timeout ends it and its children
        env={**os.environ, **env} if env else None,
        preexec_fn=_limit_memory(mem_limit_mib * MIB if mem_limit_mib else None),
    )
    try:
        out_b, err_b = proc.communicate(timeout=timeout)
        wall = time.perf_counter() - start
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        return {"status": "timeout", "wall": time.perf_counter() - start, "timeout": timeout}
    finally:
        if out_fh:
            out_fh.close()
    out = (out_b or b"").decode("utf-8", "replace")
    peak, err = _peak_from_time(err_b.decode("utf-8", "replace"))
    ok_codes = (0, 1) if external else (0,)
    lines = [ln for ln in out.splitlines() if ln.startswith("{")]
    if proc.returncode not in ok_codes or not (external or lines):
        tail = (err.strip().splitlines() or ["exit status %d" % proc.returncode])[-1]
        if "MemoryError" in err or "Cannot allocate memory" in err:
            tail = f"out of memory (address-space limit {mem_limit_mib} MiB)" if mem_limit_mib else tail
        return {"status": "error", "error": tail[:200], "wall": wall, "exit": proc.returncode}
    report: dict[str, Any] = json.loads(lines[-1]) if not external else {"seconds": wall, "exit": proc.returncode}
    report["status"] = "ok"
    report["wall"] = wall
    if peak is not None:
        report["rusage_mib"] = report.get("peak_mib")
        report["peak_mib"] = peak
    report["peak_source"] = "GNU time %M" if peak is not None else "ru_maxrss in the child"
    return report


def package_at(rev: str, into: Path) -> Path:
    """The ``stmtdiff`` package as of git revision ``rev``, written under ``into`` (returned: put
    it first on ``PYTHONPATH`` to run that revision), compiled to bytecode as an install is."""
    import tarfile
    from io import BytesIO

    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "stmtdiff"], capture_output=True, check=False)
    if archive.returncode != 0:
        sys.exit(f"git archive {rev}: {archive.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            tar.extractall(into, filter="data")
        else:
            tar.extractall(into)  # our own repository's archive
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(into / "stmtdiff")], check=True)
    return into


def fit_exponent(points: Sequence[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(seconds) on log(size); None with fewer than two points."""
    pts = [(math.log(n), math.log(t)) for n, t in points if n > 0 and t > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in pts) / sxx


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], right: set[int] | None = None) -> str:
    """A Markdown table (readable as plain text too); columns in ``right`` are right-aligned."""
    right = right if right is not None else set()
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def fmt(row: Sequence[str]) -> str:
        return "| " + " | ".join(
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))
        ) + " |"

    sep = "|" + "|".join(
        ("-" * (w + 1) + ":") if i in right else ("-" * (w + 2)) for i, w in enumerate(widths)
    ) + "|"
    return "\n".join([fmt(cells[0]), sep] + [fmt(r) for r in cells[1:]])


def write_json(path: str | None, payload: Any) -> None:
    if not path:
        return
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n")
    print(f"\nwrote {out}")


def machine() -> dict[str, Any]:
    import platform

    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
    }


def gold_on_spans(
    score_mod: Any, gold_path: Path, a_spans: Sequence[tuple[int, int]], b_spans: Sequence[tuple[int, int]], out: Path
) -> dict[str, int]:
    """Score the gold alignment itself, carried over to the given units (``(start, end)`` each side).

    Two units are linked when they overlap gold-linked verses; the connected groups of linked
    units form the pairs (each unit in one pair, as stmtdiff's output). This is what an aligner
    that knew the answer would report on these units, so it shows how far the units alone let
    the metric go (raw mode: a sentence holding two verses links to four verse pairs).
    ``out`` is a scratch file for the JSON that ``score.py`` reads.
    """
    from collections import defaultdict

    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    texts = [(Path(gold_path).parent / gold[side]["file"]).read_text(encoding="utf-8") for side in "ab"]

    def verses_of(units: Sequence[tuple[int, int]], verses: list[list[Any]]) -> list[list[int]]:
        starts = [v[0] for v in verses]
        found = []
        for s, e in units:
            k = max(0, _bisect_right(starts, s) - 1)
            hits = []
            while k < len(verses) and verses[k][0] < e:
                if s < verses[k][1]:
                    hits.append(k)
                k += 1
            found.append(hits)
        return found

    va, vb = verses_of(a_spans, gold["a"]["units"]), verses_of(b_spans, gold["b"]["units"])
    linked = {(x, y) for g in gold["groups"] for x in g["a"] for y in g["b"]}
    root = {("a", i): ("a", i) for i in range(len(va))} | {("b", j): ("b", j) for j in range(len(vb))}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        while root[node] != node:
            root[node] = root[root[node]]
            node = root[node]
        return node

    b_of_verse: dict[int, list[int]] = defaultdict(list)
    for j, ys in enumerate(vb):
        for y in ys:
            b_of_verse[y].append(j)
    partners: dict[int, set[int]] = defaultdict(set)
    for x, y in linked:
        partners[x].add(y)
    for i, xs in enumerate(va):
        for x in xs:
            for y in partners.get(x, ()):
                for j in b_of_verse.get(y, ()):
                    root[find(("a", i))] = find(("b", j))
    groups: dict[tuple[str, int], dict[str, list[int]]] = defaultdict(lambda: {"a": [], "b": []})
    for side, n in root:
        groups[find((side, n))][side].append(n)
    doc = {
        "version": 1,
        **{
            side: {"sentences": [{"start": s, "end": e, "text": text[s:e]} for s, e in spans]}
            for side, text, spans in zip("ab", texts, (a_spans, b_spans))
        },
        "pairs": [{**g, "status": "changed" if g["a"] and g["b"] else "deleted"} for g in groups.values()],
    }
    out.write_text(json.dumps(doc), encoding="utf-8")
    res = score_mod.score(gold_path, out)
    return {k: res[k] for k in ("tp", "pred", "gold")}


def _bisect_right(values: Sequence[int], x: int) -> int:
    import bisect

    return bisect.bisect_right(values, x)
