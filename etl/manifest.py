"""The geodata manifest (``geodata/manifest.toml``) and where each file is found.

A file is read from the geodata folder when it is there, otherwise downloaded
from its public source; in both cases its sha256 must match the manifest.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import tomllib
from pathlib import Path

from coopbank import _http
from coopbank.errors import DataIntegrityError, DataMissing
from coopbank.settings import REPO_ROOT, get_settings

LOGGER = logging.getLogger(__name__)
MANIFEST_PATH = REPO_ROOT / "geodata" / "manifest.toml"


@dataclasses.dataclass(frozen=True)
class Source:
    """A publisher of data, as cited in the product."""

    id: str
    title: str
    publisher: str
    credit: str
    licence: str
    date: str
    url: str
    precision: str


@dataclasses.dataclass(frozen=True)
class SourceFile:
    """One file of the manifest: relative path, checksum and where to download it."""

    path: str
    sha256: str
    source: str
    url: str | None = None
    member: str | None = None
    optional: bool = False


@dataclasses.dataclass(frozen=True)
class Located:
    """A file found on disk with its checksum verified; ``origin`` is 'local' or 'download'."""

    file: SourceFile
    local_path: Path
    origin: str


@dataclasses.dataclass(frozen=True)
class Manifest:
    sources: dict[str, Source]
    files: dict[str, SourceFile]


@functools.cache
def load_manifest(path: Path = MANIFEST_PATH) -> Manifest:
    """Parse the manifest file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    sources = {s["id"]: Source(**s) for s in data["source"]}
    files = {f["path"]: SourceFile(**f) for f in data["file"]}
    unknown = {f.source for f in files.values()} - set(sources)
    if unknown:
        raise DataIntegrityError(f"Manifest files cite unknown sources: {sorted(unknown)}")
    return Manifest(sources, files)


def locate(path: str) -> Located:
    """Find the manifest file ``path`` locally or download it; verify its sha256.

    Raises :class:`DataMissing` when it can be neither found nor downloaded and
    :class:`DataIntegrityError` when its bytes are not the ones the manifest names.
    """
    entry = load_manifest().files[path]
    settings = get_settings()
    local = settings.geodata_dir / path
    if local.is_file():
        actual = _http.sha256_of(local)
        if actual != entry.sha256:
            raise DataIntegrityError(
                f"{local} has sha256 {actual}, the manifest expects {entry.sha256}: "
                "the file was changed; restore it or update geodata/manifest.toml"
            )
        return Located(entry, local, "local")
    cached = settings.download_dir / path
    if settings.mirror_url:
        url, member = f"{settings.mirror_url}/{path}", None
    elif entry.url:
        url, member = entry.url, entry.member
    else:
        raise DataMissing(
            f"{path} is not in {settings.geodata_dir} and has no public download (it was derived "
            "by the data team): set COOPBANK_GEODATA_DIR to a copy of the geodata folder, "
            "or COOPBANK_MIRROR_URL to a mirror of it"
        )
    return Located(entry, _http.fetch(url, cached, sha256=entry.sha256, member=member), "download")


def locate_optional(path: str) -> Located | None:
    """Like :func:`locate` for an optional file; ``None`` when it cannot be had."""
    try:
        return locate(path)
    except DataMissing as exc:
        LOGGER.info("optional file %s unavailable: %s", path, exc.message)
        return None
