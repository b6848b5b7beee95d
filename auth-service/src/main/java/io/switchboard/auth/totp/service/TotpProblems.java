package io.switchboard.auth.totp.service;

import io.switchboard.defaults.problem.ProblemException;

/** The problems TOTP answers with, by their stable codes. */
public final class TotpProblems {

  private TotpProblems() {}

  public static ProblemException invalidTotp() {
    return ProblemException.of(
        401, "invalid_totp", "Invalid code", "The code is wrong, expired or already used");
  }

  public static ProblemException totpRequired() {
    return ProblemException.of(
        401,
        "totp_required",
        "Code required",
        "This account uses two-factor authentication: send totpCode as well");
  }

  public static ProblemException alreadyEnabled() {
    return ProblemException.of(
        409, "totp_already_enabled", "TOTP already enabled", "Disable TOTP before setting it up");
  }

  public static ProblemException notSetUp() {
    return ProblemException.of(
        409, "totp_not_set_up", "TOTP not set up", "Call /api/auth/totp/setup before enabling");
  }

  public static ProblemException notEnabled() {
    return ProblemException.of(
        409, "totp_not_enabled", "TOTP not enabled", "This account has no TOTP enabled");
  }
}
