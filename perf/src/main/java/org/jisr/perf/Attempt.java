package org.jisr.perf;

/**
 * One try of one message: due at {@code dueNs} (its latency counts from then), sent to node
 * {@code (seq + attempt) % nodes} so that a retry may reach another node, as behind a balancer.
 */
record Attempt(long seq, Tracker.Msg msg, byte[] request, long dueNs, int attempt) {

    int node(int nodes) {
        return (int) ((seq + attempt) % nodes);
    }
}
