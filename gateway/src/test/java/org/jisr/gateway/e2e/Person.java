package org.jisr.gateway.e2e;

/**
 * One person on one channel, unique per test case.
 *
 * @param address the provider address replies go to (chat id, +number, whatsapp:+number, wa_id)
 * @param key     the gateway's person key, "channel:address"
 */
record Person(String address, String key) {
}
