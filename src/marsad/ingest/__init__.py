"""Ingest: turn input paths into a stream of :class:`~marsad.model.RawDocument`, in input order.

Accepted: ``.jsonl`` (``text`` or ``html`` per line), ``.json`` lists of article objects (the
SaudiNewsNet daily files), ``.txt``, ``.html``/``.htm``, WARC (``.warc``, ``.warc.gz``), RSS/Atom
feeds (``.xml``, ``.rss``, ``.atom``), ``.zip`` archives of any of those, and folders of them.
A file that cannot be read yields one RawDocument with ``error`` set, never an exception.
"""

from marsad.ingest.router import iter_documents, iter_path

__all__ = ["iter_documents", "iter_path"]
