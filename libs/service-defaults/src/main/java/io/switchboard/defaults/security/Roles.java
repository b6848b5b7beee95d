package io.switchboard.defaults.security;

/** The roles a Switchboard token can carry in its {@code groups} claim. */
public final class Roles {

  public static final String USER = "user";
  public static final String ADMIN = "admin";

  /** Service-to-service calls under {@code /internal/*}. */
  public static final String SERVICE = "service";

  private Roles() {}
}
