package io.switchboard.skill.logging;

import io.quarkus.logging.LoggingFilter;
import io.switchboard.skill.execute.ActiveSecrets;
import java.text.MessageFormat;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Takes the secret values of running tool calls ({@link ActiveSecrets}) out of every log record:
 * the message is formatted, scrubbed and stored without parameters; a throwable whose message
 * carries a secret is dropped (its class name stays in the message).
 */
@LoggingFilter(name = "secret-scrubber")
public final class SecretScrubFilter implements Filter {

  @Override
  public boolean isLoggable(LogRecord record) {
    if (ActiveSecrets.none()) {
      return true;
    }
    String formatted = format(record);
    String scrubbed = ActiveSecrets.scrub(formatted);
    Throwable thrown = record.getThrown();
    if (thrown != null && hasSecret(thrown)) {
      scrubbed = scrubbed + " [" + thrown.getClass().getName() + ": details withheld]";
      record.setThrown(null);
    }
    if (!scrubbed.equals(formatted) || record.getParameters() != null) {
      if (record instanceof ExtLogRecord ext) {
        ext.setMessage(scrubbed, ExtLogRecord.FormatStyle.NO_FORMAT);
      } else {
        record.setMessage(scrubbed);
      }
      record.setParameters(null);
    }
    return true;
  }

  private static boolean hasSecret(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (!ActiveSecrets.scrub(message).equals(message)) {
        return true;
      }
    }
    return false;
  }

  private static String format(LogRecord record) {
    if (record instanceof ExtLogRecord ext) {
      return String.valueOf(ext.getFormattedMessage());
    }
    Object[] params = record.getParameters();
    String message = String.valueOf(record.getMessage());
    try {
      return params == null || params.length == 0 ? message : MessageFormat.format(message, params);
    } catch (IllegalArgumentException e) {
      return message;
    }
  }
}
