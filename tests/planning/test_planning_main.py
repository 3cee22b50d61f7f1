"""``python -m planning`` as a person types it: a real process on the sample bank."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

from coopbank.settings import REPO_ROOT


def _planning(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planning", *args], cwd=REPO_ROOT, capture_output=True, text=True,
                          env={**os.environ, "DATABASE_URL": url}, timeout=300, check=False)


def test_priority_ranking_prints_the_top_communes_with_their_factors(sample_bank_url):
    done = _planning(sample_bank_url, "priority", "--level", "commune", "--preset", "rural_mountain", "--top", "20",
                     "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 20
    assert [int(r["rank"]) for r in rows] == sorted(int(r["rank"]) for r in rows)
    assert rows[0]["rank"] == "1" and "contrib_rural" in rows[0]


def test_scenario_prints_an_allocation_within_the_envelope(sample_bank_url):
    done = _planning(sample_bank_url, "scenario", "--envelope", "100000000", "--rule", "priority", "--format", "json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert 0 < summary["allocated_mad"] <= 100_000_000
    direct = summary["jobs"]["direct"]
    assert direct["low"] <= direct["central"] <= direct["high"]
    assert all(isinstance(v, int) for v in direct.values())  # whole jobs: no false precision


def test_a_bad_envelope_is_one_line_on_stderr_and_exit_2(sample_bank_url):
    done = _planning(sample_bank_url, "scenario", "--envelope", "lots", "--rule", "priority")
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "envelope" in done.stderr.lower()
