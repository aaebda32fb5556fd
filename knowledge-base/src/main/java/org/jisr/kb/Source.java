package org.jisr.kb;

/** Where an official answer comes from; {@code url} may be null. */
public record Source(String name, String url) {
}
