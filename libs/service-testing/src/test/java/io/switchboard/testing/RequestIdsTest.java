package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.defaults.request.RequestIds;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The correlation ids the platform hands out or accepts. */
class RequestIdsTest {

  @Test
  void shouldCreateRandomVersion4UuidsWhenTheClientSentNone() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String id = RequestIds.acceptOrCreate(null);
      UUID parsed = UUID.fromString(id);
      assertThat(parsed.version()).isEqualTo(4);
      assertThat(parsed.variant()).isEqualTo(2);
      assertThat(parsed.toString()).isEqualTo(id);
      seen.add(id);
    }
    assertThat(seen).hasSize(100_000);
  }

  @Test
  void shouldKeepAnAcceptableClientIdAndReplaceAnUnsafeOne() {
    assertThat(RequestIds.acceptOrCreate("trace-42.a:b")).isEqualTo("trace-42.a:b");
    assertThat(RequestIds.acceptOrCreate("evil\r\nSet-Cookie: x"))
        .isNotEqualTo("evil\r\nSet-Cookie: x");
    assertThat(UUID.fromString(RequestIds.acceptOrCreate("x".repeat(129))).version()).isEqualTo(4);
    assertThat(UUID.fromString(RequestIds.acceptOrCreate("")).version()).isEqualTo(4);
  }
}
