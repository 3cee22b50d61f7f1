"""Leaflet served by the dashboard itself, so maps draw without internet access.

Folium loads Leaflet from public CDNs by default; an intranet or an offline
laptop cannot reach them. ``python -m coopbank.ui.assets`` fetches the Leaflet
release folium expects from the npm registry (sha256-checked) and unpacks it
into ``static/leaflet/``, which Streamlit serves at ``/app/static/leaflet/``.
"""

from __future__ import annotations

import sys
import tarfile

from coopbank import _http
from coopbank.errors import CoopBankError
from coopbank.settings import REPO_ROOT, get_settings

LEAFLET_VERSION = "1.9.3"
LEAFLET_TARBALL = f"https://registry.npmjs.org/leaflet/-/leaflet-{LEAFLET_VERSION}.tgz"
LEAFLET_SHA256 = "10d016716b56048661eaf9cde004dc82e80bd3613b52c4f53cf5aec73088006c"
STATIC_DIR = REPO_ROOT / "static" / "leaflet"
URL_PREFIX = "/app/static/leaflet"
FILES = ("leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
         "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png")


def local_leaflet() -> tuple[list[tuple[str, str]], list[tuple[str, str]]] | None:
    """Folium's ``default_js`` and ``default_css`` pointing at the local copy, if it is there."""
    if not all((STATIC_DIR / name).is_file() for name in FILES):
        return None
    return [("leaflet", f"{URL_PREFIX}/leaflet.js")], [("leaflet_css", f"{URL_PREFIX}/leaflet.css")]


def install_leaflet() -> None:
    """Download (once, cached) and unpack Leaflet into ``static/leaflet``."""
    archive = _http.fetch(
        LEAFLET_TARBALL, get_settings().download_dir / f"leaflet-{LEAFLET_VERSION}.tgz", sha256=LEAFLET_SHA256
    )
    with tarfile.open(archive, "r:gz") as tar:
        for name in FILES:
            member = tar.getmember(f"package/dist/{name}")
            target = STATIC_DIR / name
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            if source is None:
                raise CoopBankError(f"{name} is missing from the Leaflet archive")
            target.write_bytes(source.read())


def main() -> int:
    if local_leaflet() is not None:
        return 0
    try:
        install_leaflet()
    except CoopBankError as exc:
        print(f"warning: maps will load Leaflet from its CDN: {exc.message}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
