#!/usr/bin/env python3
"""Build the small country-outline asset the HTML report draws under its map.

Run once by a developer, never at report time: the report must work offline, so the
outlines live in the package as ``src/sitreps/report/assets/world_110m.json``.

Source: Natural Earth 1:110m Admin 0 countries (public domain), as shipped inside the
geopandas 0.14.4 wheel on PyPI (``geopandas/datasets/naturalearth_lowres``; later
geopandas releases dropped it).  The wheel is fetched with pip, the shapefile is read
with the standard library only (no GDAL), and only names, ISO3 codes, bounding boxes
and rings rounded to 0.01 degree are written.

    python tools/build_map_outlines.py              # pip-downloads the wheel
    python tools/build_map_outlines.py --wheel X.whl
"""

from __future__ import annotations

import argparse
import json
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

WHEEL_SPEC = "geopandas==0.14.4"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
OUT = Path(__file__).resolve().parents[1] / "src/sitreps/report/assets/world_110m.json"
POLYGON = 5  # shapefile shape type code for polygons

Ring = list[float]  # flattened lon, lat, lon, lat, ...


def download_wheel(dest: Path) -> Path:
    """Fetch the wheel through pip, the ordinary PyPI client."""
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
    subprocess.run([*cmd, "-d", str(dest), WHEEL_SPEC], check=True)
    return next(dest.glob("geopandas-*.whl"))


def read_dbf(data: bytes) -> list[dict[str, str]]:
    """Parse a dBase III table (attribute half of a shapefile) into dicts of strings."""
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields: list[tuple[str, int]] = []
    pos = 32
    while data[pos] != 0x0D:  # 0x0D ends the field descriptor array
        name = data[pos : pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows: list[dict[str, str]] = []
    for i in range(count):
        rec = data[header_len + i * record_len : header_len + (i + 1) * record_len]
        off, row = 1, {}  # byte 0 is the deletion flag
        for name, size in fields:
            row[name] = rec[off : off + size].decode("utf-8", "replace").strip()
            off += size
        rows.append(row)
    return rows


def _ring(points: list[tuple[float, float]]) -> Ring:
    """Round to 0.01 degree (plenty at 1:110m) and drop repeated vertices."""
    out: Ring = []
    for lon, lat in points:
        x, y = round(lon, 2), round(lat, 2)
        if len(out) >= 2 and out[-2] == x and out[-1] == y:
            continue
        out += [x, y]
    return out


def read_shp(data: bytes) -> list[list[Ring]]:
    """Parse the polygon records of a .shp file into rings per record."""
    shapes: list[list[Ring]] = []
    pos = 100  # fixed-size file header
    while pos < len(data):
        _num, words = struct.unpack(">ii", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + words * 2]
        pos += 8 + words * 2
        if struct.unpack("<i", body[:4])[0] != POLYGON:
            shapes.append([])
            continue
        nparts, npoints = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{nparts}i", body[44 : 44 + 4 * nparts]))
        coords = struct.unpack(f"<{2 * npoints}d", body[44 + 4 * nparts :][: 16 * npoints])
        pts = list(zip(coords[0::2], coords[1::2]))
        bounds = parts[1:] + [npoints]
        shapes.append([_ring(pts[a:b]) for a, b in zip(parts, bounds)])
    return shapes


def _bbox(rings: list[Ring]) -> list[float]:
    lons = [v for r in rings for v in r[0::2]]
    lats = [v for r in rings for v in r[1::2]]
    return [min(lons), min(lats), max(lons), max(lats)]


def build(wheel: Path) -> dict[str, object]:
    with zipfile.ZipFile(wheel) as zf:
        rows = read_dbf(zf.read(MEMBER + ".dbf"))
        shapes = read_shp(zf.read(MEMBER + ".shp"))
    countries = [
        {"iso3": row.get("iso_a3", ""), "name": row.get("name", ""), "bbox": _bbox(rings), "rings": rings}
        for row, rings in zip(rows, shapes)
        if rings
    ]
    return {
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via geopandas 0.14.4",
        "countries": countries,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="use this geopandas wheel instead of downloading")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or download_wheel(Path(tmp))
        data = build(wheel)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB, {len(data['countries'])} countries)")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
