package io.switchboard.skill.client;

/**
 * The service token skill-service authenticates with on other services' {@code /internal/*}
 * endpoints. Until {@code io.switchboard.defaults.security.ServiceTokens} lands in
 * libs/service-defaults, {@link ConfiguredServiceBearer} reads it from configuration; tests replace
 * the bean.
 */
public interface ServiceBearer {

  /** The raw token (without {@code Bearer }). */
  String token();
}
