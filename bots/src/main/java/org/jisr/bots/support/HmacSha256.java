package org.jisr.bots.support;

import javax.crypto.Mac;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;

/**
 * HMAC-SHA256 under one key, for checking webhook signatures thousands of times a second: each thread keeps one
 * initialised {@link Mac} (looking the algorithm up and keying it cost more than hashing a small body).
 */
public final class HmacSha256 {

    private final ThreadLocal<Mac> mac;

    public HmacSha256(byte[] key) {
        byte[] k = key.clone();
        this.mac = ThreadLocal.withInitial(() -> HmacUtils.getInitializedMac(HmacAlgorithms.HMAC_SHA_256, k));
    }

    /** The MAC of {@code data} (the thread's Mac is reset by {@code doFinal}, ready for the next call). */
    public byte[] of(byte[] data) {
        return mac.get().doFinal(data);
    }
}
