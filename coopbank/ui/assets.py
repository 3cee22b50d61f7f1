"""Leaflet and its plugins served by the dashboard itself, so maps draw without internet access.

Folium loads Leaflet and its plugins from public CDNs by default; an intranet
or an offline laptop cannot reach them. ``python -m coopbank.ui.assets``
fetches the releases from the npm registry (sha256-checked) and unpacks them
into ``static/<package>/``, which Streamlit serves at ``/app/static/``.
"""

from __future__ import annotations

import dataclasses
import sys
import tarfile

from branca.element import Element

from coopbank import _http
from coopbank.errors import CoopBankError
from coopbank.settings import REPO_ROOT, get_settings

STATIC_DIR = REPO_ROOT / "static"
URL_PREFIX = "/app/static"


@dataclasses.dataclass(frozen=True)
class Package:
    """An npm release and the files of its ``dist/`` folder that the maps use."""

    name: str
    version: str
    sha256: str
    files: tuple[str, ...]

    @property
    def tarball(self) -> str:
        return f"https://registry.npmjs.org/{self.name}/-/{self.name}-{self.version}.tgz"

    def installed(self) -> bool:
        return all((STATIC_DIR / self.name / f).is_file() for f in self.files)

    def url(self, file: str) -> str:
        return f"{URL_PREFIX}/{self.name}/{file}"


LEAFLET = Package("leaflet", "1.9.3", "10d016716b56048661eaf9cde004dc82e80bd3613b52c4f53cf5aec73088006c",
                  ("leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
                   "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png"))
# Folium's popups are built with jQuery.
JQUERY = Package("jquery", "3.7.1", "68a9f787516da47c680e09c187bcbac4536b6f85d90eb882844e12919e583f53",
                 ("jquery.min.js",))
MARKERCLUSTER = Package("leaflet.markercluster", "1.5.3",
                        "fc6b0b1d00b6c708ae54e43ee4a11ac345e41660e19f0a570190bb35babb1a1c",
                        ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"))
HEAT = Package("leaflet.heat", "0.2.0", "6d980bce16b6bbe8e3b124d200dfd12964ff8f6bfff44eb3a47344f97dfc5c7f",
               ("leaflet-heat.js",))
PACKAGES = (LEAFLET, JQUERY, MARKERCLUSTER, HEAT)
# Folium's names for the resources of each element class, mapped to local files.
_LOCAL = {
    "Map": ((LEAFLET, JQUERY), [("leaflet", LEAFLET, "leaflet.js"), ("jquery", JQUERY, "jquery.min.js")],
            [("leaflet_css", LEAFLET, "leaflet.css")]),
    "MarkerCluster": ((MARKERCLUSTER,), [("markerclusterjs", MARKERCLUSTER, "leaflet.markercluster.js")],
                      [("markerclustercss", MARKERCLUSTER, "MarkerCluster.css"),
                       ("markerclusterdefaultcss", MARKERCLUSTER, "MarkerCluster.Default.css")]),
    "HeatMap": ((HEAT,), [("leaflet-heat.js", HEAT, "leaflet-heat.js")], []),
}


def localise(element: Element) -> Element:
    """Point a folium map or plugin at the local copies of its scripts when they are installed.

    For the map itself only Leaflet and jQuery (for popups) are kept: the
    product uses no Bootstrap widgets or awesome-markers.
    """
    packages, js, css = _LOCAL[type(element).__name__]
    if all(p.installed() for p in packages):
        element.default_js = [(name, p.url(file)) for name, p, file in js]  # type: ignore[attr-defined]
        element.default_css = [(name, p.url(file)) for name, p, file in css]  # type: ignore[attr-defined]
    return element


def install(package: Package) -> None:
    """Download (once, cached) and unpack ``package`` into ``static/<name>``."""
    archive = _http.fetch(package.tarball, get_settings().download_dir / f"{package.name}-{package.version}.tgz",
                          sha256=package.sha256)
    with tarfile.open(archive, "r:gz") as tar:
        for name in package.files:
            source = tar.extractfile(tar.getmember(f"package/dist/{name}"))
            if source is None:
                raise CoopBankError(f"{name} is missing from the {package.name} archive")
            target = STATIC_DIR / package.name / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read())


def main() -> int:
    for package in PACKAGES:
        if package.installed():
            continue
        try:
            install(package)
        except CoopBankError as exc:
            print(f"warning: maps will load {package.name} from its CDN: {exc.message}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
