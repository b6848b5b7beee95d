package io.switchboard.defaults.page;

/**
 * The paging fields of every list answer. A list record embeds it with {@code @JsonUnwrapped} so
 * the wire shape is {@code {"<items>":[...],"total","limit","offset","hasMore"}}.
 */
public record PageMeta(long total, int limit, int offset, boolean hasMore) {}
