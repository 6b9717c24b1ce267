"""One report: run every benchmark script that exists and write BENCHMARKS.md.

    .venv/bin/python scripts/bench.py [--only bench_api load_test] [--out BENCHMARKS.md]   (make bench)

Each script prints a markdown section with its figures beside a baseline measured in the same run. They run
one after another as subprocesses (so one crash or hang cannot take the others down), each with its own
arguments (their own defaults; the whole report takes about ten minutes on a 2-core machine), its own
timeout and its own scratch database; a script that fails or times out is reported as such, with the tail
of its output, and the run goes on. At the top: the machine (CPU model, cores, memory), the date, the git
commit, and how each script fared.

`--only` re-measures some scripts and keeps the rest of the report: each section is marked with the script that
wrote it (an HTML comment), the sections and summary rows of the scripts run are replaced, and every summary row
says which run (date, commit) its figures come from.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = "postgres://postgres@127.0.0.1:5432"
BROKER = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/10")


@dataclass(frozen=True)
class Script:
    name: str
    args: list[str]
    timeout_s: int
    what: str
    env: dict[str, str] = field(default_factory=dict)


SCRIPTS = [
    # Each script's own default sizes: the whole report takes about ten minutes on a 2-core machine.
    Script(
        "bench_planner",
        [],
        600,
        "plan generation and summaries",
        {"BENCH_DATABASE_URL": f"{PG}/pathwise_bench_planner"},
    ),
    Script(
        "bench_mentor",
        [],
        900,
        "the mentor's learners page at 10, 50 and 200 learners",
        {"BENCH_DATABASE_URL": f"{PG}/pathwise_bench_mentor"},
    ),
    Script(
        "bench_digest",
        [],
        900,
        "weekly digest mail for 10,000 learners",
        {"BENCH_DATABASE_URL": f"{PG}/pathwise_bench_digest"},
    ),
    Script(
        "bench_cohort",
        [],
        300,
        "the cohort page and API: 200 learners x 96 milestones",
        {"BENCH_DATABASE_URL": f"{PG}/pathwise_bench_cohort"},
    ),
    Script(
        "bench_review",
        [],
        300,
        "the daily review page and due-card query at 96 done milestones, beside the dashboard",
        {"BENCH_DATABASE_URL": f"{PG}/pathwise_bench_review"},
    ),
    Script(
        "bench_login",
        [],
        300,
        "wrong passwords before sign-in locks (page, API per account, API per client)",
        {"BENCH_DATABASE_URL": f"{PG}/pathwise_bench_login"},
    ),
    Script(
        "bench_coverage", [], 60, "exercise bank coverage: required milestones graded per track, exercises per stage"
    ),
    Script(
        "bench_export",
        [],
        300,
        "export of a learner with 1,000 submissions (and its import) beside a raw dump",
        {"BENCH_DATABASE_URL": f"{PG}/pathwise_bench_export"},
    ),
    Script(
        "bench_webhooks",
        [],
        600,
        "webhook fan-out of 1,000 events to 3 endpoints: deliveries/s, and none lost while the receiver answers 500",
        {"BENCH_DATABASE_URL": f"{PG}/pathwise_bench_webhooks", "BENCH_BROKER_URL": BROKER},
    ),
    Script("bench_sandbox", [], 240, "one graded call: sandbox vs fork vs fresh interpreter"),
    Script("bench_torch_sandbox", [], 420, "torch warm parent vs plain warm parent vs fresh interpreter"),
    Script("bench_model", [], 300, "model exercise grading: sandbox vs fresh interpreter"),
    Script("bench_model_references", [], 300, "model exercises: references and wrong solutions against the pass marks"),
    Script(
        "bench_nlp_exercises",
        [],
        180,
        "classic-NLP code exercises: grading time and the reference against the CPU limit",
    ),
    Script(
        "bench_grading",
        [],
        420,
        "grading through Redis and a real worker",
        {"DATABASE_URL": f"{PG}/pathwise_bench_grading", "CELERY_BROKER_URL": BROKER},
    ),
    Script(
        "bench_torch_exercises",
        [],
        240,
        "deep-learning exercises: grading time per job on their warm parent, training-loop's reference score",
    ),
    Script("bench_finetune", [], 900, "fine-tuning loop vs transformers' Trainer"),
    Script("bench_lora", [], 180, "LoRA vs full fine-tuning vs Trainer + peft on a causal LM (a tiny GPT-2 on CPU)"),
    Script("bench_upload", [], 240, "web memory on a 400 MB upload to the exercise page"),
    Script("bench_sqlite", [], 420, "make run's SQLite under 100 parallel submissions and a quota race"),
    Script(
        "bench_recovery",
        [],
        600,
        "re-grading after a killed pool process, filesystem and Redis brokers",
        {"BENCH_BROKER_URL": BROKER},
    ),
    Script(
        "bench_api",
        [],
        240,
        "API reads under gunicorn driven by wrk: cached list, 304, /me/ vs plain Django; kept vs per-request connections",
        {"BENCH_API_DATABASE_URL": f"{PG}/pathwise_bench_api"},
    ),
    Script(
        "bench_pages",
        [],
        240,
        "per-learner pages at one connection vs a plain Django view; queries per page; a progress change",
        {"BENCH_PAGES_DATABASE_URL": f"{PG}/pathwise_bench_pages"},
    ),
    Script(
        "load_test",
        [],
        900,
        "200 learners, 1,000 submissions through the API",
        {"LOAD_DATABASE_URL": f"{PG}/pathwise_load", "LOAD_BROKER_URL": BROKER},
    ),
]


# Each section of the report starts with this line naming the script that wrote it, so a partial run (--only)
# replaces its own sections and keeps the others.
MARK = "<!-- bench: {} -->"
GPU = "gpu_check"


@dataclass
class Previous:
    rows: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)


def previous_report(path: Path) -> Previous:
    """The summary rows and marked sections of an earlier report; a report older than the marks keeps nothing."""
    if not path.is_file():
        return Previous()
    text = path.read_text(encoding="utf-8")
    kept = Previous()
    for line in text.splitlines():
        if line.startswith("| `") and ".py` |" in line:
            name = line[3 : line.index(".py` |")]
            kept.rows[name] = line
    for part in text.split("<!-- bench: ")[1:]:
        name, _, section = part.partition(" -->\n")
        kept.sections[name] = section.rstrip("\n") + "\n"
    if not kept.sections:
        print(f"{path} has no marked sections (written before --only kept them): only this run's are written")
        return Previous()
    return kept


# What scripts/gpu_check.sh wrote on a GPU machine (its summary.md, committed): figures this run cannot make
# where there is no CUDA device.
GPU_REPORT = ROOT / "docs" / "gpu-check.md"
GPU_SECTION = "## Fine-tuning on a GPU (`scripts/gpu_check.sh`)"


def gpu_section() -> str:
    if GPU_REPORT.is_file():
        report = GPU_REPORT.read_text(encoding="utf-8").strip()
        return f"{GPU_SECTION}\n\nNot measured in this run: copied from `{GPU_REPORT.relative_to(ROOT)}`.\n\n{report}\n"
    return (
        f"{GPU_SECTION}\n\n**Not measured yet.** This machine has no CUDA device, and no GPU run has been "
        f"recorded. On a GPU machine, run `scripts/gpu_check.sh` (README: A GPU worker on another machine) and "
        f"save its `summary.md` as `{GPU_REPORT.relative_to(ROOT)}`; the next `make bench` shows it here.\n"
    )


@dataclass
class Outcome:
    script: Script
    status: str
    seconds: float
    section: str


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory} memory; {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; load average at the start {load}"
    )


def git_commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    commit = git("rev-parse", "--short=12", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return f"{commit}{' (with uncommitted changes)' if dirty else ''}"


def run(script: Script) -> Outcome:
    path = ROOT / "scripts" / f"{script.name}.py"
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        **script.env,
    }
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, str(path), *script.args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=script.timeout_s)
    except subprocess.TimeoutExpired:
        # SIGINT, not SIGKILL: the script's `finally` blocks stop the servers and workers it started (in their
        # own sessions); only if it does not end within a minute is its process group killed.
        os.killpg(process.pid, signal.SIGINT)
        try:
            stdout, stderr = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
        return Outcome(
            script,
            f"timed out after {script.timeout_s} s",
            time.monotonic() - started,
            f"## {script.name}\n\n**Timed out after {script.timeout_s} s**; output tail:\n\n"
            f"```\n{(stdout[-1500:] + chr(10) + stderr[-1500:]).strip()}\n```\n",
        )
    result = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        tail = (result.stdout[-1500:] + "\n" + result.stderr[-2500:]).strip()
        section = result.stdout.strip() if result.stdout.strip().startswith("#") else f"## {script.name}"
        return Outcome(
            script,
            f"failed (exit {result.returncode})",
            seconds,
            f"{section}\n\n**`{script.name}` exited with status {result.returncode}**; "
            f"output tail:\n\n```\n{tail}\n```\n",
        )
    section = result.stdout.strip()
    if not any(line.startswith("|") for line in section.splitlines()):
        section = f"```text\n{section}\n```"  # plain-text tables keep their columns
    if not section.startswith("#"):
        section = f"## {script.what[0].upper()}{script.what[1:]} (`{script.name}.py`)\n\n{section}"
    return Outcome(script, "ok", seconds, section + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these scripts (names without .py)")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()

    date, commit = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), git_commit()
    header = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (`scripts/bench.py`); every figure sits beside its baseline, measured in the "
        "same run on the same machine. Do not edit by hand.",
        "",
        f"- Machine: {machine()}",
        f"- Date: {date}",
        f"- Commit: {commit}",
        "",
    ]
    outcomes: list[Outcome] = []
    started = time.monotonic()
    for script in SCRIPTS:
        if args.only and script.name not in args.only:
            continue
        if not (ROOT / "scripts" / f"{script.name}.py").is_file():
            outcomes.append(Outcome(script, "missing (no such script yet)", 0.0, ""))
            continue
        print(f"running {script.name} {' '.join(script.args)} (timeout {script.timeout_s} s) ...", flush=True)
        outcome = run(script)
        print(f"  {outcome.status} in {outcome.seconds:.0f} s", flush=True)
        outcomes.append(outcome)

    total = time.monotonic() - started
    kept = previous_report(args.out) if args.only else Previous()
    this_run = f"{date}, {commit}"
    rows, body = {}, {}
    for outcome in outcomes:
        arguments = f"`{' '.join(outcome.script.args)}`" if outcome.script.args else "its defaults"
        rows[outcome.script.name] = (
            f"| `{outcome.script.name}.py` | {outcome.script.what} | {arguments} | "
            f"{outcome.status} | {outcome.seconds:.0f} | {this_run} |"
        )
        if outcome.section:
            body[outcome.script.name] = outcome.section
    if not args.only or "bench_finetune" in args.only:
        body[GPU] = gpu_section()
    order = [script.name for script in SCRIPTS] + [GPU]
    summary = ["| script | measures | arguments | result | seconds | measured in |", "|---|---|---|---|---|---|"]
    summary += [rows.get(name) or kept.rows[name] for name in order if name in rows or name in kept.rows]
    sections = [
        f"{MARK.format(name)}\n{body.get(name) or kept.sections[name]}"
        for name in order
        if name in body or name in kept.sections
    ]
    ran = f"Whole run: {total / 60:.1f} minutes."
    if args.only:
        ran = f"Partial run ({', '.join(args.only)}): {total / 60:.1f} minutes; the other rows keep the run they name."
    text = "\n".join(header + summary + ["", ran, ""]) + "\n" + "\n".join(sections)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({total / 60:.1f} minutes)")
    return 0 if all(o.status == "ok" for o in outcomes if not o.status.startswith("missing")) else 1


if __name__ == "__main__":
    sys.exit(main())
