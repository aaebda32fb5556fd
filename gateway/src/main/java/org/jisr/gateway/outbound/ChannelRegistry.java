package org.jisr.gateway.outbound;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jisr.bots.ChannelAdapter;

/** The enabled channel adapters by {@link ChannelAdapter#channel()}. */
public final class ChannelRegistry {

    private final Map<String, ChannelAdapter> adapters = new LinkedHashMap<>();

    public ChannelRegistry(List<ChannelAdapter> list) {
        for (ChannelAdapter a : list) {
            if (adapters.putIfAbsent(a.channel(), a) != null) {
                throw new IllegalArgumentException("two adapters for channel " + a.channel());
            }
        }
    }

    public Optional<ChannelAdapter> find(String channel) {
        return Optional.ofNullable(adapters.get(channel));
    }

    public Collection<ChannelAdapter> all() {
        return adapters.values();
    }
}
