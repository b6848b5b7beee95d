package io.switchboard.gateway.ws;

import io.quarkus.websockets.next.WebSocketConnection;
import io.switchboard.gateway.security.TokenVerifier.VerifiedToken;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One authenticated WebSocket: whose it is, what it subscribed to, and a bounded count of frames
 * still waiting to be written to it. Sending never blocks: once {@code sendQueue} frames wait, the
 * connection is closed ({@link CloseCause#TOO_SLOW}) instead of buffering more.
 */
public final class SocketSession {

  private static final Logger LOG = Logger.getLogger(SocketSession.class);

  private final WebSocketConnection connection;
  private final VerifiedToken identity;
  private final String token;
  private final int sendQueue;
  private final SocketMetrics metrics;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final FrameBudget budget;

  /** Channel → agent ids it is narrowed to; an empty set means every agent. */
  private final Map<Channel, Set<String>> subscriptions = new EnumMap<>(Channel.class);

  private volatile long lastSeenNanos = System.nanoTime();

  public SocketSession(
      WebSocketConnection connection,
      VerifiedToken identity,
      String token,
      int sendQueue,
      SocketMetrics metrics) {
    this(connection, identity, token, sendQueue, metrics, FrameBudget.unlimited());
  }

  public SocketSession(
      WebSocketConnection connection,
      VerifiedToken identity,
      String token,
      int sendQueue,
      SocketMetrics metrics,
      FrameBudget budget) {
    this.budget = budget;
    this.connection = connection;
    this.identity = identity;
    this.token = token;
    this.sendQueue = sendQueue;
    this.metrics = metrics;
  }

  public String id() {
    return connection.id();
  }

  public String userId() {
    return identity.userId();
  }

  public VerifiedToken identity() {
    return identity;
  }

  /** The bearer token the connection was opened with (forwarded with its messages). */
  public String token() {
    return token;
  }

  /** Something arrived from the client. */
  public void touch() {
    lastSeenNanos = System.nanoTime();
  }

  /** Charges one inbound frame to the connection's rate limit. */
  public FrameBudget.Verdict admit() {
    return budget.take();
  }

  public long lastSeenNanos() {
    return lastSeenNanos;
  }

  /** Subscribes to the channels, for every agent or (when given) one more agent. */
  public synchronized void subscribe(List<Channel> channels, String agentId) {
    for (Channel channel : channels) {
      Set<String> agents = subscriptions.get(channel);
      if (agentId == null) {
        subscriptions.put(channel, Set.of());
      } else if (agents == null || !agents.isEmpty()) {
        Set<String> narrowed = agents == null ? new HashSet<>() : new HashSet<>(agents);
        narrowed.add(agentId);
        subscriptions.put(channel, narrowed);
      }
    }
  }

  /** Drops the channels, or (when given) only that agent of a channel narrowed to agents. */
  public synchronized void unsubscribe(List<Channel> channels, String agentId) {
    for (Channel channel : channels) {
      Set<String> agents = subscriptions.get(channel);
      if (agentId == null) {
        subscriptions.remove(channel);
      } else if (agents != null && !agents.isEmpty()) {
        Set<String> narrowed = new HashSet<>(agents);
        narrowed.remove(agentId);
        if (narrowed.isEmpty()) {
          subscriptions.remove(channel);
        } else {
          subscriptions.put(channel, narrowed);
        }
      }
    }
  }

  /** Whether an event of {@code channel} about {@code agentId} (may be null) is wanted. */
  public synchronized boolean wants(Channel channel, String agentId) {
    Set<String> agents = subscriptions.get(channel);
    return agents != null && (agents.isEmpty() || agentId != null && agents.contains(agentId));
  }

  /** Queues a text frame; closes the connection when its send queue is full. */
  public void send(String text) {
    if (closing.get()) {
      return;
    }
    if (pending.incrementAndGet() > sendQueue) {
      pending.decrementAndGet();
      LOG.debugf("Connection %s of user %s is too slow; closing it", id(), userId());
      close(CloseCause.TOO_SLOW);
      return;
    }
    metrics.frameOut();
    connection
        .sendText(text)
        .subscribe()
        .with(sent -> pending.decrementAndGet(), failed -> pending.decrementAndGet());
  }

  /** Closes the connection once, with the cause's code. */
  public void close(CloseCause cause) {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    metrics.closed(cause);
    connection
        .close(cause.closeReason())
        .subscribe()
        .with(
            closed -> {},
            failed -> LOG.debugf("Closing connection %s failed: %s", id(), failed.toString()));
  }

  public boolean isClosing() {
    return closing.get() || connection.isClosed();
  }

  /** Whether the connection is closed (by either side). */
  public boolean isClosed() {
    return connection.isClosed();
  }
}
