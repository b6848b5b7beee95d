package io.switchboard.auth.password;

import io.switchboard.auth.config.AuthConfig;
import io.switchboard.defaults.problem.Problem;
import io.switchboard.defaults.problem.ProblemCode;
import io.switchboard.defaults.problem.ProblemException;

/**
 * A hasher for tests of its callers: it verifies as the real one does, but finds its pool full
 * whenever a new hash is asked for (the 429 a login storm brings).
 */
public final class NoRoomForNewHashes extends PasswordHasher implements AutoCloseable {

  public NoRoomForNewHashes(AuthConfig config) {
    super(config);
  }

  @Override
  public String hash(String password) {
    throw new ProblemException(
        Problem.of(ProblemCode.RATE_LIMITED, "Too many sign-ins at once; retry in a moment"), 1);
  }

  @Override
  public void close() {
    shutdown();
  }
}
