package org.jisr.gateway.config;

/**
 * Threads that answer (inbound and outbound workers) run at the lowest Java priority, so that taking webhooks in
 * comes first when the cores are short: a message waiting in the durable queue is safe, a webhook kept waiting
 * is not. Java priorities reach the OS only with {@code -XX:ThreadPriorityPolicy=1} (then a nice value per
 * thread; lowering needs no privilege); without it they do nothing.
 */
public final class WorkerThreads {

    private WorkerThreads() {
    }

    /** A builder for one answering thread (daemon, lowest priority); name it and start it. */
    public static Thread.Builder.OfPlatform answering() {
        return Thread.ofPlatform().daemon().priority(Thread.MIN_PRIORITY);
    }
}
