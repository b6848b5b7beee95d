package io.switchboard.bench.ws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real path: agents of one user, each driven closed-loop (a message, then the next once the agent
 * is {@code idle} again, reason {@code completed}), with the {@code local} model asked to call one
 * tool per message ({@code use time__now {}}: completion → tool call → skill-service → completion →
 * answer). Every event agent-service emits goes through its outbox to {@code agent.events} and the
 * gateway to the user's {@code conns} sockets. Measures agent messages per second (and the message
 * round trip, POST → {@code idle} seen on socket 0; a message counts when its answer arrives inside
 * the measured window, its round trip when it was also sent inside it), events per second and deliveries per second, and
 * the event latency: receive time - the event's {@code time} (stamped in agent-service when the event
 * was appended, before its transaction commits and the outbox relay sends it).
 *
 * <p>Options: gateway, agents (4), conns (1), seconds (30), warmup (10), message, prefix.
 */
final class AgentLoop {

  private final Main.Options options;
  private final Main.Crowd crowd;
  private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
  private final Samples eventLatency = new Samples();
  private final Samples roundTrip = new Samples();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong deliveries = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  /** Why messages failed: the reason of each agent.status error, counted. */
  private final Map<String, AtomicLong> errorReasons = new ConcurrentHashMap<>();
  /** Every message answered, warm-up included (to divide the stack's CPU time by). */
  private final AtomicLong answered = new AtomicLong();
  /** Per step of a message (e.g. "tool_call completed"): time since the agent's previous event. */
  private final Map<String, Samples> steps = new ConcurrentHashMap<>();
  private final Map<String, Long> lastEventTime = new ConcurrentHashMap<>();
  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd = Long.MAX_VALUE;

  AgentLoop(Main.Options options) {
    this.options = options;
    this.crowd = new Main.Crowd(options.text("gateway", "http://127.0.0.1:28000"));
  }

  void run() throws Exception {
    int agents = options.number("agents", 4);
    int conns = options.number("conns", 1);
    int seconds = options.number("seconds", 30);
    int warmup = options.number("warmup", 10);
    String message = options.text("message", "use time__now {}");
    String prefix = options.text("prefix", "al" + System.currentTimeMillis() % 1_000_000);
    crowd.register(1, prefix);
    Api.User user = crowd.users.get(0);
    crowd.open(
        conns, this::frame, "[\"agent.status\",\"agent.message\",\"agent.tool_call\"]");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      ids.add(crowd.api.spawnAgent(user, "bench-" + i));
    }
    System.err.printf("%d agents, %d sockets%n", agents, crowd.sockets.size());
    long start = Clock.nowMicros();
    windowStart = start + warmup * 1_000_000L;
    windowEnd = windowStart + seconds * 1_000_000L;
    List<Thread> drivers = new ArrayList<>();
    for (String id : ids) {
      Thread driver = new Thread(() -> drive(user, id, message), "agent-" + id);
      driver.start();
      drivers.add(driver);
    }
    for (Thread driver : drivers) {
      driver.join();
    }
    System.out.printf(
        "RESULT mode=agents agents=%d sockets=%d seconds=%d messages=%d failed=%d msgs_per_s=%.2f"
            + " events=%d events_per_s=%.1f deliveries=%d deliveries_per_s=%.1f open_after=%d"
            + " closes=%s all_messages=%d %s %s%n",
        agents, crowd.sockets.size(), seconds, completed.get(), failed.get(),
        completed.get() / (double) seconds, events.get(), events.get() / (double) seconds,
        deliveries.get(), deliveries.get() / (double) seconds, crowd.open(), crowd.closes(),
        answered.get(), roundTrip.summary("rt_"), eventLatency.summary("ev_"));
    if (!errorReasons.isEmpty()) {
      System.out.printf("ERRORS mode=agents agents=%d reasons=%s%n", agents, errorReasons);
    }
    steps.forEach(
        (step, samples) ->
            System.out.printf(
                "STEP mode=agents agents=%d step=%s n=%d %s%n",
                agents, step.replace(' ', '_'), samples.size(), samples.summary("")));
    System.out.flush();
    crowd.closeAll();
  }

  /** Where a message's time goes, from the events' own timestamps (agent-service's clock). */
  private void timeline(JsonNode frame, String type, boolean inWindow) {
    JsonNode data = frame.path("data");
    long time = Clock.micros(frame.path("timestamp").asText());
    Long previous = lastEventTime.put(frame.path("agentId").asText(), time);
    String step =
        switch (type) {
          case "agent.status" -> "status " + data.path("status").asText();
          case "agent.tool_call" -> "tool_call " + data.path("status").asText();
          default ->
              "message "
                  + data.path("role").asText()
                  + (data.path("content").asText().contains("Calling the tool") ? " (tool call)" : "");
        };
    if (inWindow && previous != null && !step.equals("status running")) {
      steps.computeIfAbsent(step, k -> new Samples()).add(time - previous);
    }
  }

  private void drive(Api.User user, String agentId, String message) {
    while (Clock.nowMicros() < windowEnd) {
      CompletableFuture<String> done = new CompletableFuture<>();
      waiting.put(agentId, done);
      long sent = Clock.nowMicros();
      try {
        crowd.api.message(user, agentId, message);
        String status = done.get(120, TimeUnit.SECONDS);
        long end = Clock.nowMicros();
        answered.incrementAndGet();
        // throughput: answers that arrive inside the window; round trips: messages sent in it too
        if (end >= windowStart && end <= windowEnd) {
          if ("idle".equals(status)) {
            completed.incrementAndGet();
            if (sent >= windowStart) {
              roundTrip.add(end - sent);
            }
          } else {
            failed.incrementAndGet();
          }
        }
      } catch (Exception e) {
        System.err.println("agent " + agentId + ": " + e);
        failed.incrementAndGet();
      }
    }
  }

  private void frame(Socket socket, String text, long receivedMicros) {
    JsonNode frame;
    try {
      frame = Api.JSON.readTree(text);
    } catch (Exception e) {
      return;
    }
    String type = frame.path("type").asText();
    if (!type.startsWith("agent.")) {
      return;
    }
    boolean inWindow = receivedMicros >= windowStart && receivedMicros <= windowEnd;
    if (inWindow) {
      deliveries.incrementAndGet();
      eventLatency.add(receivedMicros - Clock.micros(frame.path("timestamp").asText()));
      if (socket.index == 0) {
        events.incrementAndGet();
      }
    }
    if (socket.index == 0) {
      timeline(frame, type, inWindow);
    }
    if (socket.index == 0 && type.equals("agent.status")) {
      String status = frame.path("data").path("status").asText();
      String reason = frame.path("data").path("reason").asText();
      boolean finished = status.equals("idle") && reason.equals("completed");
      if (status.equals("error")) {
        errorReasons.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
      }
      if (finished || status.equals("error")) {
        CompletableFuture<String> done = waiting.remove(frame.path("agentId").asText());
        if (done != null) {
          done.complete(status);
        }
      }
    }
  }
}
