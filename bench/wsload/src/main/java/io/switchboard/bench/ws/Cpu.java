package io.switchboard.bench.ws;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time used so far (user + sys, milliseconds): of another process (Linux /proc), or this one. */
final class Cpu {
  private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private Cpu() {}

  /** The process's CPU time, or -1 when it cannot be read (no pid given, not Linux, gone). */
  static long ofProcess(String pid) {
    if (pid == null || pid.isEmpty()) {
      return -1;
    }
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * 1000 / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static long ofSelf() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime() / 1_000_000;
    }
    return -1;
  }
}
