# Multi-stage build of the Jisr gateway. Build: docker build -t jisr .
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
# the wrapper and poms first, so dependency downloads are cached between source changes
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY knowledge-base/pom.xml knowledge-base/
COPY bots/pom.xml bots/
COPY gateway/pom.xml gateway/
# every module's pom must exist for the reactor, even one not built here
COPY perf/pom.xml perf/
RUN ./mvnw -B -ntp -q -pl gateway -am dependency:go-offline -DskipTests || true
COPY knowledge-base knowledge-base
COPY bots bots
COPY gateway gateway
RUN ./mvnw -B -ntp -q -pl gateway -am package -DskipTests

FROM eclipse-temurin:21-jre
RUN groupadd --system jisr && useradd --system --gid jisr --home-dir /app --shell /usr/sbin/nologin jisr \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/gateway/target/jisr-gateway.jar /app/jisr-gateway.jar
USER jisr
# ThreadPriorityPolicy=1: the answering threads' low Java priority becomes nice 10, so taking webhooks in comes first
# when the cores are short (docs/operations.md; as non-root the JVM warns, and lowering a priority still works)
ENV PORT=8080 JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:MaxGCPauseMillis=5 -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=10"
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=40s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/actuator/health" || exit 1
ENTRYPOINT ["java", "-jar", "/app/jisr-gateway.jar"]
