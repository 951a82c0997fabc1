"""Web concurrency benchmark: N clients planning and saving against a local server.

Starts ``qianxing serve`` on a free 127.0.0.1 port with a throw-away data directory (or uses
``--url``), runs ``--clients`` threads for ``--seconds``; each client loops plan -> save ->
read. Each client repeats its own request, so after its first plan the server answers from
its plan cache. Prints throughput, p50/p95 latency per operation and the plan cache's hit
rate (from the ``X-Plan-Cache`` header), hits and misses apart. Loopback only.

    python bench/web.py --clients 20 --seconds 20
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import httpx


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def _server(database_url: str, workers: int = 1) -> Iterator[str]:
    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QIANXING_DATA_DIR=tmp, DATABASE_URL=database_url)
        code = (
            "from qianxing.cli_web import serve; "
            f"serve(host='127.0.0.1', port={port}, workers={workers})"
        )
        proc = subprocess.Popen(
            [sys.executable, "-c", code],
            env=env,
            stderr=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(url + "/api/config", timeout=1).status_code == 200:
                        break
                time.sleep(0.1)
            else:
                raise RuntimeError("server did not start")
            yield url
        finally:
            proc.terminate()
            proc.wait(10)


def _pct(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def run(url: str, clients: int, seconds: float) -> int:
    lat: dict[str, list[float]] = defaultdict(list)
    cache: dict[str, int] = defaultdict(int)
    failures: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def timed(name: str, http: httpx.Client, method: str, path: str, **kw: Any) -> httpx.Response:
        t0 = time.perf_counter()
        r = http.request(method, path, **kw)
        dt = time.perf_counter() - t0
        with lock:
            lat[name].append(dt)
            if r.status_code >= 400:
                failures.append(f"{name}: {r.status_code} {r.text[:120]}")
        return r

    def client(n: int) -> None:
        with httpx.Client(base_url=url, timeout=120) as http:
            while time.monotonic() < stop_at:
                req = {"days": 2 + n % 3, "month": 1 + n % 12, "seed": n}
                p = timed("plan", http, "POST", "/api/plan", json=req)
                state = p.headers.get("X-Plan-Cache", "none")
                with lock:
                    cache[state] += 1
                    lat[f"plan-{state}"].append(p.elapsed.total_seconds())
                if p.status_code != 200:
                    continue
                s = timed("save", http, "POST", "/api/trips", json=p.json())
                if s.status_code == 201:
                    timed("read", http, "GET", f"/api/trips/{s.json()['id']}")

    t0 = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - t0
    total = sum(len(v) for v in lat.values())
    print(
        f"{clients} clients, {wall:.1f} s wall, {total} requests, "
        f"{total / wall:.1f} req/s, {len(lat['save']) / wall:.1f} plan+save/s, "
        f"{len(failures)} failures"
    )
    print(f"{'op':9} {'n':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for name in ("plan", "plan-hit", "plan-miss", "save", "read"):
        xs = lat[name]
        print(f"{name:9} {len(xs):6d} {_pct(xs, 0.5) * 1000:8.0f} {_pct(xs, 0.95) * 1000:8.0f}")
    plans = sum(cache.values())
    if plans:
        print(f"plan cache hit rate {cache['hit'] / plans:.0%} ({cache['hit']} of {plans})")
    for f in failures[:5]:
        print("failure:", f)
    return 1 if failures else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--url", help="an already running server on 127.0.0.1 (default: start one)")
    ap.add_argument("--database-url", default="", help="DATABASE_URL for the started server")
    ap.add_argument("--workers", type=int, default=1, help="worker processes of the server")
    a = ap.parse_args()
    if a.url:
        if not a.url.startswith(("http://127.0.0.1", "http://localhost")):
            ap.error("--url must be on 127.0.0.1 (loopback only)")
        return run(a.url, a.clients, a.seconds)
    with _server(a.database_url, a.workers) as url:
        return run(url, a.clients, a.seconds)


if __name__ == "__main__":
    sys.exit(main())
