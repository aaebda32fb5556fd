package org.jisr.bots;

import java.util.List;
import java.util.Map;

/**
 * The provider channels configured by environment variables (see DESIGN.md, "Configuration"): a channel
 * is on when its credentials are set. The web chat is not here: the gateway creates it.
 *
 * @param adapters one per enabled channel
 * @param sources  start-up work of the enabled channels (Telegram webhook registration or polling)
 */
public record Channels(List<ChannelAdapter> adapters, List<InboundSource> sources) {

    public Channels {
        adapters = List.copyOf(adapters);
        sources = List.copyOf(sources);
    }

    /**
     * Builds the channels from the environment.
     *
     * @param env           environment variables (System.getenv() in production)
     * @param publicBaseUrl the resolved PUBLIC_BASE_URL (default http://localhost:PORT), without trailing slash
     * @throws InvalidSettingException naming the first variable that is wrong
     */
    public static Channels fromEnvironment(Map<String, String> env, String publicBaseUrl) {
        return new Channels(List.of(), List.of()); // the channels issue fills this in
    }
}
