package io.switchboard.bench.load;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * An open-loop (fixed-rate) HTTP load generator: request {@code i} is due at {@code start + i /
 * rate}, is sent at that time whatever happened to the earlier ones (a slow answer never delays the
 * next request), and its latency is measured from that intended time to the last byte of the
 * answer. So a stall shows in the latency of every request that should have been sent during it:
 * no coordinated omission (unlike a closed-loop tool such as wrk, whose connections wait).
 *
 * <p>Arguments are {@code key=value}: {@code url} (required), {@code rate} (requests/s, 1000),
 * {@code seconds} (measured, 30), {@code warmup} (seconds at the same rate before, not recorded,
 * 10), {@code connections} (most keep-alive connections, 256; a request waits for a free one, and
 * that wait counts), {@code method} (GET), {@code body}, {@code token} or {@code token-file}
 * (sent as {@code Authorization: Bearer}), {@code label}, {@code timeout} (seconds, 10).
 *
 * <p>Prints one line: {@code FIXED label=.. rate=.. sent=.. ok=.. statuses=.. errors=.. p50_us=..
 * p90_us=.. p99_us=.. p999_us=.. max_us=.. mean_us=.. achieved_rps=..}.
 */
public final class FixedRate {

  private FixedRate() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      opts.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    String url = opts.get("url");
    int rate = Integer.parseInt(opts.getOrDefault("rate", "1000"));
    int seconds = Integer.parseInt(opts.getOrDefault("seconds", "30"));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "10"));
    int connections = Integer.parseInt(opts.getOrDefault("connections", "256"));
    long timeoutMs = Long.parseLong(opts.getOrDefault("timeout", "10")) * 1000;
    String token = opts.get("token");
    if (opts.containsKey("token-file")) {
      token = Files.readString(Path.of(opts.get("token-file"))).trim();
    }
    RequestOptions request =
        new RequestOptions()
            .setAbsoluteURI(url)
            .setMethod(HttpMethod.valueOf(opts.getOrDefault("method", "GET")))
            .setIdleTimeout(timeoutMs);
    if (token != null && !token.isEmpty()) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    Buffer body = opts.containsKey("body") ? Buffer.buffer(opts.get("body")) : null;
    if (body != null) {
      request.putHeader("Content-Type", "application/json");
    }

    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(connections));
    Context context = vertx.getOrCreateContext();
    Run run = new Run(seconds, rate);

    long period = 1_000_000_000L / rate;
    long start = System.nanoTime() + 100_000_000L;
    long measureFrom = start + warmup * 1_000_000_000L;
    long total = (long) (warmup + seconds) * rate;
    for (long i = 0; i < total; i++) {
      long intended = start + i * period;
      long wait;
      while ((wait = intended - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      boolean measured = intended >= measureFrom;
      context.runOnContext(
          v ->
              client
                  .request(request)
                  .compose(r -> body == null ? r.send() : r.send(body))
                  .compose(response -> response.body().map(b -> response.statusCode()))
                  .onComplete(
                      answer -> {
                        if (measured) {
                          run.record(
                              intended,
                              answer.succeeded() ? answer.result() : -1,
                              System.nanoTime());
                        }
                      }));
      if (measured) {
        run.sent++;
      }
    }
    run.done.await(timeoutMs + 5000, TimeUnit.MILLISECONDS);
    CountDownLatch printed = new CountDownLatch(1);
    String label = opts.getOrDefault("label", url);
    context.runOnContext(
        v -> {
          System.out.println(run.summary(label));
          printed.countDown();
        });
    printed.await();
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  /** The measured requests: histogram and tallies, touched only on the client's event loop. */
  private static final class Run {
    final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    final Map<Integer, Integer> statuses = new TreeMap<>();
    final int seconds;
    final int rate;
    final CountDownLatch done;
    volatile long sent;
    long errors;
    long answered;

    Run(int seconds, int rate) {
      this.seconds = seconds;
      this.rate = rate;
      this.done = new CountDownLatch(1);
    }

    void record(long intended, int status, long now) {
      answered++;
      if (status < 0) {
        errors++;
      } else {
        statuses.merge(status, 1, Integer::sum);
        latency.recordValue(Math.max(0, (now - intended) / 1000));
      }
      if (answered >= (long) seconds * rate) {
        done.countDown();
      }
    }

    String summary(String label) {
      long ok =
          statuses.entrySet().stream()
              .filter(e -> e.getKey() / 100 == 2)
              .mapToLong(Map.Entry::getValue)
              .sum();
      StringBuilder codes = new StringBuilder();
      statuses.forEach((k, n) -> codes.append(codes.length() == 0 ? "" : ",").append(k + "=" + n));
      return String.format(
          "FIXED label=%s rate=%d sent=%d ok=%d statuses=%s errors=%d unanswered=%d p50_us=%d"
              + " p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.0f achieved_rps=%.1f",
          label,
          rate,
          sent,
          ok,
          codes.length() == 0 ? "none" : codes,
          errors,
          sent - answered,
          latency.getValueAtPercentile(50),
          latency.getValueAtPercentile(90),
          latency.getValueAtPercentile(99),
          latency.getValueAtPercentile(99.9),
          latency.getMaxValue(),
          latency.getMean(),
          (double) ok / seconds);
    }
  }
}
