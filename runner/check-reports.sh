#!/usr/bin/env bash
# Looks at a run's reports the way a person would, and fails when something a person needs is missing.
#   1. ReportAudit: every output is there and linked from index.html; summary.json agrees with results.json;
#      Cucumber (its message stream) and Allure (its result files) give every scenario the status its verdict
#      demands (UNSUPPORTED and OUTSIDE-CONTRACT skipped with their reason, never passed).
#   2. Headless Chromium opens index.html, matrix.html (a cell opened), cucumber.html and the Allure report (its
#      Suites tree, then the first scenario that tree shows as skipped), keeps a screenshot and the rendered DOM of
#      each, and PageCheck verifies that scenario names, verdicts, statuses and the verdict colours are on screen.
# Usage: runner/check-reports.sh [REPORT_DIR] [--no-allure]     (default REPORT_DIR: reports)
# REPORT_DIR is one adapter's run (reports/linux) or the folder ck run writes into (reports), whose runs are each checked.
# Screenshots are left in REPORT_DIR/screenshots/. Needs Chromium (Debian: apt-get install -y chromium), or
# CHROMIUM=/path/to/browser.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir=reports
audit_args=()
for a in "$@"; do
  case "$a" in
    --no-allure) audit_args+=(--no-allure) ;;
    -*) echo "check-reports: unknown option $a" >&2; exit 2 ;;
    *) dir=$a ;;
  esac
done
[ -d "$dir" ] || { echo "check-reports: no report directory $dir" >&2; exit 2; }
dir=$(cd "$dir" && pwd)

# The folder ck run writes into (reports/) holds one folder per adapter and an overview: check each adapter's run.
shopt -s nullglob
runs=("$dir"/*/results.json)
shopt -u nullglob
if [ ${#runs[@]} -gt 0 ]; then
  status=0
  for r in "${runs[@]}"; do
    echo "check-reports: $(dirname "$r")"
    "$0" "$(dirname "$r")" "${audit_args[@]}" || status=1
  done
  exit $status
fi
[ -f "$dir/results.json" ] || { echo "check-reports: no results.json in $dir (nor in a folder below it)" >&2; exit 2; }

java_bin() {
  if [ -n "${JAVA_HOME:-}" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -Eq 'version "(2[5-9]|[3-9][0-9])'; then
    echo "$JAVA_HOME/bin/java"; return
  fi
  for j in /usr/lib/jvm/*25*/bin/java; do [ -x "$j" ] && { echo "$j"; return; }; done
  echo "check-reports: no JDK 25 found (set JAVA_HOME)" >&2; exit 2
}
java=$(java_bin)
# The checks are test code of the reporting module (ReportAudit, PageCheck), run with the kit's jar.
jar=$root/runner/cli/target/xmemck-ck.jar
checks=$root/runner/reporting/target/test-classes
if [ ! -f "$jar" ] || [ ! -d "$checks/xmemck/report" ]; then
  (cd "$root" && ./mvnw -q -B -pl runner/cli -am package -DskipTests)
fi
kit() { "$java" -Djava.awt.headless=true -cp "$jar:$checks" "$@"; }

status=0
kit xmemck.report.ReportAudit "$dir" "${audit_args[@]}" || status=1

browser=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ -z "$browser" ]; then
  echo "check-reports: no Chromium found (apt-get install -y chromium, or set CHROMIUM)" >&2
  exit 1
fi
shots=$dir/screenshots
rm -rf "$shots" && mkdir -p "$shots"
open_page() {   # name url: a screenshot and the DOM after scripts ran (JavaScript pages need the time budget)
  local flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
               --disable-component-update --disable-sync --virtual-time-budget=5000 --window-size=1400,1000)
  "$browser" "${flags[@]}" --user-data-dir="$(mktemp -d)" --screenshot="$shots/$1.png" "$2" >>"$shots/chromium.log" 2>&1
  "$browser" "${flags[@]}" --user-data-dir="$(mktemp -d)" --dump-dom "$2" >"$shots/$1.dom.html" 2>>"$shots/chromium.log"
}
# PageCheck names the pages still to open; some addresses are read from a page opened before (the Allure scenario
# from Allure's rendered Suites tree), so ask again until nothing is left.
for round in 1 2 3; do
  pages=$(kit xmemck.report.PageCheck urls "$dir" "$shots")
  [ -n "$pages" ] || break
  while read -r name url; do
    open_page "$name" "$url"
  done <<<"$pages"
done
kit xmemck.report.PageCheck verify "$dir" "$shots" || status=1
echo "check-reports: screenshots in $shots"
exit $status
