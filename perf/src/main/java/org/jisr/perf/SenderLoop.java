package org.jisr.perf;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One event-loop thread sending due attempts over its own share of the connections, non-blocking: one wake-up
 * serves every socket that is ready, where a thread per connection cost two wake-ups and context switches per
 * request — CPU taken from the gateway being measured on the same cores. Each connection carries one request at a
 * time (no pipelining, as a provider's pool); a due attempt waits in its node's FIFO for the next free connection.
 * Retries wait in a timer heap of the loop until their due time.
 */
final class SenderLoop implements Runnable {

    /** The generator's policy for an answer: the attempt to make again (same message, later), or null. */
    interface Answers {
        Attempt answered(Attempt a, int status, String retryAfter, long nowNs);
    }

    private static final long SCAN_NS = 100_000_000L; // deadlines are checked ten times a second: 10 s ± 0.1 s

    /** A node (gateway port): what waits for it and its free connections. */
    private static final class Node {
        final InetSocketAddress address;
        final ArrayDeque<Attempt> waiting = new ArrayDeque<>();
        final ArrayDeque<Conn> idle = new ArrayDeque<>(); // connected, free
        final ArrayDeque<Conn> closed = new ArrayDeque<>(); // free, opened on use
        final List<Conn> all = new ArrayList<>();

        Node(int port) {
            address = new InetSocketAddress("127.0.0.1", port);
        }
    }

    private enum State { CLOSED, CONNECTING, IDLE, BUSY }

    /** One connection; one attempt at most on it. */
    private static final class Conn {
        final Node node;
        final ResponseParser parser = new ResponseParser();
        State state = State.CLOSED;
        SocketChannel channel;
        SelectionKey key;
        Attempt attempt;
        ByteBuffer out;
        long deadlineNs;
        CountDownLatch warming; // set while opened ahead of the run

        Conn(Node node) {
            this.node = node;
        }
    }

    private final Node[] nodes;
    private final Answers answers;
    private final long timeoutNs;
    private final Selector selector;
    private final ConcurrentLinkedQueue<Attempt> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicReference<CountDownLatch> connectRequest = new AtomicReference<>();
    private final AtomicBoolean asleep = new AtomicBoolean();
    private final AtomicInteger pending = new AtomicInteger();
    private final PriorityQueue<Attempt> retries = new PriorityQueue<>(Comparator.comparingLong(Attempt::dueNs));
    private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
    private final Thread thread;
    private volatile boolean stopped;
    private long now; // the loop's clock, read once a round; answers take their own reading
    private boolean anyWarming; // connections being opened ahead of the run: their deadlines need checking

    /** Starts the loop's thread with {@code perNode} connections (closed until used or {@link #connectAll}) to each port. */
    SenderLoop(String name, List<Integer> ports, int perNode, long timeoutNs, Answers answers) {
        this.answers = answers;
        this.timeoutNs = timeoutNs;
        this.nodes = new Node[ports.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = new Node(ports.get(i));
            for (int c = 0; c < perNode; c++) {
                Conn conn = new Conn(nodes[i]);
                nodes[i].all.add(conn);
                nodes[i].closed.add(conn);
            }
        }
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("no selector", e);
        }
        thread = Thread.ofPlatform().daemon().name(name).start(this);
    }

    /** Connections of this loop (all nodes). */
    int connections() {
        int n = 0;
        for (Node node : nodes) {
            n += node.all.size();
        }
        return n;
    }

    /** Hands a due attempt to the loop (any thread). */
    void submit(Attempt a) {
        pending.incrementAndGet();
        inbox.add(a);
        wake();
    }

    /** Opens every closed connection; each counts {@code latch} down once open or failed. */
    void connectAll(CountDownLatch latch) {
        connectRequest.set(latch);
        wake();
    }

    /** Attempts handed to the loop and not yet answered: waiting for a connection or in flight (retries not yet due are not). */
    int pending() {
        return pending.get();
    }

    /** Ends the loop and closes every socket; returns once the thread has ended (or after 5 s). */
    void stop() {
        stopped = true;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void wake() {
        if (asleep.get() && asleep.compareAndSet(true, false)) { // only a loop blocked in select needs the syscall
            selector.wakeup();
        }
    }

    @Override
    public void run() {
        long nextScan = 0;
        try {
            while (!stopped) {
                now = System.nanoTime();
                CountDownLatch latch = connectRequest.getAndSet(null);
                if (latch != null) {
                    openAll(latch);
                }
                for (Attempt a = inbox.poll(); a != null; a = inbox.poll()) {
                    nodes[a.node(nodes.length)].waiting.add(a);
                }
                while (!retries.isEmpty() && retries.peek().dueNs() <= now) {
                    Attempt a = retries.poll();
                    pending.incrementAndGet();
                    nodes[a.node(nodes.length)].waiting.add(a);
                }
                if (now - nextScan >= 0) {
                    expire();
                    nextScan = now + SCAN_NS;
                }
                serveAll();
                long waitMs = waitMs(nextScan);
                asleep.set(true);
                if (inbox.isEmpty() && connectRequest.get() == null && !stopped) { // checked after the flag: a submit now wakes us
                    selector.select(this::ready, waitMs);
                } else {
                    selector.selectNow(this::ready);
                }
                asleep.set(false);
                now = System.nanoTime();
                serveAll();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("perf sender loop failed: " + e);
        } finally {
            for (Node node : nodes) {
                for (Conn c : node.all) {
                    close(c);
                }
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** How long select may block: until the next retry is due or the next deadline check; 0 (no limit) when idle. */
    private long waitMs(long nextScan) {
        long until = Long.MAX_VALUE;
        if (!retries.isEmpty()) {
            until = retries.peek().dueNs();
        }
        if (pending.get() > 0 || anyWarming) {
            until = Math.min(until, nextScan);
        }
        if (until == Long.MAX_VALUE) {
            return 0;
        }
        return Math.max(1, (until - now + 999_999) / 1_000_000);
    }

    private void openAll(CountDownLatch latch) {
        for (Node node : nodes) {
            for (Conn c : node.all) {
                if (c.state != State.CLOSED) {
                    latch.countDown(); // already open (or busy)
                    continue;
                }
                node.closed.remove(c);
                c.warming = latch;
                anyWarming = true;
                c.deadlineNs = now + timeoutNs;
                try {
                    open(c);
                } catch (IOException | RuntimeException e) {
                    failed(c);
                }
            }
        }
    }

    private void serveAll() {
        for (Node node : nodes) {
            while (!node.waiting.isEmpty()) {
                Conn c = node.idle.pollFirst(); // FIFO over the connections: all stay in use, as the old pool's did
                if (c == null) {
                    c = node.closed.pollFirst();
                }
                if (c == null) {
                    break;
                }
                start(c, node.waiting.pollFirst());
            }
        }
    }

    private void start(Conn c, Attempt a) {
        c.attempt = a;
        c.out = ByteBuffer.wrap(a.request());
        c.deadlineNs = now + timeoutNs;
        c.parser.reset();
        try {
            if (c.state == State.CLOSED) {
                open(c); // writes once connected
            } else {
                c.state = State.BUSY;
                write(c);
            }
        } catch (IOException | RuntimeException e) {
            failed(c);
        }
    }

    private void open(Conn c) throws IOException {
        c.state = State.CONNECTING;
        c.channel = SocketChannel.open();
        c.channel.configureBlocking(false);
        c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (c.channel.connect(c.node.address)) {
            c.key = c.channel.register(selector, SelectionKey.OP_READ, c);
            connected(c);
        } else {
            c.key = c.channel.register(selector, SelectionKey.OP_CONNECT, c);
        }
    }

    private void ready(SelectionKey k) {
        Conn c = (Conn) k.attachment();
        if (!k.isValid() || c.key != k) {
            return; // closed in this round already
        }
        try {
            if (k.isConnectable()) {
                if (c.channel.finishConnect()) {
                    k.interestOps(SelectionKey.OP_READ);
                    connected(c);
                }
                return;
            }
            if (k.isWritable()) {
                write(c);
            }
            if (k.isValid() && k.isReadable()) {
                read(c);
            }
        } catch (IOException | RuntimeException e) {
            failed(c);
        }
    }

    private void connected(Conn c) throws IOException {
        if (c.warming != null) {
            c.warming.countDown();
            c.warming = null;
        }
        if (c.attempt != null) {
            c.state = State.BUSY;
            write(c);
        } else {
            c.state = State.IDLE;
            c.deadlineNs = 0;
            c.node.idle.addLast(c);
        }
    }

    private void write(Conn c) throws IOException {
        c.channel.write(c.out);
        c.key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void read(Conn c) throws IOException {
        in.clear();
        int n = c.channel.read(in);
        if (c.state != State.BUSY) { // an idle connection the server closed (or wrote to): not to be used again
            c.node.idle.remove(c);
            close(c);
            c.node.closed.addLast(c);
            return;
        }
        ResponseParser.Response r;
        if (n < 0) {
            r = c.parser.closed(); // a body that ends with the connection, or an error: cut short
        } else {
            in.flip();
            r = c.parser.feed(in);
        }
        if (r != null) {
            // bytes after the response cannot be another answer (no pipelining): the connection is not trusted further
            finish(c, r.status(), r.retryAfter(), r.close() || n < 0 || in.hasRemaining());
        }
    }

    /** A connection error, reset, timeout or unreadable answer: status 0 for its attempt, the connection closed. */
    private void failed(Conn c) {
        if (c.warming != null) {
            c.warming.countDown();
            c.warming = null;
        }
        if (c.attempt != null) {
            finish(c, 0, null, true);
        } else {
            if (c.state == State.IDLE) {
                c.node.idle.remove(c);
            }
            close(c);
            c.node.closed.addLast(c);
        }
    }

    private void finish(Conn c, int status, String retryAfter, boolean closeIt) {
        Attempt a = c.attempt;
        c.attempt = null;
        c.out = null;
        c.deadlineNs = 0;
        if (closeIt) {
            close(c);
            c.node.closed.addLast(c);
        } else {
            c.state = State.IDLE;
            c.key.interestOps(SelectionKey.OP_READ); // an answer may come before the request is fully written
            c.node.idle.addLast(c);
        }
        long t = System.nanoTime();
        pending.decrementAndGet();
        Attempt again = answers.answered(a, status, retryAfter, t);
        if (again != null) {
            retries.add(again);
        }
    }

    private void expire() {
        boolean warming = false;
        for (Node node : nodes) {
            for (Conn c : node.all) {
                if (c.deadlineNs != 0 && now - c.deadlineNs >= 0) {
                    failed(c); // no complete answer in time: status 0, the connection closed
                }
                warming |= c.warming != null;
            }
        }
        anyWarming = warming;
    }

    private static void close(Conn c) {
        c.state = State.CLOSED;
        c.deadlineNs = 0;
        if (c.key != null) {
            c.key.cancel();
            c.key = null;
        }
        if (c.channel != null) {
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // closed anyway
            }
            c.channel = null;
        }
    }
}
