package io.switchboard.skill.mcp;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Finds the process a stdio transport started, so its death is noticed at once (the SDK's stdio
 * transport keeps the process private): the JVM's children are compared before and after the start,
 * one start at a time.
 */
final class ChildProcesses {

  private static final Object LOCK = new Object();

  private ChildProcesses() {}

  /** Runs {@code start} and answers the one child process it created, if exactly one. */
  static <T> Started<T> startedBy(Supplier<T> start) {
    synchronized (LOCK) {
      Set<Long> before = children();
      T result = start.get();
      Set<ProcessHandle> created =
          ProcessHandle.current()
              .children()
              .filter(p -> !before.contains(p.pid()))
              .collect(Collectors.toSet());
      return new Started<>(
          result, created.size() == 1 ? created.stream().findFirst() : Optional.empty());
    }
  }

  private static Set<Long> children() {
    return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
  }

  record Started<T>(T result, Optional<ProcessHandle> process) {}
}
