package io.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLockTest {
  @TempDir Path data;

  @Test
  void secondStackOnTheSameDataDirIsRefused() {
    try (StackLock first = StackLock.acquire(data)) {
      StackException e = assertThrows(StackException.class, () -> StackLock.acquire(data));

      assertTrue(e.getMessage().startsWith("another Switchboard stack"), e.getMessage());
      assertTrue(e.getMessage().contains(data.toString()), e.getMessage());
    }
    StackLock.acquire(data).close();
  }

  @Test
  void heldByNamesNobodyWhenFree() {
    assertEquals(OptionalLong.empty(), StackLock.heldBy(data));
    StackLock.acquire(data).close();
    assertEquals(OptionalLong.empty(), StackLock.heldBy(data));
  }
}
