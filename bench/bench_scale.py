"""Scale figures for issue 8, printed for each corpus size, never asserted.

For 1,000, 10,000 and 100,000 synthetic articles (``timeline.synth``: real text from the seeds
and, with ``--timebank``, TimeBank, under shifted datelines) it prints:

* extraction articles/s with 1 process and with every core (on a sample, and on the whole
  corpus during the cold build), and the speed-up;
* the cold end-to-end ``timeline build`` (extract, render, MkDocs) in seconds, and its peak
  memory (the resident sets of the build and its workers, summed, sampled every 0.1 s);
* the size of the Markdown and of the HTML site;
* the MkDocs part of ``timeline build`` alone (the published pages into HTML), wall and CPU
  seconds and peak memory, with the plugin's raw HTML stash on and off (``stash_raw_html``);
* after editing one article: the rebuild's extraction and rendering (in a warm process, as
  under ``mkdocs serve``, and as a fresh ``timeline build --no-site``), and the MkDocs build
  of the changed site, reported separately;
* the tagger's throughput against dateparser's ``search_dates`` (from ``bench_tagger.py``),
* and, once, how MkDocs' build time grows with the page count with and without every page
  in the navigation.

The machine's load average is printed beside each timing: the figures are only comparable
when nobody else is using the cores.

    python bench/bench_scale.py [--sizes 1000,10000] [--timebank PATH] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from statistics import median

import psutil

from timeline import synth
from timeline.config import Config
from timeline.engine import default_jobs, extract_with_stats
from timeline.pipeline import build_timeline
from timeline.readers import read_folder

REPO = Path(__file__).resolve().parent.parent
TARGETS = {
    "10k end-to-end": "<= 60 s",
    "100k / 10k time": "<= 12x, peak memory < 4 GB",
    "rebuild after one edit at 10k": "extraction + rendering <= 2 s",
    "2 processes vs 1": ">= 1.7x",
}
MKDOCS_YML = """site_name: Synthetic timeline ({count} articles)
docs_dir: site_src
site_dir: site
theme:
  name: mkdocs
plugins:
  - timeline:
      articles: articles
      prefix: timeline/
"""
"""The timeline under a prefix, so the plugin keeps it to one nav entry: at the site root every
article page would sit in MkDocs' automatic nav and every page would list every other."""


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}"


def say(label: str, value: str) -> None:
    print(f"  {label:<50} {value}", flush=True)


@contextlib.contextmanager
def timer() -> Iterator[list[float]]:
    box: list[float] = []
    start = time.perf_counter()
    yield box
    box.append(time.perf_counter() - start)


class Measured:
    """A command's wall time, CPU time (user + system, its reaped children included), the peak
    memory of its process tree, its stderr, and whether it finished inside the time budget (a
    command over budget is killed with its workers).

    The peak memory is the summed PSS (proportional set size: a page shared by several
    processes counts a share in each), what the tree takes from the machine. Forked workers
    share most of their parent's pages, so the summed RSS (``peak_rss``, also kept) counts
    those once per worker and overstates it, by gigabytes at 100,000 articles."""

    def __init__(
        self, seconds: float, peak: int, stderr: str, finished: bool, cpu: float = 0.0, peak_rss: int = 0
    ) -> None:
        self.seconds, self.peak, self.stderr, self.finished = seconds, peak, stderr, finished
        self.cpu, self.peak_rss = cpu, peak_rss

    def time(self) -> str:
        return (
            f"{self.seconds:,.2f} s" if self.finished else f"did not finish in {self.seconds:,.0f} s (killed)"
        )


def run_measured(args: Sequence[str], cwd: Path, budget: float) -> Measured:
    start = time.perf_counter()
    cpu_before = children_cpu_seconds()
    finished = True
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(
            list(args), cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True
        )
        peak = peak_rss = 0
        parent = psutil.Process(proc.pid)
        samples = 0
        while proc.poll() is None:
            # PSS once a second: reading it walks the page tables of every process, which slows
            # the processes measured if done ten times a second; RSS is cheap
            with contextlib.suppress(psutil.Error):
                pss = rss = 0
                for p in [parent, *parent.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        if samples % 10 == 0:
                            full = p.memory_full_info()
                            pss, rss = pss + full.pss, rss + full.rss
                        else:
                            rss += p.memory_info().rss
                peak, peak_rss = max(peak, pss), max(peak_rss, rss)
            samples += 1
            if time.perf_counter() - start > budget:
                os.killpg(proc.pid, signal.SIGKILL)  # our own session: the command and its workers
                proc.wait()
                finished = False
                break
            time.sleep(0.1)
        seconds = time.perf_counter() - start
        err.seek(0)
        stderr = err.read()
    if finished and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{stderr[-3000:]}")
    return Measured(seconds, peak, stderr, finished, children_cpu_seconds() - cpu_before, peak_rss)


def children_cpu_seconds() -> float:
    """CPU time of this process's reaped children (commands run one at a time: the difference
    around one is its CPU time, its own workers included once they are joined)."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def tree_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"


def cpu_seconds() -> float:
    """CPU time of this process and its reaped children (the pool's workers, once joined)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def extraction_rates(folder: Path, sample: int) -> tuple[tuple[float, float], tuple[float, float], int]:
    """(articles/s, CPU ms/article) on the first ``sample`` articles, one process and every
    core, no cache. Equal CPU per article in both means the pool adds no work of its own, so
    on an idle machine the speed-up is the number of cores; the wall-clock ratio is only that
    when nobody else is using them."""
    articles = read_folder(folder).articles[:sample]
    config = Config(articles=folder, cache=False, quiet=True)
    figures = []
    jobs = default_jobs()
    for n in (1, jobs):
        cpu = cpu_seconds()
        _, stats = extract_with_stats(articles, config.with_(jobs=n))
        figures.append((len(articles) / stats.seconds, (cpu_seconds() - cpu) * 1000 / len(articles)))
    return figures[0], figures[1], jobs


def edit_one_article(folder: Path) -> Path:
    """Append a dated sentence to the first article, as a reporter's correction would."""
    target = min(folder.rglob("*.txt"))
    with target.open("a", encoding="utf-8") as f:
        f.write("\nThe ministry corrected the figures on Friday.\n")
    return target


def warm_rebuild(config: Config, edits: int = 5) -> None:
    """Rebuilds in a process that has built before and kept its memo (as under ``mkdocs serve``),
    after each of ``edits`` edits of one article: each stage timed (read .. merge, render,
    publish); the median of each, and of extraction + rendering, go to stderr as JSON lines as
    soon as they are known, so a killed run keeps them. The median, since one edit's figure
    moves by a few tenths of a second with whatever else the machine does."""
    from timeline.publish import publish_pages
    from timeline.site import SiteMemo, generate, project_config, site_pages

    def report(stage: str, seconds: float) -> None:
        print(json.dumps({stage: seconds}), file=sys.stderr, flush=True)

    memo = SiteMemo()
    generate(config, memo=memo)  # the first build: everything is new to the memo
    config, mk = project_config(config)
    taken: dict[str, list[float]] = {"pipeline": [], "render": [], "publish": [], "both": []}
    rendered = written = 0
    for _ in range(edits):
        edit_one_article(config.resolve(config.articles))
        with timer() as pipeline_time:
            timeline = build_timeline(config, memo=memo.pipeline)
        with timer() as render_time:
            pages = site_pages(timeline, config, use_directory_urls=mk.use_directory_urls, memo=memo.pages)
        with timer() as publish_time:
            publish_pages(config.resolve(config.docs_dir), pages, memo=memo.published)
        del timeline, pages
        rendered, written = memo.pages.rendered, memo.published.written
        taken["pipeline"].append(pipeline_time[0])
        taken["render"].append(render_time[0])
        taken["publish"].append(publish_time[0])
        taken["both"].append(pipeline_time[0] + render_time[0])
    runs = f"median of {edits} edits"
    report(
        f"  read .. merge (the edited article extracted, the rest from the memo), {runs}",
        median(taken["pipeline"]),
    )
    report(
        f"  render the pages ({rendered} rendered, the rest from the memo), {runs}", median(taken["render"])
    )
    report(f"  publish the Markdown ({written} files written), {runs}", median(taken["publish"]))
    report(f"  extraction + rendering, the slowest of the {edits} edits", max(taken["both"]))
    report(GENERATE, median(taken["both"]))


GENERATE = "extraction + rendering after one edit (median)"


def warm_rebuild_main(project: Path) -> int:
    """``--warm-rebuild PROJECT``: build once, edit one article, time the rebuilds (see
    :func:`warm_rebuild`); run in a subprocess, under the budget."""
    config = Config(project=project, articles=Path("articles"), quiet=True)
    warm_rebuild(config)
    return 0


def bench_size(
    count: int,
    work: Path,
    sources: list[synth.Source],
    sample: int,
    keep: bool,
    with_site: bool,
    budget: float,
    mkdocs_alone: bool = True,
) -> dict[str, float]:
    project = work / f"corpus-{count}"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    (project / "mkdocs.yml").write_text(MKDOCS_YML.format(count=count), encoding="utf-8")
    folder = project / "articles"
    print(f"\n== {count:,} articles ({load()})", flush=True)
    with timer() as t:
        synth.write_text_corpus(folder, sources, count)
    files, size = tree_size(folder)
    say("corpus", f"{files:,} files, {mb(size)}, generated in {t[0]:.1f} s")

    n = min(count, sample)
    (one, one_cpu), (many, many_cpu), jobs = extraction_rates(folder, n)
    say(f"extraction, 1 process ({n:,}-article sample)", f"{one:,.1f} articles/s, {one_cpu:.1f} CPU ms/art.")
    say(
        f"extraction, {jobs} processes (same sample)",
        f"{many:,.1f} articles/s, {many_cpu:.1f} CPU ms/art.; {many / one:.2f}x  ({load()})",
    )

    timeline_cmd = [sys.executable, "-m", "timeline", "build", "--articles", "articles", "--verbose"]
    cold = run_measured(timeline_cmd + ([] if with_site else ["--no-site"]), project, budget)
    extracted = _extraction_note(cold.stderr)
    what = "end to end" if with_site else "WITHOUT MkDocs (--no-site; see the probe)"
    say(f"cold `timeline build` {what}", f"{cold.time()}  ({load()})")
    if extracted:
        say(
            f"  extraction inside it ({jobs} processes)",
            f"{count / extracted:,.1f} articles/s, {extracted:.1f} s",
        )
    say(
        "  peak memory (build + workers, PSS)",
        f"{mb(cold.peak)}  (RSS summed over the processes: {mb(cold.peak_rss)})",
    )
    md_files, md_size = tree_size(project / "site_src")
    say("Markdown written", f"{md_files:,} files, {mb(md_size)}")
    if with_site:
        html_files, html_size = tree_size(project / "site")
        say("HTML site", f"{html_files:,} files, {mb(html_size)}")

    if with_site and cold.finished and not mkdocs_alone:
        say("MkDocs alone", "skipped (--mkdocs-alone-up-to)")
    elif with_site and cold.finished:
        for stash in (True, False):
            alone = run_measured(
                [sys.executable, __file__, "--mkdocs-only", str(project), *([] if stash else ["--no-stash"])],
                project,
                budget,
            )
            shutil.rmtree(project / MKDOCS_ONLY_SITE, ignore_errors=True)
            say(
                f"MkDocs alone, raw HTML stash {'on' if stash else 'off'}",
                f"{alone.time()}, CPU {alone.cpu:,.1f} s, peak {mb(alone.peak)}  ({load()})",
            )

    warm = run_measured([sys.executable, __file__, "--warm-rebuild", str(project)], project, budget)
    times: dict[str, float] = {}
    for line in warm.stderr.splitlines():
        if line.startswith("{"):
            times.update(json.loads(line))
    warm_total = times.pop(GENERATE, float("nan"))
    say(
        "rebuild after one edit, warm process: extraction + rendering (median)",
        f"{warm_total:.2f} s" if warm.finished else warm.time(),
    )
    for stage, took in times.items():
        say(f"  {stage}", f"{took:.2f} s")
    if not cold.finished:
        say("fresh rebuild and MkDocs rebuild", "skipped: the cold build did not finish")
        return {
            "end_to_end": float("nan"),
            "peak": cold.peak,
            "warm_rebuild": warm_total,
            "speedup": many / one,
        }
    edit_one_article(folder)
    fresh = run_measured([*timeline_cmd, "--no-site"], project, budget)
    say("rebuild after one edit, fresh `build --no-site`", fresh.time())
    if with_site:
        mk = run_measured([sys.executable, "-m", "mkdocs", "build", "-q"], project, budget)
        say("  MkDocs build of the changed site (separate)", mk.time())
    if not keep:
        shutil.rmtree(project, ignore_errors=True)
    return {
        "end_to_end": cold.seconds if cold.finished else float("nan"),
        "peak": cold.peak,
        "warm_rebuild": warm_total,
        "speedup": many / one,
    }


def mkdocs_only_main(project: Path, stash: bool) -> int:
    """``--mkdocs-only PROJECT [--no-stash]``: the MkDocs part of ``timeline build`` on the pages
    already published in ``site_src/``, into :data:`MKDOCS_ONLY_SITE`."""
    from timeline.site import mkdocs_build

    mkdocs_yml = project / "mkdocs.yml"
    if not stash:
        text = mkdocs_yml.read_text(encoding="utf-8")
        marker = "      prefix: timeline/\n"
        assert marker in text, "the bench's own mkdocs.yml"
        mkdocs_yml = project / ".bench-mkdocs-no-stash.yml"
        mkdocs_yml.write_text(
            text.replace(marker, marker + "      stash_raw_html: false\n"), encoding="utf-8"
        )
    site = project / MKDOCS_ONLY_SITE
    shutil.rmtree(site, ignore_errors=True)
    config = Config(project=project, articles=Path("articles"), site_dir=site, quiet=True)
    mkdocs_build(config, mkdocs_yml)
    return 0


MKDOCS_ONLY_SITE = ".bench-site"
"""Where ``--mkdocs-only`` builds (removed by the bench after each run, outside the timing)."""


def _extraction_note(stderr: str) -> float | None:
    for line in stderr.splitlines():
        if line.startswith("extraction:") and " extracted in " in line:
            return float(line.rsplit(" in ", 1)[1].split()[0])
    return None


def tagger_vs_dateparser(timebank: Path | None) -> None:
    """The ratio as bench_tagger.py measures it, on TimeBank, in this same run."""
    print(f"\n== tagger vs dateparser search_dates ({load()})")
    if timebank is None or not timebank.is_dir():
        say("skipped", "needs --timebank PATH (bench_tagger.py measures on TimeBank)")
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_tagger

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        bench_tagger.main(["--timebank", str(timebank), "--hostile-mb", "0"])
    for line in out.getvalue().splitlines()[:3]:
        say("", line)


def mkdocs_probe(work: Path, nav_sizes: Sequence[int], flat_sizes: Sequence[int]) -> None:
    """Build time of N one-paragraph pages with every page in the nav (a few thousand pages: it
    grows with the square) and with a nav of one page (up to tens of thousands).

    A build of the index page alone is subtracted first (start-up, theme copy), so the growth
    exponent is that of the per-page work, which is what dominates at 100,000 pages. The
    exponent is fitted on CPU seconds (user + system): on a shared machine the wall clock also
    measures the neighbours, and over a few hundred pages it measures mostly noise.
    """
    print(f"\n== MkDocs and the page count ({load()})")
    base = _probe_build(work, 0, "nav of 1 page")
    say("index page alone (subtracted below)", f"{base.cpu:.1f} s CPU, {base.seconds:.1f} s wall")
    for mode, sizes in (("every page in nav", nav_sizes), ("nav of 1 page", flat_sizes)):
        if not sizes:
            continue
        points = []
        for n in sizes:
            run = _probe_build(work, n, mode)
            points.append((n, max(0.01, run.cpu - base.cpu), run.seconds - base.seconds))
        shown = ", ".join(f"{n:,} pages +{cpu:.1f} s CPU (+{wall:.1f} s wall)" for n, cpu, wall in points)
        (n0, t0, _), (n1, t1, _) = points[0], points[-1]
        if n1 == n0:  # one page count: no growth to fit
            say(mode, shown + "; give two sizes for the growth")
            continue
        exponent = math.log(t1 / t0) / math.log(n1 / n0)
        at_100k = t1 * (100_000 / n1) ** exponent
        say(mode, shown + f"; CPU grows as N^{exponent:.2f}; ~{at_100k / 60:,.0f} min at 100k pages")


def _probe_build(work: Path, n: int, mode: str) -> Measured:
    project = work / f"mkdocs-probe-{n}"
    shutil.rmtree(project, ignore_errors=True)
    docs = project / "docs"
    (docs / "articles").mkdir(parents=True)
    (docs / "index.md").write_text("# Index\n\n[first](articles/a00000.md)\n", encoding="utf-8")
    for i in range(n):
        (docs / "articles" / f"a{i:05d}.md").write_text(
            f"# Article {i}\n\nOn Tuesday the army reached the city. [next](a{i + 1:05d}.md)\n",
            encoding="utf-8",
        )
    nav = "" if mode == "every page in nav" else "nav:\n  - index.md\nnot_in_nav: /articles/\n"
    quiet_links = "validation:\n  links:\n    not_found: ignore\n"
    (project / "mkdocs.yml").write_text(
        f"site_name: probe\ntheme:\n  name: mkdocs\n{quiet_links}{nav}", encoding="utf-8"
    )
    measured = run_measured([sys.executable, "-m", "mkdocs", "build", "-q"], project, 3600)
    shutil.rmtree(project, ignore_errors=True)
    return measured


def _counts(text: str) -> list[int]:
    """ "1000,10000" -> [1000, 10000]."""
    return [int(s) for s in text.split(",") if s]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--timebank", type=Path, help="TimeML folder: more source text, and the tagger ratio")
    parser.add_argument("--workdir", type=Path, help="where corpora are built (default: a temporary folder)")
    parser.add_argument("--sample", type=int, default=4000, help="articles timed at 1 and all processes")
    parser.add_argument(
        "--mkdocs-pages",
        default="500,1000,2000",
        help="page counts for the MkDocs probe, every page in the nav",
    )
    parser.add_argument(
        "--mkdocs-flat-pages",
        default="2000,20000",
        help="page counts for the MkDocs probe, a nav of one page",
    )
    parser.add_argument(
        "--site-up-to",
        type=int,
        default=100_000,
        help="run MkDocs in the cold build only up to this size (bigger: --no-site, said so)",
    )
    parser.add_argument(
        "--mkdocs-alone-up-to",
        type=int,
        default=100_000,
        help="time MkDocs alone on the built site (stash on and off) only up to this size",
    )
    parser.add_argument("--keep", action="store_true", help="keep the corpora and sites")
    parser.add_argument("--budget", type=float, default=1800, help="seconds before a command is killed")
    parser.add_argument("--warm-rebuild", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--mkdocs-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-stash", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.warm_rebuild:
        return warm_rebuild_main(args.warm_rebuild)
    if args.mkdocs_only:
        return mkdocs_only_main(args.mkdocs_only, not args.no_stash)
    sizes = _counts(args.sizes)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    sources = synth.load_sources(REPO / "seeds", args.timebank)
    print(f"timeline scale bench: {default_jobs()} cores, sizes {sizes}, {len(sources)} source articles")
    print("targets: " + "; ".join(f"{k} {v}" for k, v in TARGETS.items()))
    results = {
        count: bench_size(
            count,
            work,
            sources,
            args.sample,
            args.keep,
            count <= args.site_up_to,
            args.budget,
            mkdocs_alone=count <= args.mkdocs_alone_up_to,
        )
        for count in sizes
    }
    tagger_vs_dateparser(args.timebank)
    if args.mkdocs_pages or args.mkdocs_flat_pages:
        mkdocs_probe(work, _counts(args.mkdocs_pages), _counts(args.mkdocs_flat_pages))
    print("\n== summary")
    for count, r in results.items():
        say(
            f"{count:,} articles",
            f"end to end {r['end_to_end']:,.1f} s, peak {mb(r['peak'])}, one-edit rebuild "
            f"{r['warm_rebuild']:.2f} s, {r['speedup']:.2f}x on all cores",
        )
    if 10_000 in results and 100_000 in results:
        say("100k / 10k time", f"{results[100_000]['end_to_end'] / results[10_000]['end_to_end']:.1f}x")
    print(json.dumps({str(k): v for k, v in results.items()}, sort_keys=True))
    if args.workdir is None and not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
