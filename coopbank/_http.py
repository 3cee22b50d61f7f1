"""Downloads of public data: one function does the request, timeout, retry and cache.

Everything else is pure reading and validation (OSMnx ``_http.py``).
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from coopbank.errors import DataIntegrityError, DataMissing

LOGGER = logging.getLogger(__name__)
TIMEOUT_S = 60
ATTEMPTS = 3


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch(url: str, dest: Path, *, sha256: str, member: str | None = None) -> Path:
    """Download ``url`` (or ``member`` of the .tgz at ``url``) to ``dest`` and check its sha256.

    A ``dest`` that already holds the right bytes is kept (the cache). The file
    is written under a temporary name and moved into place only once its
    checksum matches, so a failed or corrupt download leaves nothing behind.
    """
    if dest.is_file() and sha256_of(dest) == sha256:
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest.parent) as tmp:
        raw = Path(tmp) / "download"
        _download(url, raw)
        got = _extract(raw, member, Path(tmp)) if member else raw
        actual = sha256_of(got)
        if actual != sha256:
            raise DataIntegrityError(
                f"{dest.name} downloaded from {url} has sha256 {actual}, expected {sha256}: "
                "the upstream file changed or the download is corrupt; nothing was loaded"
            )
        shutil.move(got, dest)
    LOGGER.info("downloaded %s", dest)
    return dest


def _download(url: str, target: Path) -> None:
    last_error: Exception | None = None
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response, target.open("wb") as out:  # noqa: S310 - URLs come from the manifest
                shutil.copyfileobj(response, out)
            return
        except urllib.error.HTTPError as exc:
            if exc.code < 500:
                raise DataMissing(f"Download of {url} failed: HTTP {exc.code} {exc.reason}") from exc
            last_error = exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            last_error = exc
        LOGGER.warning("download of %s failed (attempt %d/%d): %s", url, attempt, ATTEMPTS, last_error)
        time.sleep(min(2**attempt, 10) if attempt < ATTEMPTS else 0)
    raise DataMissing(
        f"Download of {url} failed after {ATTEMPTS} attempts ({last_error}). Check the network, "
        "or point COOPBANK_GEODATA_DIR at a copy of the geodata folder"
    )


def _extract(archive: Path, member: str, into: Path) -> Path:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extract(member, into, filter="data")
    except (tarfile.TarError, KeyError) as exc:
        raise DataIntegrityError(f"{member} cannot be read from the downloaded archive: {exc}") from exc
    return into / member
