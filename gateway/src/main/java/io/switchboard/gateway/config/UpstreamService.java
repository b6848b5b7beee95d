package io.switchboard.gateway.config;

/** The services behind the gateway, by their configuration key. */
public enum UpstreamService {
  AUTH("auth"),
  AGENT("agent"),
  MODEL("model"),
  SKILL("skill"),
  VAULT("vault"),
  PIPELINE("pipeline");

  private final String key;

  UpstreamService(String key) {
    this.key = key;
  }

  /** The key under {@code switchboard.gateway.services}, e.g. {@code agent}. */
  public String key() {
    return key;
  }

  /** The name in health answers, metrics and problems, e.g. {@code agent-service}. */
  public String serviceName() {
    return key + "-service";
  }
}
