package io.switchboard.bench.ws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Events produced straight to {@code agent.events} (the platform's envelope, as agent-service's
 * outbox relay sends it) at fixed rates, one step per rate, and received by {@code users x conns}
 * WebSockets subscribed to {@code agent.message}. Each event goes to one user (round robin), so
 * it reaches that user's {@code conns} sockets. Latency = receive time - the event's {@code time},
 * which is the event's <em>intended</em> send time on the fixed schedule (not when the producer got
 * round to it), so a producer that falls behind shows up in the latency (no coordinated omission).
 *
 * <p>Options: gateway, kafka, users (1), conns (100 per user), rates (100,200,500,1000,2000),
 * seconds (20 per step), warmup (5 per step), agents (10 keys), prefix.
 */
final class Fanout {

  private final Main.Options options;
  private final Main.Crowd crowd;
  /** step index → samples; warm-up records carry step -1 and are not kept. */
  private final Map<Integer, Samples> samples = new HashMap<>();
  /** The same, for the Kafka leg alone (see {@link KafkaProbe}). */
  private final Map<Integer, Samples> kafkaSamples = new HashMap<>();

  Fanout(Main.Options options) {
    this.options = options;
    this.crowd = new Main.Crowd(options.text("gateway", "http://127.0.0.1:28000"));
  }

  void run() throws Exception {
    int users = options.number("users", 1);
    int conns = options.number("conns", 100);
    int seconds = options.number("seconds", 20);
    int warmup = options.number("warmup", 5);
    String prefix = options.text("prefix", "ws" + System.currentTimeMillis() % 1_000_000);
    crowd.register(users, prefix);
    crowd.open(conns, this::frame, "[\"agent.message\"]");
    System.err.printf("%d sockets of %d users open and subscribed%n", crowd.sockets.size(), users);
    String[] agentIds = new String[options.number("agents", 10)];
    for (int i = 0; i < agentIds.length; i++) {
      agentIds[i] = UUID.randomUUID().toString();
    }
    try (KafkaProducer<String, String> producer = producer();
        KafkaProbe probe = new KafkaProbe(options.text("kafka", "127.0.0.1:28008"), this::kafka)) {
      // one event to every user first: the gateway's feed is live and the path is warm
      send(producer, agentIds, -1, 0, Clock.nowMicros()).get();
      Thread.sleep(1000);
      int step = 0;
      for (String rateText : options.text("rates", "100,200,500,1000,2000").split(",")) {
        int rate = Integer.parseInt(rateText.trim());
        pace(producer, agentIds, -1, rate, warmup);
        Samples kept;
        synchronized (samples) {
          kept = samples.computeIfAbsent(step, s -> new Samples());
        }
        String gatewayPid = options.text("gatewayPid", "");
        long gatewayCpu = Cpu.ofProcess(gatewayPid);
        long clientCpu = Cpu.ofSelf();
        long lagMicros = pace(producer, agentIds, step, rate, seconds);
        long produced = (long) rate * seconds;
        long expected = produced * conns;
        long waitUntil = System.nanoTime() + 10_000_000_000L;
        while (kept.size() < expected && System.nanoTime() < waitUntil && crowd.open() > 0) {
          Thread.sleep(50);
        }
        int open = crowd.open();
        gatewayCpu = gatewayCpu < 0 ? -1 : Cpu.ofProcess(gatewayPid) - gatewayCpu;
        clientCpu = Cpu.ofSelf() - clientCpu;
        System.out.printf(
            "RESULT mode=fanout rate=%d seconds=%d users=%d conns_per_user=%d sockets=%d"
                + " produced=%d expected=%d received=%d open_after=%d closes=%s"
                + " producer_max_lag_us=%d gateway_cpu_ms=%d client_cpu_ms=%d %s kafka_received=%d"
                + " %s%n",
            rate, seconds, users, conns, crowd.sockets.size(), produced, expected, kept.size(), open,
            crowd.closes(), lagMicros, gatewayCpu, clientCpu, kept.summary(""), kafka(step).size(),
            kafka(step).summary("kafka_"));
        System.out.flush();
        if (open < crowd.sockets.size() || kept.size() < expected) {
          System.err.println("stopping the ladder: deliveries lost or sockets closed");
          break;
        }
        step++;
      }
    }
    crowd.closeAll();
  }

  /** Sends at {@code rate}/s for {@code seconds}; returns the producer's largest lag (µs). */
  private long pace(
      KafkaProducer<String, String> producer, String[] agentIds, int step, int rate, int seconds)
      throws Exception {
    long total = (long) rate * seconds;
    long periodNanos = 1_000_000_000L / rate;
    long startNanos = System.nanoTime();
    long startMicros = Clock.nowMicros();
    long maxLag = 0;
    Future<RecordMetadata> last = null;
    for (long i = 0; i < total; i++) {
      long due = startNanos + i * periodNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      } else {
        maxLag = Math.max(maxLag, -wait / 1000);
      }
      last = send(producer, agentIds, step, i, startMicros + (i * periodNanos) / 1000);
    }
    if (last != null) {
      last.get();
    }
    return maxLag;
  }

  private final AtomicLong counter = new AtomicLong();

  private Future<RecordMetadata> send(
      KafkaProducer<String, String> producer, String[] agentIds, int step, long i, long timeMicros) {
    long n = counter.getAndIncrement();
    String agentId = agentIds[(int) (n % agentIds.length)];
    List<Api.User> users = crowd.users;
    String subject = users.get((int) (n % users.size())).id();
    String event =
        "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"agent.message\",\"source\":\"bench\","
            + "\"subject\":\"" + subject + "\",\"time\":\"" + Clock.iso(timeMicros) + "\","
            + "\"seq\":" + (n + 1) + ",\"data\":{\"agentId\":\"" + agentId + "\",\"messageId\":\""
            + UUID.randomUUID() + "\",\"role\":\"assistant\",\"content\":\"[bench] event " + i
            + "\",\"bench\":" + step + "}}";
    return producer.send(new ProducerRecord<>("agent.events", agentId, event));
  }

  /**
   * Reads the two fields it needs by position (the gateway writes {@code "bench":<step>} from the
   * event's data and {@code "timestamp"} last) so the client spends little CPU per frame.
   */
  private void frame(Socket socket, String frame, long receivedMicros) {
    int at = frame.indexOf("\"bench\":");
    int ts = frame.lastIndexOf("\"timestamp\":\"");
    if (!frame.startsWith("{\"type\":\"agent.message\"") || at < 0 || ts < 0) {
      return;
    }
    int end = at + 8;
    while (end < frame.length() && (Character.isDigit(frame.charAt(end)) || frame.charAt(end) == '-')) {
      end++;
    }
    int step = Integer.parseInt(frame.substring(at + 8, end));
    if (step < 0) {
      return;
    }
    String time = frame.substring(ts + 13, frame.indexOf('"', ts + 13));
    Samples kept;
    synchronized (samples) {
      kept = samples.computeIfAbsent(step, s -> new Samples());
    }
    kept.add(receivedMicros - Clock.micros(time));
  }

  private Samples kafka(int step) {
    synchronized (kafkaSamples) {
      return kafkaSamples.computeIfAbsent(step, s -> new Samples());
    }
  }

  private KafkaProducer<String, String> producer() {
    Map<String, Object> settings = new HashMap<>();
    settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.text("kafka", "127.0.0.1:28008"));
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-fanout");
    return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
  }
}
