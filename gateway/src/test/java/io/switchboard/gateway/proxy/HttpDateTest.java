package io.switchboard.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpDateTest {

  @Test
  void shouldFormatAnImfFixdateWithATwoDigitDay() {
    long millis = Instant.parse("2026-12-01T07:05:09.999Z").toEpochMilli();
    assertEquals("Tue, 01 Dec 2026 07:05:09 GMT", HttpDate.at(millis));
  }

  @Test
  void shouldFollowTheClockSecondBySecond() {
    long millis = Instant.parse("2026-11-29T21:45:00Z").toEpochMilli();
    assertEquals("Sun, 29 Nov 2026 21:45:00 GMT", HttpDate.at(millis));
    assertEquals("Sun, 29 Nov 2026 21:45:00 GMT", HttpDate.at(millis + 999));
    assertEquals("Sun, 29 Nov 2026 21:45:01 GMT", HttpDate.at(millis + 1000));
    assertNotEquals(HttpDate.at(millis), HttpDate.at(millis - 1));
  }
}
