package org.jisr.gateway.e2e;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** One HTTP call a provider makes to the gateway: method, path (and query), headers (name, value…) and raw body. */
record Call(String method, String path, List<String> headers, byte[] body) {

    static Call post(String path, byte[] body, String... headers) {
        return new Call("POST", path, List.of(headers), body);
    }

    static Call post(String path, String body, String... headers) {
        return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }
}
