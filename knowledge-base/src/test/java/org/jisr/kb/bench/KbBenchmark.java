package org.jisr.kb.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jisr.kb.Article;
import org.jisr.kb.KbSettings;
import org.jisr.kb.KnowledgeBase;
import org.jisr.kb.SearchResult;
import org.jisr.kb.io.Jsonl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Knowledge-base speed and memory with 10,000 synthetic bilingual articles (see docs/benchmarks.md):
 * search latency (sample mode gives p99; cache off, so every search is computed), and a full JSONL import.
 * Forks run with {@code -Xmx200m}: finishing at all shows the index fits in 200 MB of heap; the heap used after
 * a full GC is printed too.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx200m", "-XX:ActiveProcessorCount=1", "--add-modules", "jdk.incubator.vector"})
@Threads(1)
public class KbBenchmark {

    static final int ARTICLES = Integer.getInteger("jisr.bench.articles", 10_000);

    @State(Scope.Benchmark)
    public static class Loaded {
        KnowledgeBase kb;
        List<String> queries;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            List<Article> articles = SyntheticKb.articles(ARTICLES);
            kb = new KnowledgeBase(KbSettings.defaults().withCacheSize(0), Clock.systemDefaultZone());
            kb.upsertAll(articles);
            queries = SyntheticKb.queries(articles, 4096, 42);
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf("%n[heap] %d articles loaded: %.1f MB used after GC%n", kb.size(), used / 1048576.0);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            kb.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 5)
    @Measurement(iterations = 5, time = 5)
    public SearchResult search(Loaded s) {
        String q = s.queries.get(s.next++ & 4095);
        return s.kb.search(q, null);
    }

    @State(Scope.Benchmark)
    public static class Exported {
        byte[] jsonl;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Jsonl.write(SyntheticKb.articles(ARTICLES), out);
            jsonl = out.toByteArray();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public int importJsonl(Exported e) throws IOException {
        try (KnowledgeBase kb = new KnowledgeBase(KbSettings.defaults(), Clock.systemDefaultZone())) {
            kb.importJsonl(new ByteArrayInputStream(e.jsonl));
            return kb.size();
        }
    }
}
