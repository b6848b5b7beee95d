package io.switchboard.bench.ws;

/**
 * {@code users x conns} idle WebSockets (connected, subscribed to nothing, the JDK client answering
 * the server's pings): prints {@code READY sockets=N} once all are open, holds them for {@code hold}
 * seconds (the run script measures the gateway meanwhile), then prints how many are still open.
 *
 * <p>Options: gateway, users (50), conns (20 per user, the gateway's default per-user limit), hold.
 */
final class Idle {

  private final Main.Options options;

  Idle(Main.Options options) {
    this.options = options;
  }

  void run() throws Exception {
    Main.Crowd crowd = new Main.Crowd(options.text("gateway", "http://127.0.0.1:28000"));
    int users = options.number("users", 50);
    int conns = options.number("conns", 20);
    crowd.register(users, options.text("prefix", "id" + System.currentTimeMillis() % 1_000_000));
    crowd.open(conns, (socket, frame, micros) -> {}, null);
    System.out.printf("READY sockets=%d%n", crowd.open());
    System.out.flush();
    Thread.sleep(options.number("hold", 60) * 1000L);
    System.out.printf(
        "RESULT mode=idle sockets=%d open_after=%d closes=%s%n",
        crowd.sockets.size(), crowd.open(), crowd.closes());
    System.out.flush();
    crowd.closeAll();
    Thread.sleep(500);
  }
}
