package io.switchboard.defaults.request;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/** The correlation id of the current request: header name, log-context key, validation. */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "requestId";

  /** Ids a client may choose: short, printable, safe in logs and headers. */
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

  private RequestIds() {}

  /** The client's id when it is acceptable, otherwise a fresh one. */
  public static String acceptOrCreate(String fromClient) {
    return fromClient != null && ACCEPTED.matcher(fromClient).matches() ? fromClient : randomId();
  }

  /**
   * A random (version 4) UUID from {@link ThreadLocalRandom}: a correlation id must be unique, not
   * unguessable, and {@code UUID.randomUUID()} takes a lock around {@code SecureRandom} on every
   * request (1.5 % of the gateway's CPU on a proxied GET, bench/gateway/profile.sh).
   */
  static String randomId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & ~(0x3L << 62)) | (0x2L << 62); // IETF variant
    return new UUID(high, low).toString();
  }

  /** The id of the request being handled on this context, or {@code null} outside a request. */
  public static String current() {
    Object id = MDC.get(MDC_KEY);
    return id == null ? null : id.toString();
  }
}
