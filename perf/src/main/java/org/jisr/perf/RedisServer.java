package org.jisr.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import redis.clients.jedis.RedisClient;

/**
 * A private redis-server on a free loopback port with append-only persistence (everysec), in a temporary folder
 * removed at close. Never the shared Redis on 6379: this one can be stopped and started by a scenario.
 */
final class RedisServer implements AutoCloseable {

    final int port;
    private final Path dir;
    private final Path log;
    private Process process;

    RedisServer(Path log) throws IOException {
        this.port = GatewayProcess.freePort();
        this.dir = Files.createTempDirectory("jisr-perf-redis");
        this.log = log;
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--dir", dir.toString(),
                "--daemonize", "no", "--maxclients", "2000",
                // no append-only rewrite during a run: in production it runs on the Redis host, here it would take the gateway's cores
                "--auto-aof-rewrite-min-size", "4gb"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (RedisClient c = RedisClient.create("127.0.0.1", port)) {
                if ("PONG".equals(c.ping())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // loading
            }
            Thread.sleep(100);
        }
        throw new IOException("redis-server did not start on port " + port + "; see " + log);
    }

    /** SHUTDOWN: the append-only file is flushed, then the server exits (a graceful stop, as an operator does). */
    void stop() throws InterruptedException {
        try {
            new ProcessBuilder("redis-cli", "-p", Integer.toString(port), "shutdown").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start().waitFor();
        } catch (IOException e) {
            process.destroy(); // SIGTERM: redis-server shuts down the same way
        }
        process.waitFor();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary folder
        }
    }
}
