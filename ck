#!/usr/bin/env bash
# ck: the xmemck command line. Runs the kit's executable jar (building it first with the Maven Wrapper when it is
# missing or older than the sources) on a JDK 25 or newer.
#   ./ck                      usage
#   ./ck run                  the feature suite against every built-in adapter; reports in reports/
#   ./ck COMMAND --help       run, list, explain, fuzz, report, verify-bundle (runner/README.md)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$ROOT/runner/cli/target/xmemck-ck.jar"

# The major version of the java at $1, or nothing.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

find_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    local v; v="$(java_major "$JAVA_HOME/bin/java")"
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$JAVA_HOME/bin/java"; return 0; fi
  fi
  local candidate
  for candidate in /usr/lib/jvm/*25*/bin/java; do
    if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

if ! JAVA="$(find_java)"; then
  echo "ck: no JDK 25 found: set JAVA_HOME to a JDK 25 or newer, or install one under /usr/lib/jvm" >&2
  exit 2
fi

# Rebuild when the jar is missing or any source or pom is newer than it (features are read from disk, not the jar).
stale() {
  [ ! -f "$JAR" ] && return 0
  [ -n "$(find "$ROOT" -path "$ROOT/.git" -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -newer "$JAR" -type f -print -quit 2>/dev/null)" ]
}

if stale; then
  echo "ck: building the kit (./mvnw -pl runner/cli -am package, without tests) ..." >&2
  (cd "$ROOT" && ./mvnw -q -B -pl runner/cli -am package -Dmaven.test.skip=true) >&2
fi

# xmemck.root lets the jar find the repository's own files (the C example that the process adapter runs by default).
exec "$JAVA" --enable-native-access=ALL-UNNAMED -Dxmemck.root="$ROOT" -Dxmemck.features="$ROOT/features" -jar "$JAR" "$@"
