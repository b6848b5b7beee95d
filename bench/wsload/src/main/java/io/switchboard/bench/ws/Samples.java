package io.switchboard.bench.ws;

import java.util.Arrays;

/** A growable list of latencies (microseconds) with percentiles; callers synchronise. */
final class Samples {
  private long[] values = new long[1024];
  private int size;

  synchronized void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  synchronized int size() {
    return size;
  }

  /** p50, p90, p99, p99.9, max, as "k=v" pairs in microseconds. */
  synchronized String summary(String prefix) {
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    return prefix + "p50_us=" + at(sorted, 0.50) + " " + prefix + "p90_us=" + at(sorted, 0.90) + " "
        + prefix + "p99_us=" + at(sorted, 0.99) + " " + prefix + "p999_us=" + at(sorted, 0.999) + " "
        + prefix + "max_us=" + (sorted.length == 0 ? -1 : sorted[sorted.length - 1]);
  }

  private static long at(long[] sorted, double q) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
