package io.switchboard.gateway.config;

import java.net.URI;
import java.util.Locale;

/**
 * Where one service listens.
 *
 * @param host host name or address
 * @param port TCP port
 * @param ssl whether to speak HTTPS to it
 */
public record UpstreamEndpoint(String host, int port, boolean ssl) {

  /** Parses {@code http(s)://host[:port]}; anything else fails startup with the key to fix. */
  public static UpstreamEndpoint parse(String key, String url) {
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw invalid(key, url);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw invalid(key, url);
    }
    boolean ssl = scheme.equals("https");
    int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
    return new UpstreamEndpoint(uri.getHost(), port, ssl);
  }

  private static IllegalStateException invalid(String key, String url) {
    return new IllegalStateException(
        "switchboard.gateway.services." + key + ".url must be http(s)://host:port, not " + url);
  }
}
