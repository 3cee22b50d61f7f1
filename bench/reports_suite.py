"""Report files of the largest region with 2,000 and 100,000 projects, each in a throwaway database.

The largest region is the one holding the most projects once the demo
projects are generated (ties go to the smaller code): the heaviest report a
user can ask for below the national one. For each format: the seconds to build
the file from scratch (content read included, as the CLI does) and its bytes,
against the baseline of the same run: reading the content alone
(:func:`reports.content.gather`). The PDF is checked against its 15 s target.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from bench.dashboard_suite import demo_bank, timed
from coopbank import projects
from coopbank.projects import ProjectFilters
from reports import content, export

PDF_TARGET_S = 15.0
BASELINE = "baseline: content read (gather)"


def largest_region() -> str:
    """The code of the region holding the most projects (the smaller code on a tie)."""
    frame = projects.metrics_by_territory(ProjectFilters(), level="region")
    ranked = frame.sort_values(["projects", "code"], ascending=[False, True], kind="stable")
    return str(ranked.iloc[0]["code"])


def _file_bytes(where: content.Scope, lang: str, fmt: str) -> int:
    return len(export.build(where, lang, fmt).data)


def _cases(where: content.Scope, lang: str) -> dict[str, Callable[[], int | None]]:
    """The baseline (the content read alone), then each format built from scratch; each returns its size."""
    cases: dict[str, Callable[[], int | None]] = {BASELINE: lambda: len(content.gather(where, lang).projects)}
    for fmt in export.FORMATS:
        cases[fmt] = functools.partial(_file_bytes, where, lang, fmt)
    return cases


def bench_reports(*, sizes: tuple[int, ...] = (2_000, 100_000), seed: int = 42, lang: str = "fr") -> None:
    """Print, for each size, seconds and bytes per format for the largest region, with ratios to the baseline."""
    for n in sizes:
        with demo_bank(n, seed) as generated:
            region = largest_region()
            where = content.scope("region", region)
            print(f"\n{n:,} projects (generated in {generated:.1f} s); largest region {region} "
                  f"({content.gather(where, lang).name}), report in {lang}")
            results = {name: timed(case) for name, case in _cases(where, lang).items()}
        base_s = results[BASELINE][0]
        print(f"{'case':34} {'seconds':>8} {'x base':>7} {'bytes':>12}")
        for name, (seconds, size) in results.items():
            shown = f"{size:12,d}" if name != BASELINE and size is not None else f"{'':12}"
            print(f"{name:34} {seconds:8.3f} {seconds / base_s:7.1f} {shown}")
        verdict = "OK" if results["pdf"][0] <= PDF_TARGET_S else "over"
        print(f"PDF target {PDF_TARGET_S:.0f} s: {verdict} ({results['pdf'][0]:.1f} s)")
