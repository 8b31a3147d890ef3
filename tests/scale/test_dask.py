"""``--dask``: a real dask.distributed LocalCluster (2 worker processes) writes the records of one process."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("distributed")

from marsad.distributed import partitions, process_dask
from marsad.ingest import iter_documents
from marsad_testdata import run_marsad


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as c:
        yield c


def test_dask_equals_single_process(cluster: Any, corpus: list[Path], single_records: list[dict]) -> None:
    out = [r.to_dict() for r, _t in process_dask(iter_documents(corpus), cluster.scheduler_address, partition_size=7)]
    assert [r["doc_id"] for r in out] == [r["doc_id"] for r in single_records]
    assert out == single_records


def test_both_workers_take_part(cluster: Any, corpus: list[Path]) -> None:
    from distributed import Client

    with Client(cluster) as client:
        out = list(process_dask(iter_documents(corpus), "", client=client, partition_size=3, max_in_flight=4))
        assert len(client.nthreads()) == 2
        assert out and all("text" in t or r.error for r, t in out)
        # the client passed in is left open for its owner
        assert client.status == "running"


def test_partitions_keep_order_and_sizes() -> None:
    assert [len(p) for p in partitions(range(10), 4)] == [4, 4, 2]
    assert [x for p in partitions(range(10), 3) for x in p] == list(range(10))
    assert list(partitions([], 5)) == []


def test_cli_dask_output_is_identical(cluster: Any, corpus: list[Path], tmp_path: Path) -> None:
    one, dsk = tmp_path / "one.jsonl", tmp_path / "dask.jsonl"
    run_marsad("extract", *corpus, "-o", one, "--no-progress")
    run_marsad("extract", *corpus, "-o", dsk, "--dask", cluster.scheduler_address, "--partition-size", "5",
               "--no-progress")
    assert dsk.read_bytes() == one.read_bytes()


def test_a_worker_with_several_threads_runs_one_partition_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    import time

    from marsad import distributed
    from marsad.pipeline import PipelineConfig

    running, most = [0], [0]

    class _Slow:
        def run(self, raws: list[Any]) -> Iterator[Any]:
            running[0] += 1
            most[0] = max(most[0], running[0])
            time.sleep(0.05)
            running[0] -= 1
            return iter(())

    monkeypatch.setattr(distributed, "_pipeline", lambda config: _Slow())
    threads = [threading.Thread(target=distributed.process_partition, args=([], PipelineConfig())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most[0] == 1
