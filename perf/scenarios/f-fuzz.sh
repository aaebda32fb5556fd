#!/usr/bin/env bash
# (f) fuzzing of every webhook parser: jqwik properties over the adapters (bots) and over HTTP against the
# application (gateway): random bytes, deep or huge JSON, invalid UTF-8, bidi controls, NUL bytes — never a 5xx,
# never a crash. PASS when both property suites pass.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if ./mvnw -B -ntp -q -pl bots,gateway -am verify -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false; then
  echo "VERDICT: PASS"
else
  echo "VERDICT: FAIL"
  exit 1
fi
