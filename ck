#!/usr/bin/env bash
# ck: the xmemck command line. Runs the kit's executable jar (building it first with the Maven Wrapper when it is
# missing or older than the sources) on a JDK 25 or newer.
#   ./ck                      usage
#   ./ck run                  the feature suite against every built-in adapter; reports in reports/
#   ./ck COMMAND --help       run, list, explain, fuzz, report, verify-bundle (runner/README.md)
#   ./ck bench [JMH options]  the JMH benchmarks (benchmarks/), on the same JDK
#   ./ck java                 print the JDK 25 ck found, and where it looked
# XMEMCK_JAVA_OPTIONS adds JVM options to the jar's commands; XMEMCK_AOT=0 runs without the start-up cache.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$ROOT/runner/cli/target/xmemck-ck.jar"
BENCH_JAR="$ROOT/benchmarks/target/xmemck-benchmarks.jar"
NEED=25

# The major version of the java at $1, or nothing.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

# Every place a JDK is commonly installed, in the order ck tries them: JAVA_HOME, the java on PATH, then the usual
# folders of Debian/Ubuntu/Fedora (/usr/lib/jvm), SDKMAN, Homebrew and macOS. Prints one java per line.
candidates() {
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME/bin/java"; fi
  if command -v java >/dev/null 2>&1; then
    local onpath; onpath="$(command -v java)"
    echo "$onpath"
    # /usr/bin/java is often a link into /usr/lib/jvm: the folder it resolves to is tried anyway, below.
  fi
  local d
  for d in /usr/lib/jvm/*/ "${SDKMAN_DIR:-$HOME/.sdkman}"/candidates/java/*/ /opt/homebrew/opt/openjdk*/ /usr/local/opt/openjdk*/ \
           /home/linuxbrew/.linuxbrew/opt/openjdk*/ /Library/Java/JavaVirtualMachines/*/Contents/Home/; do
    [ -d "$d" ] && echo "${d%/}/bin/java"
  done
  return 0
}

LOOKED=()
find_java() {
  local c v
  while IFS= read -r c; do
    [ -x "$c" ] || { LOOKED+=("$c (missing)"); continue; }
    v="$(java_major "$c")"
    if [ -n "$v" ] && [ "$v" -ge "$NEED" ]; then echo "$c"; return 0; fi
    LOOKED+=("$c (version ${v:-unknown})")
  done < <(candidates)
  return 1
}

if ! JAVA="$(find_java)"; then
  # find_java ran in a subshell: list again for the message.
  {
    echo "ck: no JDK $NEED or newer found. Looked at:"
    while IFS= read -r c; do
      if [ -x "$c" ]; then echo "  $c (version $(java_major "$c" || true))"; else echo "  $c (missing)"; fi
    done < <(candidates)
    [ -z "${JAVA_HOME:-}" ] && echo "  JAVA_HOME (not set)"
    echo "Install a JDK $NEED (README.md, \"Getting a JDK 25\") and set JAVA_HOME to it, or put its java on PATH."
  } >&2
  exit 2
fi
JDK_HOME="$(cd "$(dirname "$JAVA")/.." && pwd)"

# Rebuild when the jar is missing or any source or pom is newer than it (features are read from disk, not the jar).
stale() {
  local jar="$1"
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$ROOT" \( -path "$ROOT/.git" -o -path "$ROOT/examples" -o -path "$ROOT/reports" \) -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}

# Maven runs on the JDK ck found (the build selects JDK 25 for compiling either way; this needs no other java).
build() {
  local module="$1" jar="$2"
  if stale "$jar"; then
    echo "ck: building $module and the modules it needs (./mvnw -pl $module -am package, no tests; about a minute the first time) ..." >&2
    (cd "$ROOT" && JAVA_HOME="$JDK_HOME" ./mvnw -B -ntp -pl "$module" -am package -Dmaven.test.skip=true \
        | grep --line-buffered -E '^\[INFO\] (Building|BUILD)|ERROR' | sed -u 's/^\[INFO\] /ck:   /') >&2
    if [ ! -f "$jar" ] || stale "$jar"; then echo "ck: the build did not produce $jar (see the messages above)" >&2; exit 3; fi
  fi
}

case "${1:-}" in
  java)
    echo "$JAVA (JDK $(java_major "$JAVA"))"
    exit 0
    ;;
  bench)
    shift
    build benchmarks "$BENCH_JAR"
    exec "$JAVA" --enable-native-access=ALL-UNNAMED -Dxmemck.root="$ROOT" -jar "$BENCH_JAR" "$@"
    ;;
esac

build runner/cli "$JAR"
# Allure's own switch: the Allure report page carries no Google Analytics tag.
export ALLURE_NO_ANALYTICS="${ALLURE_NO_ANALYTICS:-true}"

# xmemck.root lets the jar find the repository's own files (the C example that the process adapter runs by default).
BASE=("$JAVA" --enable-native-access=ALL-UNNAMED -Dxmemck.root="$ROOT" -Dxmemck.features="$ROOT/features")
# Options of your own for the JVM (XMEMCK_JAVA_OPTIONS="-Xmx2g", or "-XX:TieredStopAtLevel=4" for the default JIT
# on two processors); they come last, so they win.
EXTRA=()
if [ -n "${XMEMCK_JAVA_OPTIONS:-}" ]; then read -r -a EXTRA <<< "$XMEMCK_JAVA_OPTIONS"; fi
# ("${a[@]+"${a[@]}"}": an empty array under set -u, for the bash of macOS.)
RUN_JAR=("${BASE[@]}" ${EXTRA[@]+"${EXTRA[@]}"})
# `ck run` on a machine of one or two processors compiles with the JIT's quick compiler alone (C1): a run is a few
# seconds of a great deal of different code, and on two cores the optimising compiler (C2) took as much CPU as the
# run itself, competing with the adapters that run at once (README, "Performance"). It also collects garbage with
# the serial collector, which spends no CPU beside the run's threads (G1 took a tenth more CPU there, and half as
# much memory again), unless your own options choose a collector: the JVM refuses two. With more processors the JIT and
# the collector are left as they are. Fuzzing and everything else keep the JVM's default.
RUN_FAST=("${RUN_JAR[@]}")
if [ "${1:-}" = run ] && [ "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 4)" -le 2 ]; then
  GC=(-XX:+UseSerialGC)
  for o in ${EXTRA[@]+"${EXTRA[@]}"}; do case "$o" in -XX:+Use*GC) GC=();; esac; done
  RUN_FAST=("${BASE[@]}" -XX:TieredStopAtLevel=1 ${GC[@]+"${GC[@]}"} ${EXTRA[@]+"${EXTRA[@]}"})
fi

# The JDK's ahead-of-time cache (JEP 483 and 515): the classes the kit loads, linked, and the method profiles of a
# whole `ck run`, so that later runs start warm (a tenth less wall-clock for `ck run`; README, "Performance").
# The first `ck run` after a build records what it loads; ck then makes the cache from that record (once, about
# 5 s). A cache serves only the jar and the java it was made with; XMEMCK_AOT=0 turns all of this off.
AOT="$ROOT/runner/cli/target/xmemck-ck.aot"
AOT_FOR="$AOT.for"
aot_for() { printf '%s\n%s\n' "$JAVA" "$JAR"; }
if [ "${XMEMCK_AOT:-1}" != 0 ] && [ -f "$AOT" ] && [ "$AOT" -nt "$JAR" ] && [ "$(cat "$AOT_FOR" 2>/dev/null)" = "$(aot_for)" ]; then
  exec "${RUN_FAST[@]}" -XX:AOTCache="$AOT" -Xlog:aot=off -Xlog:cds=off -jar "$JAR" "$@"
fi
wants_help() { local a; for a in "$@"; do case "$a" in -h|--help|-V|--version) return 0;; esac; done; return 1; }
# A JDK without the cache (not HotSpot) would refuse the options and not start at all: asked first, once per build.
aot_supported() { "$JAVA" -XX:AOTMode=off -version >/dev/null 2>&1; }
if [ "${XMEMCK_AOT:-1}" != 0 ] && [ "${1:-}" = run ] && ! wants_help "$@" && aot_supported; then
  conf="$AOT.$$.conf"
  trap 'rm -f "$conf" "$AOT.$$"' EXIT
  rc=0
  # The JVM prints where it recorded to its own output (not a log) at exit: -DisplayVMOutput keeps that line off
  # the run's standard output. This run uses the JVM's default compilers, whatever the processors: the cache keeps
  # what the JIT did, and one recorded under the quick compiler alone made `ck fuzz` a third slower.
  "${RUN_JAR[@]}" -XX:AOTMode=record -XX:AOTConfiguration="$conf" -Xlog:aot=off -Xlog:cds=off \
    -XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput -jar "$JAR" "$@" || rc=$?
  # Only from a run that ran the suite (passed, or found failures): a usage error records next to nothing.
  if [ -s "$conf" ] && { [ "$rc" = 0 ] || [ "$rc" = 1 ]; }; then
    echo "ck: making the start-up cache for later runs from this one (once after a build, about 5 s; XMEMCK_AOT=0 skips it) ..." >&2
    if "${RUN_JAR[@]}" -XX:AOTMode=create -XX:AOTConfiguration="$conf" -XX:AOTCache="$AOT.$$" \
         -jar "$JAR" > "$AOT.log" 2>&1; then
      mv -f "$AOT.$$" "$AOT" && aot_for > "$AOT_FOR"
    else
      echo "ck: the JDK could not make the cache (see $AOT.log); runs work as before without it" >&2
      rm -f "$AOT.$$"
    fi
  fi
  exit "$rc"
fi
exec "${RUN_FAST[@]}" -jar "$JAR" "$@"
