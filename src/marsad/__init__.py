"""marsad (مرصد): Arabic-first extraction of geocoded, source-attributed conflict events.

>>> import marsad
>>> rec = marsad.extract("...", published="2022-11-11")
>>> rec.to_dict()["events"]
"""

from marsad.api import default_pipeline, extract, extract_files
from marsad.model import Actor, Claim, Document, Entity, Event, Location, RawDocument, Record
from marsad.pipeline import Pipeline, PipelineConfig

__version__ = "0.1.0"

__all__ = [
    "Actor", "Claim", "Document", "Entity", "Event", "Location", "Pipeline", "PipelineConfig", "RawDocument",
    "Record", "__version__", "default_pipeline", "extract", "extract_files",
]
