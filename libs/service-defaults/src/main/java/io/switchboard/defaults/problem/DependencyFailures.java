package io.switchboard.defaults.problem;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a dependency outage or refused input from a bug: a request that failed because the database
 * could not be reached is answered 503 {@code service_unavailable} with {@code Retry-After}; text
 * the database cannot store (NUL) is a 400; neither is a 500.
 */
final class DependencyFailures {

  private DependencyFailures() {}

  /**
   * Whether the cause chain holds a failure to reach the database: no connection from the pool in
   * time, a connection refused or broken (SQLState class 08), or the server shutting down (57P).
   */
  static boolean isDatabaseUnreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P")) {
          return true;
        }
      }
      String name = t.getClass().getName();
      if (name.equals("org.hibernate.exception.JDBCConnectionException")
          || name.equals("io.agroal.pool.ConnectionPool$AcquisitionTimeoutException")) {
        return true;
      }
      String message = t.getMessage();
      if (message != null
          && message.contains("Acquisition timeout while waiting for new connection")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the database refused a text because of a character it cannot store (the NUL character,
   * SQLState 22021; an untranslatable one, 22P05): the client's input, so a 400.
   */
  static boolean isUnstorableText(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql
          && ("22021".equals(sql.getSQLState()) || "22P05".equals(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
