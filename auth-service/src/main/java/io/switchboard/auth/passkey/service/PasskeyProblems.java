package io.switchboard.auth.passkey.service;

import io.switchboard.defaults.problem.ProblemException;

/** The problems the passkey ceremonies answer with, by their stable codes. */
public final class PasskeyProblems {

  private PasskeyProblems() {}

  /**
   * One answer for every failed ceremony: unknown credential, bad signature, wrong origin or rp,
   * counter gone backwards, and a challenge that is unknown, used, expired or not for this.
   */
  public static ProblemException invalidPasskey() {
    return ProblemException.of(
        401, "invalid_passkey", "Invalid passkey", "The passkey could not be verified");
  }

  public static ProblemException malformedCredential(String why) {
    return ProblemException.validation("credential", why);
  }

  public static ProblemException credentialTaken() {
    return ProblemException.of(
        409, "passkey_exists", "Passkey exists", "This passkey is registered already");
  }
}
