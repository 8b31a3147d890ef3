"""Build the dashboard's offline base map: simplified country outlines as compact GeoJSON.

Source: Natural Earth 1:110m Admin 0 countries (public domain), as bundled in the PyPI wheel
``geopandas==0.14.4`` (``geopandas/datasets/naturalearth_lowres``; later releases dropped it).
Reproduce without installing geopandas::

    pip download --no-deps -d /tmp/gpd geopandas==0.14.4
    python scripts/build_world_outlines.py /tmp/gpd/geopandas-0.14.4-py3-none-any.whl \
        src/marsad/server/static/world-110m.geojson

Reads the shapefile with a minimal reader (polygons only), keeps name, ISO 3166-1 alpha-2 and
alpha-3, rounds coordinates to 0.01 degree and drops repeated points.
"""

from __future__ import annotations

import io
import json
import struct
import sys
import zipfile

import pycountry

MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"


def read_dbf(data: bytes) -> list[dict[str, str]]:
    nrec, hlen, rlen = struct.unpack("<xxxxIHH", data[:12])
    fields = []
    pos = 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii")
        flen = data[pos + 16]
        fields.append((name, flen))
        pos += 32
    rows = []
    for i in range(nrec):
        off = hlen + i * rlen + 1  # skip deletion flag
        row = {}
        for name, flen in fields:
            row[name] = data[off:off + flen].decode("utf-8", "replace").strip()
            off += flen
        rows.append(row)
    return rows


def read_shp(data: bytes) -> list[list[list[tuple[float, float]]]]:
    shapes = []
    pos = 100
    while pos < len(data):
        _num, clen = struct.unpack(">ii", data[pos:pos + 8])
        rec = data[pos + 8:pos + 8 + clen * 2]
        pos += 8 + clen * 2
        stype = struct.unpack("<i", rec[:4])[0]
        if stype != 5:
            shapes.append([])
            continue
        nparts, npoints = struct.unpack("<ii", rec[36:44])
        parts = list(struct.unpack(f"<{nparts}i", rec[44:44 + 4 * nparts]))
        pts_off = 44 + 4 * nparts
        pts = [struct.unpack("<dd", rec[pts_off + 16 * k:pts_off + 16 * k + 16]) for k in range(npoints)]
        rings = []
        for j, start in enumerate(parts):
            end = parts[j + 1] if j + 1 < nparts else npoints
            rings.append(pts[start:end])
        shapes.append(rings)
    return shapes


def simplify(ring: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in ring:
        p = [round(x, 2), round(y, 2)]
        if not out or out[-1] != p:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def alpha2(iso3: str, name: str) -> str:
    c = pycountry.countries.get(alpha_3=iso3) if len(iso3) == 3 else None
    if c is None:
        try:
            c = pycountry.countries.lookup(name)
        except LookupError:
            return ""
    return c.alpha_2


def main(wheel: str, out_path: str) -> None:
    with zipfile.ZipFile(wheel) as zf:
        shp = zf.read(MEMBER + ".shp")
        dbf = zf.read(MEMBER + ".dbf")
    rows = read_dbf(dbf)
    shapes = read_shp(shp)
    features = []
    for row, rings in zip(rows, shapes, strict=True):
        polys = [simplify(r) for r in rings]
        polys = [r for r in polys if len(r) >= 4]
        if not polys:
            continue
        iso3 = row.get("iso_a3", "")
        features.append({
            "type": "Feature",
            "properties": {"name": row.get("name", ""), "iso_a2": alpha2(iso3, row.get("name", "")),
                           "iso_a3": iso3 if iso3 != "-99" else ""},
            # Each ring as its own polygon: the dashboard fills with the even-odd rule.
            "geometry": {"type": "MultiPolygon", "coordinates": [[r] for r in polys]},
        })
    fc = {"type": "FeatureCollection",
          "license": "Natural Earth 1:110m Admin 0 countries, public domain (naturalearthdata.com)",
          "features": features}
    with io.open(out_path, "w", encoding="utf-8") as fh:
        json.dump(fc, fh, ensure_ascii=False, separators=(",", ":"))
    print(f"{len(features)} countries -> {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
