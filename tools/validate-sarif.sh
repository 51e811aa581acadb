#!/usr/bin/env bash
# Validate SARIF 2.1.0 files.
#
#   tools/validate-sarif.sh [--schema-only] [--no-github] [--strict] [--notes] FILE.sarif...
#
# Two independent checks run on every file:
#
#  1. JSON schema: the SARIF 2.1.0 schema shipped inside the npm package
#     @microsoft/sarif-multitool-linux (sarif-2.1.0.json), checked with ajv
#     (all errors, formats on). This catches bad enum values such as
#     "level": "critical", which the Multitool itself lets through silently.
#  2. SARIF Multitool `validate` (the Linux x64 build in that same package):
#     its own JSON-schema pass (JSONxxxx), the SARIF spec rules (SARIF1xxx,
#     errors), the guideline rules (SARIF2xxx, warnings and notes) and the
#     GitHub code scanning ingestion rules (GHxxxx, errors).
#
# Options:
#   --schema-only  report only JSON-schema problems (ajv + Multitool JSONxxxx)
#   --no-github    do not run the GitHub code scanning rules (GHxxxx)
#   --strict       warnings fail the file too (default: only errors fail)
#   --notes        also print note-level guideline results (they never fail)
#
# Exit status: 0 when every file is valid, 1 when any file is invalid,
# 2 on a usage or tool error.
#
# The tools are installed with npm into target/sarif-tools/ under the
# repository root (or SARIF_TOOLS_DIR) and reused while the pinned versions
# below stay the same. Needs Node.js and npm; as root on Debian they are
# installed with apt-get when missing. The Multitool runs in .NET invariant
# globalization mode, so libicu is not needed. On anything but Linux x86_64
# the Multitool cannot run and only the schema check is done.
set -euo pipefail

MULTITOOL_PKG="@microsoft/sarif-multitool-linux"
MULTITOOL_VERSION="5.7.0"
AJV_VERSION="8.20.0"
AJV_FORMATS_VERSION="3.0.1"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cache="${SARIF_TOOLS_DIR:-$root/target/sarif-tools}"

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }
short_usage() {
  echo "usage: tools/validate-sarif.sh [--schema-only] [--no-github] [--strict] [--notes] FILE.sarif... (--help for more)" >&2
}

schema_only=0 github=1 strict=0 notes=0
files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --schema-only) schema_only=1 ;;
    --no-github) github=0 ;;
    --strict) strict=1 ;;
    --notes) notes=1 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; files+=("$@"); break ;;
    -*) echo "validate-sarif: unknown option: $1" >&2; short_usage; exit 2 ;;
    *) files+=("$1") ;;
  esac
  shift
done
if [ ${#files[@]} -eq 0 ]; then
  echo "validate-sarif: no SARIF file given" >&2
  short_usage
  exit 2
fi
missing=0
for f in "${files[@]}"; do
  if [ ! -f "$f" ]; then
    echo "validate-sarif: no such file: $f" >&2
    missing=1
  fi
done
[ "$missing" -eq 0 ] || exit 2

# --- Node.js and npm ---------------------------------------------------------
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "validate-sarif: installing nodejs and npm with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  else
    echo "validate-sarif: node and npm are required (Debian: apt-get install nodejs npm)" >&2
    exit 2
  fi
fi

# --- tools cache ---------------------------------------------------------------
stamp_want="$MULTITOOL_PKG@$MULTITOOL_VERSION ajv@$AJV_VERSION ajv-formats@$AJV_FORMATS_VERSION"
pkgdir="$cache/node_modules/$MULTITOOL_PKG"
multitool="$pkgdir/Sarif.Multitool"
schema="$pkgdir/sarif-2.1.0.json"

tools_ready() {
  [ -f "$cache/.installed" ] && [ "$(cat "$cache/.installed")" = "$stamp_want" ] &&
    [ -f "$multitool" ] && [ -f "$schema" ] &&
    [ -f "$cache/node_modules/ajv/dist/2020.js" ] &&
    [ -f "$cache/node_modules/ajv-formats/dist/index.js" ]
}

install_tools() {
  local stage="$cache/.stage"
  rm -f "$cache/.installed"
  rm -rf "$stage"
  mkdir -p "$stage"
  cat >"$stage/package.json" <<JSON
{
  "name": "blastwall-sarif-tools",
  "private": true,
  "dependencies": {
    "$MULTITOOL_PKG": "$MULTITOOL_VERSION",
    "ajv": "$AJV_VERSION",
    "ajv-formats": "$AJV_FORMATS_VERSION"
  }
}
JSON
  echo "validate-sarif: installing $stamp_want into $cache" >&2
  # --ignore-scripts: the only install script in this set is the Multitool's
  # `chmod u+x`, done below.
  npm install --prefix "$stage" --no-audit --no-fund --ignore-scripts \
    --no-update-notifier --loglevel=error >&2
  rm -rf "$cache/node_modules"
  mv "$stage/node_modules" "$cache/node_modules"
  mv -f "$stage/package.json" "$cache/package.json"
  if [ -f "$stage/package-lock.json" ]; then
    mv -f "$stage/package-lock.json" "$cache/package-lock.json"
  fi
  rm -rf "$stage"
  chmod u+x "$multitool"
  printf '%s\n' "$stamp_want" >"$cache/.installed"
}

if ! tools_ready; then
  mkdir -p "$cache"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$cache/.lock"
    flock 9
  fi
  tools_ready || install_tools
  if command -v flock >/dev/null 2>&1; then
    flock -u 9
    exec 9>&-
  fi
fi
[ -x "$multitool" ] || chmod u+x "$multitool"

abs=()
for f in "${files[@]}"; do
  abs+=("$(realpath -e -- "$f")")
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/validate-sarif.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# --- Multitool -------------------------------------------------------------------
# One Multitool process per file: a file that it cannot load (a bad enum value
# is enough) makes it stop without a word, and in a multi-file call it then
# skips every file after that one as well. Its exit code is 0 whatever it
# finds, so the findings are read from its SARIF output.
mt_ran=0
if [ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ]; then
  levels="Error;Warning"
  [ "$notes" -eq 1 ] && levels="Error;Warning;Note"
  kinds="Sarif"
  [ "$github" -eq 1 ] && kinds="Sarif;Gh"
  # SARIF2006 (URIs should be reachable) sends an HTTP GET to every URI in
  # the file; it is off so that results do not depend on the network.
  {
    echo '{'
    echo '  "SARIF2006.UrisShouldBeReachable.Options": { "RuleEnabled": "Disabled" }'
    if [ "$github" -eq 1 ]; then
      # GH1001-GH1007 stay off unless enabled by name.
      for r in GH1001.ProvideRequiredLocationProperties GH1002.InlineThreadFlowLocations \
        GH1003.ProvideRequiredRegionProperties GH1005.LocationsMustBeRelativeUrisOrFilePaths \
        GH1006.ProvideCheckoutPath GH1007.ProvideFullyFormattedMessageStrings; do
        echo "  ,\"$r.Options\": { \"RuleEnabled\": \"Error\" }"
      done
      echo '  ,"GH1004.ReviewArraysThatExceedConfigurableDefaults.Options": { "RuleEnabled": "Warning" }'
    fi
    echo '}'
  } >"$tmp/multitool-config.json"
  for i in "${!abs[@]}"; do
    set +e
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
      "$multitool" validate --config "$tmp/multitool-config.json" --rule-kind "$kinds" \
      --level "$levels" --quiet true --output "$tmp/mt-$i.sarif" "${abs[$i]}" \
      >"$tmp/mt-$i.log" 2>&1
    rc=$?
    set -e
    if [ "$rc" -ne 0 ] || [ ! -s "$tmp/mt-$i.sarif" ]; then
      echo "validate-sarif: the SARIF Multitool failed on ${files[$i]} (exit $rc):" >&2
      sed 's/^/  /' "$tmp/mt-$i.log" >&2
      exit 2
    fi
  done
  mt_ran=1
fi

# --- report ------------------------------------------------------------------------
cat >"$tmp/report.js" <<'JS'
'use strict';
// Schema-checks each SARIF file with ajv, adds the Multitool's findings for it
// and prints one report. Exit 0: all valid, 1: some invalid.
const fs = require('fs');
const path = require('path');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');

const opts = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));

const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(opts.schema, 'utf8')));

// "/runs/0/results/0/level" -> "runs[0].results[0].level", as the Multitool prints paths.
function jsonPath(pointer) {
  if (!pointer) return '(root)';
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');
}

function schemaProblems(file) {
  let text = fs.readFileSync(file, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return [`not valid JSON: ${e.message}`];
  }
  if (validate(doc)) return [];
  const seen = new Set();
  const out = [];
  for (const e of validate.errors) {
    let msg;
    switch (e.keyword) {
      case 'required': msg = `required property '${e.params.missingProperty}' is missing`; break;
      case 'additionalProperties': msg = `property '${e.params.additionalProperty}' is not allowed`; break;
      case 'enum': msg = `${JSON.stringify(e.data)} is not one of ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`; break;
      default: msg = e.message;
    }
    const line = `${jsonPath(e.instancePath)}: ${msg}`;
    if (!seen.has(line)) { seen.add(line); out.push(line); }
  }
  return out;
}

// Multitool results carry message.id + arguments; expand them with the
// rule's messageStrings.
function formatMessage(rule, message) {
  if (message.text) return message.text;
  const tmpl = rule && rule.messageStrings && rule.messageStrings[message.id];
  const args = message.arguments || [];
  if (!tmpl) return `${message.id || ''} ${args.join(' | ')}`.trim();
  return tmpl.text.replace(/\{\{|\}\}|\{(\d+)\}/g, (m, i) =>
    (m === '{{' ? '{' : m === '}}' ? '}' : args[+i] !== undefined ? args[+i] : m));
}

function multitoolFindings(file) {
  const findings = [];
  const log = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const run of log.runs || []) {
    const rules = (run.tool && run.tool.driver && run.tool.driver.rules) || [];
    for (const inv of run.invocations || []) {
      const notes = [...(inv.toolExecutionNotifications || []), ...(inv.toolConfigurationNotifications || [])];
      for (const n of notes) {
        const id = (n.descriptor && n.descriptor.id) || 'notification';
        if (id.startsWith('WRN999')) continue; // "rule explicitly disabled": SARIF2006, on purpose
        findings.push({
          level: n.level === 'error' ? 'error' : 'warning', ruleId: id, where: '-',
          text: (n.message && n.message.text) || '',
        });
      }
    }
    for (const r of run.results || []) {
      const rule = typeof r.ruleIndex === 'number' ? rules[r.ruleIndex] : rules.find((x) => x.id === r.ruleId);
      const level = r.level || (rule && rule.defaultConfiguration && rule.defaultConfiguration.level) || 'warning';
      const pl = r.locations && r.locations[0] && r.locations[0].physicalLocation;
      const reg = (pl && pl.region) || {};
      const where = reg.startLine ? `${reg.startLine}:${reg.startColumn || 1}` : '-';
      findings.push({ level, ruleId: r.ruleId, where, text: formatMessage(rule, r.message || {}) });
    }
  }
  return findings;
}

const order = { error: 0, warning: 1, note: 2, none: 3 };
let invalid = 0;
opts.files.forEach((file, i) => {
  console.log(opts.shown[i]);
  const schema = schemaProblems(file);
  let errors = 0;
  let warnings = 0;
  if (schema.length === 0) {
    console.log('  schema    ok (SARIF 2.1.0 JSON schema)');
  } else {
    errors += schema.length;
    for (const s of schema) console.log(`  error     schema: ${s}`);
  }
  if (opts.multitoolDir) {
    let mt = multitoolFindings(path.join(opts.multitoolDir, `mt-${i}.sarif`));
    if (opts.schemaOnly) mt = mt.filter((m) => /^JSON/.test(m.ruleId));
    mt.sort((a, b) => order[a.level] - order[b.level] || String(a.ruleId).localeCompare(String(b.ruleId)));
    for (const m of mt) {
      if (m.level === 'error') errors += 1;
      else if (m.level === 'warning') warnings += 1;
      console.log(`  ${m.level.padEnd(9)} ${m.ruleId} @${m.where}: ${m.text}`);
    }
    if (mt.length === 0) {
      // The Multitool reports nothing at all for a file it cannot load into
      // its object model (a bad enum value, for one): silence is no pass then.
      console.log(schema.length === 0
        ? `  multitool ok (${opts.multitoolRules})`
        : '  multitool no findings (it skips a file that fails to load, e.g. on a bad enum value)');
    }
  }
  const bad = errors > 0 || (opts.strict && warnings > 0);
  if (bad) invalid += 1;
  console.log(`  => ${bad ? 'INVALID' : 'VALID'} (${errors} error(s), ${warnings} warning(s))`);
});
if (!opts.multitoolDir) {
  console.log('note: the SARIF Multitool runs only on Linux x86_64; only the JSON schema was checked');
}
const total = opts.files.length;
console.log(`validate-sarif: ${total} file(s) checked: ${total - invalid} valid, ${invalid} invalid`);
process.exit(invalid > 0 ? 1 : 0);
JS

if [ "$schema_only" -eq 1 ]; then
  rules_desc="JSON schema rules"
elif [ "$github" -eq 1 ]; then
  rules_desc="SARIF and GitHub rules"
else
  rules_desc="SARIF rules"
fi
mt_dir=""
[ "$mt_ran" -eq 1 ] && mt_dir="$tmp"
node -e '
  const a = process.argv.slice(1);
  const [out, schema, mtDir, schemaOnly, strict, rules, n] = a;
  const files = a.slice(7, 7 + Number(n));
  const shown = a.slice(7 + Number(n));
  require("fs").writeFileSync(out, JSON.stringify({
    schema, multitoolDir: mtDir || null, schemaOnly: schemaOnly === "1",
    strict: strict === "1", multitoolRules: rules, files, shown,
  }));
' "$tmp/opts.json" "$schema" "$mt_dir" "$schema_only" "$strict" "$rules_desc" \
  "${#abs[@]}" "${abs[@]}" "${files[@]}"
NODE_PATH="$cache/node_modules" node "$tmp/report.js" "$tmp/opts.json"
