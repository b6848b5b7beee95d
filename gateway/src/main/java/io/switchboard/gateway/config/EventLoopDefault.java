package io.switchboard.gateway.config;

import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The gateway runs two Vert.x event loops per core, where Quarkus' default is one: {@code
 * quarkus.vertx.event-loops-pool-size} = 2 x the cores the JVM sees (and with it the HTTP server's
 * I/O threads, which follow the event loops).
 *
 * <p>Why: every proxied exchange (the client's connection and the service's) runs on one event
 * loop, and the gateway does nothing else; with one loop per core, a loop that the OS takes off its
 * core (another process, a GC thread, the JIT) stalls every connection it holds until it is back.
 * Measured on 2 shared cores (bench/gateway/cpu-split.sh and run.sh, see bench/README.md, "What
 * session 13 changed"): half the context switches per proxied request, less system time in the
 * gateway and in the service behind it, and more requests per second.
 *
 * <p>A default only: this source's ordinal (50) is below application.properties (250), the
 * environment (300) and system properties (400), so {@code QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE} or
 * {@code -Dquarkus.vertx.event-loops-pool-size} still decide.
 */
public class EventLoopDefault implements ConfigSource {

  static final String KEY = "quarkus.vertx.event-loops-pool-size";
  static final int ORDINAL = 50;

  private final String loops;

  public EventLoopDefault() {
    this(Runtime.getRuntime()::availableProcessors);
  }

  EventLoopDefault(IntSupplier cores) {
    this.loops = Integer.toString(2 * Math.max(1, cores.getAsInt()));
  }

  @Override
  public Set<String> getPropertyNames() {
    return Set.of(KEY);
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(KEY, loops);
  }

  @Override
  public String getValue(String propertyName) {
    return KEY.equals(propertyName) ? loops : null;
  }

  @Override
  public String getName() {
    return "gateway-event-loops";
  }

  @Override
  public int getOrdinal() {
    return ORDINAL;
  }
}
