"""Loopback load test of ``GET /events``: latency percentiles at N concurrent clients.

    python bench/load_test.py --db marsad.db                 # starts `marsad serve` itself
    python bench/load_test.py --url http://127.0.0.1:8000    # an already running server

Bounded: stops after ``--requests`` requests or ``--duration`` seconds, whichever comes first,
and only ever talks to a loopback address. The query mix is built from the store's own facets:
no filter, a country, an event type, a date range, a text search, disputed, a deep page, an
actor, and combinations. Prints p50/p90/p99 overall and per query kind; ``--out`` writes JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return s[k]


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = dict(os.environ)
    env.pop("MARSAD_TOKEN", None)
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", db, "--port", str(port),
                             "--workers", str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode(errors='replace') if proc.stderr else ''}")
        try:
            if httpx.get(base + "/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start in 60 s")


def query_mix(base: str) -> list[tuple[str, dict[str, Any]]]:
    facets = httpx.get(base + "/facets", timeout=60).json()

    def top(name: str, i: int = 0) -> str | None:
        vals = facets.get(name) or []
        return vals[min(i, len(vals) - 1)]["value"] if vals else None

    dmax = facets.get("date_max") or "2015-08-31"
    dmin = facets.get("date_min") or "2015-07-01"
    total = httpx.get(base + "/events", params={"limit": 0}, timeout=60).json()["total"]
    mix: list[tuple[str, dict[str, Any]]] = [
        ("all", {}),
        ("all", {}),
        ("country", {"country": top("countries") or "SA"}),
        ("country", {"country": top("countries", 1) or "YE"}),
        ("event_type", {"event_type": top("event_types") or "Battles"}),
        ("date_range", {"date_from": dmin if dmin > "2015-07-01" else "2015-07-20", "date_to": dmax[:8] + "05"}),
        ("text", {"q": "الرياض"}),
        ("text", {"q": "إدلب"}),
        ("disputed", {"disputed": "true"}),
        ("deep_page", {"offset": max(0, min(total - 50, 2000))}),
        ("actor", {"actor": "houthi"}),
        ("combined", {"country": top("countries") or "SA", "event_type": top("event_types") or "Battles",
                      "date_from": "2015-07-25", "q": "قوات"}),
    ]
    return mix


async def run_load(base: str, clients: int, max_requests: int, duration: float,
                   mix: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    results: list[tuple[str, float, int]] = []
    counter = 0
    stop_at = time.monotonic() + duration
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        # warm-up (not measured): every query once
        for _, params in mix:
            await client.get("/events", params=params)

        async def worker() -> None:
            nonlocal counter
            while True:
                if counter >= max_requests or time.monotonic() >= stop_at:
                    return
                kind, params = mix[counter % len(mix)]
                counter += 1
                t0 = time.perf_counter()
                try:
                    r = await client.get("/events", params=params)
                    status = r.status_code
                except httpx.HTTPError:
                    status = 0
                results.append((kind, time.perf_counter() - t0, status))

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        wall = time.perf_counter() - t0
    ok = [lat for _, lat, st in results if st == 200]
    per_kind: dict[str, dict[str, float]] = {}
    for kind in dict.fromkeys(k for k, _ in mix):
        lats = [lat for k, lat, st in results if k == kind and st == 200]
        per_kind[kind] = {"n": len(lats), "p50_ms": percentile(lats, 50) * 1000, "p99_ms": percentile(lats, 99) * 1000}
    return {
        "clients": clients, "requests": len(results), "errors": sum(1 for _, _, st in results if st != 200),
        "wall_s": wall, "throughput_rps": len(results) / wall if wall else 0.0,
        "p50_ms": percentile(ok, 50) * 1000, "p90_ms": percentile(ok, 90) * 1000, "p99_ms": percentile(ok, 99) * 1000,
        "max_ms": max(ok) * 1000 if ok else float("nan"), "mean_ms": statistics.fmean(ok) * 1000 if ok else float("nan"),
        "per_query": per_kind,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--db", help="store to serve (starts `marsad serve` on a free loopback port)")
    src.add_argument("--url", help="base URL of a running server (loopback only)")
    ap.add_argument("--clients", type=int, default=50, help="concurrent clients (default %(default)s)")
    ap.add_argument("--requests", type=int, default=5000, help="stop after this many requests (default %(default)s)")
    ap.add_argument("--duration", type=float, default=60.0, help="stop after this many seconds (default %(default)s)")
    ap.add_argument("--server-workers", type=int, default=1, help="server processes with --db (default %(default)s)")
    ap.add_argument("--out", help="write the results as JSON to this file")
    args = ap.parse_args(argv)
    args.requests = min(args.requests, 100_000)
    args.duration = min(args.duration, 600.0)
    proc = None
    if args.db:
        proc, base = start_server(args.db, args.server_workers)
    else:
        base = args.url.rstrip("/")
        if not is_loopback(base):
            print("refusing: the load test only targets loopback addresses", file=sys.stderr)
            return 2
    try:
        health = httpx.get(base + "/health", timeout=30).json()
        mix = query_mix(base)
        res = asyncio.run(run_load(base, args.clients, args.requests, args.duration, mix))
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
    res["store"] = {k: health.get(k) for k in ("store", "articles", "events", "claims")}
    res["server_workers"] = args.server_workers if args.db else None
    res["cpus"] = os.cpu_count()
    print(f"GET /events on {res['store']['articles']} articles / {res['store']['events']} events, "
          f"{res['clients']} clients, {res['requests']} requests in {res['wall_s']:.1f} s "
          f"({res['throughput_rps']:.0f} req/s), {res['errors']} errors")
    print(f"latency ms: p50 {res['p50_ms']:.1f}  p90 {res['p90_ms']:.1f}  p99 {res['p99_ms']:.1f}  max {res['max_ms']:.1f}")
    for kind, v in res["per_query"].items():
        print(f"  {kind:<11} n={v['n']:<5} p50 {v['p50_ms']:7.1f}  p99 {v['p99_ms']:7.1f}")
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(res, indent=2), encoding="utf-8")
    return 1 if res["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
