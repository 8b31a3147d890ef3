"""The places stage: every resolved place name of the document body, in text order."""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.model import Document
from marsad.places.geocode import Geocoder, Mention


@dataclass(slots=True)
class PlacesStage:
    """Fills ``doc.places`` (resolved) and ``doc.place_mentions`` (all, for the event stage).

    A document in which the trigger stage (:mod:`marsad.events.triggers`, when the pipeline has
    it) found no event trigger is not geocoded: its places would serve no event. Run the stage
    without the trigger stage (or on a document with ``doc.triggers`` None) to geocode any text.
    """

    name: str = "places"
    _geocoder: list[Geocoder] = field(default_factory=list, repr=False)

    @property
    def geocoder(self) -> Geocoder:
        if not self._geocoder:
            from marsad.places.gazetteer import load

            self._geocoder.append(Geocoder(load()))
        return self._geocoder[0]

    def __call__(self, doc: Document) -> None:
        if doc.norm is None or doc.language not in ("ar", None):
            return
        if doc.triggers is not None and not any(doc.triggers):
            return  # the trigger stage found nothing codeable: no event needs a place
        mentions: list[Mention] = self.geocoder.mentions(doc.norm, doc.body, doc.entities)
        doc.place_mentions = mentions
        doc.places = [m.location() for m in mentions if m.place is not None]
