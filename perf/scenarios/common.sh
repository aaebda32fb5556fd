# Shared by the scenario scripts: build once if needed, run one scenario of the harness, exit with its verdict.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [[ ! -f gateway/target/jisr-gateway.jar || ! -f perf/target/jisr-perf.jar || ${JISR_PERF_BUILD:-0} == 1 ]]; then
  # the boot jar is not repackaged when only a module it bundles changed (bots, knowledge-base): built afresh
  rm -f gateway/target/jisr-gateway.jar gateway/target/jisr-gateway.jar.original
  ./mvnw -B -ntp -q -DskipTests -pl gateway,perf -am package
fi
run_scenario() {
  "$JAVA_HOME/bin/java" -jar perf/target/jisr-perf.jar "$@"
}
