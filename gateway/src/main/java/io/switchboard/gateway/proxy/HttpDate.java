package io.switchboard.gateway.proxy;

import io.netty.handler.codec.DateFormatter;
import java.util.Date;

/**
 * The current time as an HTTP {@code Date} (IMF-fixdate, e.g. {@code Sun, 29 Nov 2026 21:45:00
 * GMT}), formatted once a second, not once a request.
 */
final class HttpDate {

  private record Stamp(long second, String text) {}

  private static volatile Stamp last = new Stamp(-1, "");

  private HttpDate() {}

  static String now() {
    return at(System.currentTimeMillis());
  }

  static String at(long epochMillis) {
    long second = Math.floorDiv(epochMillis, 1000);
    Stamp stamp = last;
    if (stamp.second() != second) {
      stamp = new Stamp(second, DateFormatter.format(new Date(second * 1000)));
      last = stamp;
    }
    return stamp.text();
  }
}
