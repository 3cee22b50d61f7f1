"""One report file in one format: gather the content once, format it, name it after its data version.

File names read ``rapport-<scope>-<lang>-<hash>.<ext>`` (``rapport-region-05-fr-1a2b3c4d.xlsx``;
GeoJSON adds its layer, ``rapport-region-05-communes-fr-1a2b3c4d.geojson``),
the hash naming the data version and job model version, so two files with the
same name hold the same figures.
"""

from __future__ import annotations

import dataclasses

from coopbank.errors import InvalidInput
from planning import priority
from reports import content, layers, tables, workbook

FORMATS = ("pdf", "xlsx", "csv", "geojson", "gpkg")
MIME = {"pdf": "application/pdf",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "csv": "text/csv", "geojson": "application/geo+json", "gpkg": "application/geopackage+sqlite3"}


@dataclasses.dataclass(frozen=True)
class Export:
    """A file ready to download or write: its bytes, a file name and its MIME type."""

    data: bytes
    file_name: str
    mime: str


def check_options(fmt: str, layer: str = "communes") -> None:
    """Raise :class:`InvalidInput` unless ``fmt`` is one of :data:`FORMATS` and ``layer`` one of the layers."""
    if fmt not in FORMATS:
        raise InvalidInput(f"Unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if layer not in layers.LAYERS:
        raise InvalidInput(f"Unknown layer {layer!r}: choose one of {', '.join(layers.LAYERS)}")


def build(where: content.Scope, lang: str, fmt: str, *, preset: str = priority.DEFAULT_PRESET,
          layer: str = "communes") -> Export:
    """The report of ``where`` in ``lang`` as ``fmt``; ``layer`` picks the GeoJSON layer (see :mod:`reports.layers`)."""
    check_options(fmt, layer)
    return render(content.gather(where, lang, preset=preset), fmt, layer=layer)


def render(data: content.ReportData, fmt: str, *, layer: str = "communes") -> Export:
    """Format already gathered ``data`` as ``fmt`` (one read of the database serves several formats)."""
    check_options(fmt, layer)
    if fmt == "pdf":
        from reports.pdf import render_pdf  # WeasyPrint loads only when a PDF is asked for

        body = render_pdf(data)
    elif fmt == "xlsx":
        body = workbook.render_xlsx(data)
    elif fmt == "csv":
        body = tables.render_csv(data)
    elif fmt == "geojson":
        body = layers.render_geojson(data, name=layer)
    else:
        body = layers.render_gpkg(data)
    part = f"-{layer}" if fmt == "geojson" else ""
    name = f"rapport-{data.scope.slug}{part}-{data.lang}-{data.version_hash}.{fmt}"
    return Export(data=body, file_name=name, mime=MIME[fmt])
