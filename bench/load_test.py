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
from urllib.parse import urlencode, urlsplit

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


def process_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its live children, from /proc (Linux); 0 elsewhere."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0.0
    try:
        pids = [pid] + [int(d) for d in os.listdir("/proc") if d.isdigit() and _ppid(int(d)) == pid]
    except OSError:
        return 0.0
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
    return total


def _ppid(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


def start_server(db: str, workers: int, cache: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = dict(os.environ)
    env.pop("MARSAD_TOKEN", None)
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", db, "--port", str(port),
                             "--workers", str(workers), "--cache", str(cache)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
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


class Connection:
    """A minimal keep-alive HTTP/1.1 client connection (asyncio streams): the load generator shares
    the machine with the server, so it must cost far less than what it measures (httpx's client
    costs a few milliseconds of CPU per request)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: application/json\r\n\r\n".encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length = None
        chunked = False
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "transfer-encoding" and "chunked" in value.lower():
                chunked = True
        if length is not None:
            await self.reader.readexactly(length)
        elif chunked:
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        else:  # no length: read to the end and reconnect next time
            await self.reader.read()
            self.close()
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def run_load(base: str, clients: int, max_requests: int, duration: float,
                   mix: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    parts = urlsplit(base)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    targets = [(kind, "/events" + ("?" + urlencode(params, doseq=True) if params else "")) for kind, params in mix]
    results: list[tuple[str, float, int]] = []
    counter = 0
    stop_at = time.monotonic() + duration

    warm = Connection(host, port)  # warm-up (not measured): every query once
    for _, target in targets:
        await warm.get(target)
    warm.close()

    async def worker() -> None:
        nonlocal counter
        conn = Connection(host, port)
        try:
            while counter < max_requests and time.monotonic() < stop_at:
                kind, target = targets[counter % len(targets)]
                counter += 1
                t0 = time.perf_counter()
                try:
                    status = await asyncio.wait_for(conn.get(target), timeout=60)
                except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                    status = 0
                    conn.close()
                results.append((kind, time.perf_counter() - t0, status))
        finally:
            conn.close()

    cpu0 = time.process_time()
    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    wall = time.perf_counter() - t0
    client_cpu = time.process_time() - cpu0
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
        "client_cpu_ms_per_request": client_cpu * 1000 / max(1, len(results)),
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
    ap.add_argument("--server-cache", type=int, default=512,
                    help="server's response cache with --db (default %(default)s; 0 measures every query)")
    ap.add_argument("--out", help="write the results as JSON to this file")
    args = ap.parse_args(argv)
    args.requests = min(args.requests, 100_000)
    args.duration = min(args.duration, 600.0)
    proc = None
    if args.db:
        proc, base = start_server(args.db, args.server_workers, args.server_cache)
    else:
        base = args.url.rstrip("/")
        if not is_loopback(base):
            print("refusing: the load test only targets loopback addresses", file=sys.stderr)
            return 2
    try:
        health = httpx.get(base + "/health", timeout=30).json()
        mix = query_mix(base)
        cpu0 = process_cpu_seconds(proc.pid) if proc else 0.0
        load0 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        res = asyncio.run(run_load(base, args.clients, args.requests, args.duration, mix))
        if proc is not None:
            res["server_cpu_ms_per_request"] = (process_cpu_seconds(proc.pid) - cpu0) * 1000 / max(1, res["requests"])
        res["loadavg_1min_before_after"] = [load0, os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")]
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
    res["store"] = {k: health.get(k) for k in ("store", "articles", "events", "claims")}
    res["server_workers"] = args.server_workers if args.db else None
    res["server_cache"] = args.server_cache if args.db else None
    res["cpus"] = os.cpu_count()
    print(f"GET /events on {res['store']['articles']} articles / {res['store']['events']} events "
          f"(server: {res['server_workers']} worker(s), cache {res['server_cache']}), "
          f"{res['clients']} clients, {res['requests']} requests in {res['wall_s']:.1f} s "
          f"({res['throughput_rps']:.0f} req/s), {res['errors']} errors")
    print(f"latency ms: p50 {res['p50_ms']:.1f}  p90 {res['p90_ms']:.1f}  p99 {res['p99_ms']:.1f}  max {res['max_ms']:.1f}")
    if "server_cpu_ms_per_request" in res:
        print(f"server CPU {res['server_cpu_ms_per_request']:.1f} ms per request, "
              f"load generator {res['client_cpu_ms_per_request']:.2f} ms; "
              f"machine load average {res['loadavg_1min_before_after'][0]:.1f} -> {res['loadavg_1min_before_after'][1]:.1f} "
              f"on {res['cpus']} CPUs")
    for kind, v in res["per_query"].items():
        print(f"  {kind:<11} n={v['n']:<5} p50 {v['p50_ms']:7.1f}  p99 {v['p99_ms']:7.1f}")
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(res, indent=2), encoding="utf-8")
    return 1 if res["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
