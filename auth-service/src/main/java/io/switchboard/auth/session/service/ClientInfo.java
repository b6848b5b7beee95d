package io.switchboard.auth.session.service;

import io.vertx.core.http.HttpServerRequest;

/**
 * Where a request came from: the address the gateway saw (the last {@code X-Forwarded-For} entry,
 * which the gateway appends; earlier entries are the client's word and are ignored), else the peer.
 */
public record ClientInfo(String ip, String userAgent) {

  private static final int MAX_USER_AGENT = 300;

  public static ClientInfo of(HttpServerRequest request) {
    String forwarded = request.getHeader("X-Forwarded-For");
    String ip;
    if (forwarded != null && !forwarded.isBlank()) {
      String[] hops = forwarded.split(",");
      ip = hops[hops.length - 1].trim();
    } else {
      ip = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
    String agent = request.getHeader("User-Agent");
    if (agent != null && agent.length() > MAX_USER_AGENT) {
      agent = agent.substring(0, MAX_USER_AGENT);
    }
    return new ClientInfo(ip.length() > 64 ? ip.substring(0, 64) : ip, agent);
  }
}
