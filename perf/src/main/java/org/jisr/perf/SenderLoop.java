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
 * Non-blocking sending over a share of the connections: the dispatching thread writes a due request straight on a
 * free keep-alive connection, and one event-loop thread reads the answers of all of them — one wake-up for every
 * socket that is ready, where a thread per connection cost two wake-ups and context switches per request, CPU
 * taken from the gateway being measured on the same cores. Each connection carries one request at a time (no
 * pipelining, as a provider's pool); a due attempt with no free connection waits in its node's FIFO, served by the
 * loop as connections free up. The loop also (re)connects, times calls out and holds retries until they are due.
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
        final ConcurrentLinkedQueue<Attempt> waiting = new ConcurrentLinkedQueue<>(); // added by both threads, taken by the loop
        final ConcurrentLinkedQueue<Conn> free = new ConcurrentLinkedQueue<>(); // connected, idle: whoever takes one owns it
        final ArrayDeque<Conn> closed = new ArrayDeque<>(); // the loop's only: opened on use
        final List<Conn> all = new ArrayList<>();

        Node(int port) {
            address = new InetSocketAddress("127.0.0.1", port);
        }
    }

    /**
     * IDLE: in the free queue. SENDING: the dispatching thread is writing (the loop may already read the answer).
     * ANSWERED: the answer came while still SENDING; the connection waits for the dispatcher's hand-off. BUSY: the
     * request is written, or the loop writes the rest. CLOSED and CONNECTING: the loop's only.
     */
    private enum State { CLOSED, CONNECTING, IDLE, SENDING, ANSWERED, BUSY }

    /** One connection, one attempt at most. Whoever takes it from the free queue fills it, then sets the state. */
    private static final class Conn {
        final Node node;
        final ResponseParser parser = new ResponseParser();
        final AtomicReference<State> state = new AtomicReference<>(State.CLOSED);
        Attempt attempt;
        SocketChannel channel;
        SelectionKey key;
        ByteBuffer out;
        long deadlineNs;
        boolean closeAfter; // ANSWERED: the answer said not to reuse the connection
        CountDownLatch warming; // set while opened ahead of the run

        Conn(Node node) {
            this.node = node;
        }

        /** Takes {@code a} on; the state (a volatile write) publishes the rest to the loop. */
        ByteBuffer begin(Attempt a, long deadline, State s) {
            out = ByteBuffer.wrap(a.request());
            deadlineNs = deadline;
            attempt = a;
            state.set(s);
            return out;
        }
    }

    /** How a write of the dispatching thread ended, when the loop must know. */
    private enum Outcome { WRITTEN, PARTIAL, FAILED }

    /** A write of the dispatching thread the loop must finish (partial), fail (broken) or settle (answered meanwhile). */
    private record Handoff(Conn conn, Attempt attempt, Outcome outcome) {
    }

    private final Node[] nodes;
    private final Answers answers;
    private final long timeoutNs;
    private final Selector selector;
    private final ConcurrentLinkedQueue<Handoff> handoffs = new ConcurrentLinkedQueue<>();
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

    /**
     * Sends a due attempt (on the dispatching thread): written at once on a free connection of its node, else queued
     * behind the attempts already waiting there. The loop is woken only when it has something to do.
     */
    void submit(Attempt a) {
        if (stopped) {
            return;
        }
        pending.incrementAndGet();
        Node node = nodes[a.node(nodes.length)];
        Conn c = node.waiting.isEmpty() ? node.free.poll() : null; // first come, first served
        if (c == null) {
            node.waiting.add(a);
            wake();
            return;
        }
        ByteBuffer out = c.begin(a, System.nanoTime() + timeoutNs, State.SENDING);
        Outcome outcome;
        try {
            c.channel.write(out);
            if (!out.hasRemaining() && c.state.compareAndSet(State.SENDING, State.BUSY)) {
                return; // the usual case: the loop wakes for the answer only
            }
            outcome = out.hasRemaining() ? Outcome.PARTIAL : Outcome.WRITTEN; // WRITTEN: answered already
        } catch (IOException | RuntimeException e) {
            outcome = Outcome.FAILED; // reset: the loop sorts it out
        }
        handoffs.add(new Handoff(c, a, outcome));
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
                takeHandoffs();
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
                if (!workWaiting()) { // checked after the flag: what is added from now on wakes us
                    selector.select(this::ready, waitMs);
                } else {
                    selector.selectNow(this::ready);
                }
                asleep.set(false);
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

    private boolean workWaiting() {
        if (stopped || !handoffs.isEmpty() || connectRequest.get() != null) {
            return true;
        }
        for (Node node : nodes) {
            if (!node.waiting.isEmpty() && (!node.free.isEmpty() || !node.closed.isEmpty())) {
                return true;
            }
        }
        return false;
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

    private void takeHandoffs() {
        for (Handoff h = handoffs.poll(); h != null; h = handoffs.poll()) {
            Conn c = h.conn();
            State s = c.state.get();
            if (c.attempt != h.attempt()) {
                continue; // settled already (only after stop)
            }
            if (s == State.ANSWERED) { // the answer is recorded: only the connection is left to settle
                release(c, c.closeAfter || h.outcome() != Outcome.WRITTEN);
            } else if (h.outcome() == Outcome.FAILED) {
                c.state.set(State.BUSY);
                failed(c);
            } else { // PARTIAL: the loop writes the rest
                c.state.set(State.BUSY);
                c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        }
    }

    private void openAll(CountDownLatch latch) {
        for (Node node : nodes) {
            for (Conn c : node.all) {
                if (c.state.get() != State.CLOSED) {
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
                Conn c = node.free.poll(); // FIFO over the connections: all stay in use, as the old pool's did
                if (c == null) {
                    c = node.closed.pollFirst();
                }
                if (c == null) {
                    break;
                }
                start(c, node.waiting.poll()); // not empty: only this thread takes from it
            }
        }
    }

    private void start(Conn c, Attempt a) {
        long deadline = System.nanoTime() + timeoutNs;
        try {
            if (c.state.get() == State.CLOSED) {
                c.begin(a, deadline, State.CONNECTING);
                open(c); // writes once connected
            } else {
                c.begin(a, deadline, State.BUSY);
                write(c);
            }
        } catch (IOException | RuntimeException e) {
            failed(c);
        }
    }

    private void open(Conn c) throws IOException {
        c.state.set(State.CONNECTING);
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
            State s = c.state.get();
            if (s == State.BUSY) {
                if (k.isWritable()) {
                    write(c);
                }
                if (k.isValid() && k.isReadable()) {
                    read(c);
                }
            } else if (s == State.SENDING) {
                read(c); // an answer (or a close) while the dispatching thread finishes its write
            } else if (s == State.IDLE) {
                dropIdle(c); // the server closed (or wrote to) an idle connection: not to be used again
            }
        } catch (IOException | RuntimeException e) {
            failed(c);
        }
    }

    /** Closes an idle connection, unless the dispatching thread just took it (then its answer tells). */
    private void dropIdle(Conn c) {
        if (c.node.free.remove(c)) {
            close(c);
            c.node.closed.addLast(c);
        }
    }

    private void connected(Conn c) throws IOException {
        if (c.warming != null) {
            c.warming.countDown();
            c.warming = null;
        }
        if (c.attempt != null) {
            c.state.set(State.BUSY);
            write(c);
        } else {
            c.deadlineNs = 0;
            c.state.set(State.IDLE);
            c.node.free.add(c);
        }
    }

    private void write(Conn c) throws IOException {
        c.channel.write(c.out);
        c.key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void read(Conn c) throws IOException {
        in.clear();
        int n = c.channel.read(in);
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
        State s = c.state.get();
        if (s == State.IDLE) {
            dropIdle(c);
        } else if (s == State.ANSWERED) {
            return; // settled when the dispatching thread hands the connection back
        } else if (c.attempt != null) {
            finish(c, 0, null, true);
        } else {
            close(c);
            c.node.closed.addLast(c);
        }
    }

    private void finish(Conn c, int status, String retryAfter, boolean closeIt) {
        long t = System.nanoTime();
        Attempt a = c.attempt;
        c.parser.reset();
        if (c.state.compareAndSet(State.SENDING, State.ANSWERED)) {
            // the dispatching thread is still in its write: the connection is settled when it hands it back
            c.closeAfter = closeIt;
            c.deadlineNs = 0;
            if (c.key != null) {
                c.key.interestOps(0); // a close seen already would wake the loop again and again
            }
        } else {
            // an answer before the whole request was written (an early refusal): the connection is not reused
            release(c, closeIt || c.out.hasRemaining());
        }
        pending.decrementAndGet();
        Attempt again = answers.answered(a, status, retryAfter, t);
        if (again != null) {
            retries.add(again);
        }
    }

    /** The connection after its attempt: free again, or closed. */
    private void release(Conn c, boolean closeIt) {
        c.attempt = null;
        c.out = null;
        c.deadlineNs = 0;
        if (closeIt) {
            close(c);
            c.node.closed.addLast(c);
        } else {
            c.key.interestOps(SelectionKey.OP_READ);
            c.state.set(State.IDLE);
            c.node.free.add(c);
        }
    }

    private void expire() {
        boolean warming = false;
        for (Node node : nodes) {
            for (Conn c : node.all) {
                State s = c.state.get();
                if ((s == State.BUSY || s == State.CONNECTING) && c.deadlineNs != 0 && now - c.deadlineNs >= 0) {
                    failed(c); // no complete answer in time: status 0, the connection closed
                }
                warming |= c.warming != null;
            }
        }
        anyWarming = warming;
    }

    private static void close(Conn c) {
        c.state.set(State.CLOSED);
        c.deadlineNs = 0;
        c.parser.reset();
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
