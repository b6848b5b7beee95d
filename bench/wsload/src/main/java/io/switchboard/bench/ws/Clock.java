package io.switchboard.bench.ws;

import java.time.Instant;

/** Wall-clock time in epoch microseconds (what the events' {@code time} carries). */
final class Clock {
  private Clock() {}

  static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  static long micros(String iso) {
    Instant time = Instant.parse(iso);
    return time.getEpochSecond() * 1_000_000L + time.getNano() / 1_000;
  }

  static String iso(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L)
        .toString();
  }
}
