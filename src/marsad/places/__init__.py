"""Places: the Arabic gazetteer (:mod:`.gazetteer`) and the geocoder (:mod:`.geocode`)."""
