"""Files come from the geodata folder or a download, and only with the manifest's sha256."""

from __future__ import annotations

import functools
import http.server
import io
import tarfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from coopbank import _http, settings
from coopbank.errors import DataIntegrityError, DataMissing
from etl.manifest import load_manifest, locate

SHARED = settings.get_settings().geodata_dir


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A web server on 127.0.0.1 serving a folder; yields its base URL and the folder."""
    root = tmp_path / "served"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None  # type: ignore[method-assign]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    httpd.shutdown()


def _serve(root: Path, path: str, data: bytes) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def test_every_manifest_file_is_in_the_shared_folder_with_its_checksum():
    manifest = load_manifest()
    assert len(manifest.files) == 24
    for path, entry in manifest.files.items():
        assert _http.sha256_of(SHARED / path) == entry.sha256, path
        assert entry.source in manifest.sources
    assert all(f.url for f in manifest.files.values() if f.source in ("hcp", "osm_communes", "osm_admin"))


def test_local_file_is_used_and_verified():
    located = locate("hcp/regions.csv")
    assert located.origin == "local" and located.local_path == SHARED / "hcp/regions.csv"


def test_a_changed_local_file_is_refused(tmp_path: Path):
    (tmp_path / "hcp").mkdir()
    (tmp_path / "hcp" / "regions.csv").write_text("code\n01\n")
    with settings.override(geodata_dir=tmp_path), pytest.raises(DataIntegrityError, match="the file was changed"):
        locate("hcp/regions.csv")


def test_download_from_a_mirror_checks_the_sha256(server, tmp_path: Path):
    url, root = server
    _serve(root, "hcp/regions.csv", (SHARED / "hcp/regions.csv").read_bytes())
    cache = tmp_path / "cache"
    with settings.override(geodata_dir=tmp_path / "absent", download_dir=cache, mirror_url=url):
        located = locate("hcp/regions.csv")
        assert located.origin == "download"
        assert located.local_path.read_bytes() == (SHARED / "hcp/regions.csv").read_bytes()
        _serve(root, "hcp/regions.csv", b"tampered")
        assert locate("hcp/regions.csv").local_path == located.local_path  # the verified cache is kept


def test_a_corrupt_download_leaves_nothing_behind(server, tmp_path: Path):
    url, root = server
    _serve(root, "hcp/regions.csv", b"code\n01\n")
    cache = tmp_path / "cache"
    with (
        settings.override(geodata_dir=tmp_path / "absent", download_dir=cache, mirror_url=url),
        pytest.raises(DataIntegrityError, match="regions.csv downloaded from .* has sha256"),
    ):
        locate("hcp/regions.csv")
    assert not any(p.is_file() for p in cache.rglob("*"))


def test_a_missing_download_says_what_failed(server, tmp_path: Path):
    url, _ = server
    with (
        settings.override(geodata_dir=tmp_path / "absent", download_dir=tmp_path / "c", mirror_url=url),
        pytest.raises(DataMissing, match="HTTP 404"),
    ):
        locate("hcp/cercles.csv")


def test_a_derived_file_without_public_source_says_what_to_do(tmp_path: Path):
    with (
        settings.override(geodata_dir=tmp_path / "absent", download_dir=tmp_path / "c", mirror_url=""),
        pytest.raises(DataMissing, match="has no public download .* COOPBANK_GEODATA_DIR"),
    ):
        locate("osm/province_crosswalk.csv")


def test_a_member_of_a_package_archive_is_extracted_and_checked(server, tmp_path: Path):
    url, root = server
    data = (SHARED / "osm/morocco-map_regions.topojson").read_bytes()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        info = tarfile.TarInfo("package/data/regions.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    _serve(root, "morocco-map-1.3.0.tgz", buffer.getvalue())
    entry = load_manifest().files["osm/morocco-map_regions.topojson"]
    dest = _http.fetch(f"{url}/morocco-map-1.3.0.tgz", tmp_path / "regions.topojson",
                       sha256=entry.sha256, member=entry.member)
    assert dest.read_bytes() == data
    with pytest.raises(DataIntegrityError, match="cannot be read from the downloaded archive"):
        _http.fetch(f"{url}/morocco-map-1.3.0.tgz", tmp_path / "other", sha256=entry.sha256, member="package/x")


def test_a_machine_without_the_shared_folder_loads_everything_from_a_mirror(server, tmp_path, new_database):
    from coopbank.migrate import apply_migrations
    from etl.check import run_checks
    from etl.load import load

    url, root = server
    for path in load_manifest().files:
        _serve(root, path, (SHARED / path).read_bytes())
    db_url = new_database()
    with settings.override(geodata_dir=tmp_path / "absent", download_dir=tmp_path / "cache", mirror_url=url,
                           database_url=db_url):
        apply_migrations()
        report = load()
        summary = run_checks()
    assert report.loaded == ["territory", "establishments", "indicators", "terrain"]
    assert summary["failed"] == []
    assert (tmp_path / "cache" / "osm" / "communes_05.topojson").is_file()
