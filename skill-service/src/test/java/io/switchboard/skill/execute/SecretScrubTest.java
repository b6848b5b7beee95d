package io.switchboard.skill.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.skill.logging.SecretScrubFilter;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class SecretScrubTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldFindAndResolveReferencesAtAnyDepth() throws Exception {
    var args = JSON.readTree("{\"a\":\"x {{secret:K1}} y\",\"b\":[{\"c\":\"{{secret:K2}}\"}]}");
    assertThat(SecretReferences.names(args)).containsExactly("K1", "K2");
    var resolved = SecretReferences.resolve(args, Map.of("K1", "v$1\\", "K2", "two"));
    assertThat(resolved.toString()).isEqualTo("{\"a\":\"x v$1\\\\ y\",\"b\":[{\"c\":\"two\"}]}");
  }

  @Test
  void shouldScrubSecretValuesFromResultsIncludingFieldNames() throws Exception {
    var result = JSON.readTree("{\"echo\":\"key=hunter22\",\"hunter22\":[\"hunter22!\"]}");
    assertThat(SecretReferences.scrub(result, Map.of("PW", "hunter22")).toString())
        .doesNotContain("hunter22")
        .contains("key=[secret:PW]");
  }

  @Test
  void shouldScrubActiveSecretsFromLogRecordsAndTheirExceptions() {
    Map<String, String> secrets = Map.of("PW", "correct-horse");
    ActiveSecrets.register(secrets);
    try {
      LogRecord record = new LogRecord(Level.INFO, "sent {0}");
      record.setParameters(new Object[] {"Bearer correct-horse"});
      record.setThrown(new IllegalStateException("bad token correct-horse"));
      assertThat(new SecretScrubFilter().isLoggable(record)).isTrue();
      assertThat(record.getMessage())
          .isEqualTo("sent Bearer [secret:PW] [java.lang.IllegalStateException: details withheld]");
      assertThat(record.getThrown()).isNull();
    } finally {
      ActiveSecrets.release(secrets);
    }
    LogRecord after = new LogRecord(Level.INFO, "correct-horse");
    new SecretScrubFilter().isLoggable(after);
    assertThat(after.getMessage()).isEqualTo("correct-horse");
  }
}
