package io.switchboard.bench.ws;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code java -jar wsload.jar <fanout|agents|idle> key=value...}; every mode registers its users
 * through the gateway and prints one {@code RESULT ...} line of {@code key=value} per measured row
 * (the run scripts turn them into tables). See bench/events/run.sh and bench/agent-loop/run.sh.
 */
public final class Main {

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: wsload <fanout|agents|idle> gateway=http://127.0.0.1:28000 ...");
      System.exit(2);
    }
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      options.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    Options o = new Options(options);
    switch (args[0]) {
      case "fanout" -> new Fanout(o).run();
      case "agents" -> new AgentLoop(o).run();
      case "idle" -> new Idle(o).run();
      default -> {
        System.err.println("unknown mode " + args[0]);
        System.exit(2);
      }
    }
    System.exit(0);
  }

  /** key=value options with defaults. */
  record Options(Map<String, String> values) {
    String text(String key, String fallback) {
      return values.getOrDefault(key, fallback);
    }

    int number(String key, int fallback) {
      return Integer.parseInt(values.getOrDefault(key, String.valueOf(fallback)));
    }
  }

  /** Users registered and their sockets opened (and subscribed), shared by the modes. */
  static final class Crowd {
    final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final Api api;
    final String gateway;
    final List<Api.User> users = new ArrayList<>();
    final List<Socket> sockets = new ArrayList<>();
    /** sockets.get(i) belongs to users.get(owner.get(i)). */
    final List<Integer> owner = new ArrayList<>();

    Crowd(String gateway) {
      this.gateway = gateway;
      this.api = new Api(http, gateway);
    }

    void register(int count, String prefix) throws Exception {
      String password = "Bench-ws-pass-" + System.nanoTime() + "-x";
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<Api.User>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String name = prefix + "_" + i;
        futures.add(pool.submit(() -> api.register(name, password)));
      }
      for (Future<Api.User> future : futures) {
        users.add(future.get());
      }
      pool.shutdown();
    }

    /** Opens {@code perUser} sockets for every user, {@code batch} handshakes at a time. */
    void open(int perUser, Socket.Frames frames, String channelsJson) throws Exception {
      int index = 0;
      List<CompletableFuture<Socket>> pending = new ArrayList<>();
      for (int u = 0; u < users.size(); u++) {
        for (int c = 0; c < perUser; c++) {
          pending.add(Socket.open(http, gateway, users.get(u).token(), index++, frames));
          owner.add(u);
          if (pending.size() == 50) {
            drain(pending, channelsJson);
          }
        }
      }
      drain(pending, channelsJson);
    }

    private void drain(List<CompletableFuture<Socket>> pending, String channelsJson)
        throws Exception {
      for (CompletableFuture<Socket> future : pending) {
        Socket socket = future.get();
        if (channelsJson != null) {
          socket.subscribe(channelsJson).get();
        }
        sockets.add(socket);
      }
      pending.clear();
    }

    int open() {
      return (int) sockets.stream().filter(Socket::isOpen).count();
    }

    /** Close codes of the sockets closed by the server so far, e.g. "4008:3". */
    String closes() {
      Map<Integer, Integer> codes = new HashMap<>();
      sockets.stream()
          .filter(s -> s.closeCode >= 0)
          .forEach(s -> codes.merge(s.closeCode, 1, Integer::sum));
      StringBuilder out = new StringBuilder();
      codes.forEach((code, n) -> out.append(out.length() == 0 ? "" : ",").append(code).append(':').append(n));
      return out.length() == 0 ? "none" : out.toString();
    }

    void closeAll() {
      sockets.forEach(Socket::close);
    }
  }
}
