package io.switchboard.auth.totp.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.auth.account.User;
import io.switchboard.auth.session.service.LoginThrottle;
import io.switchboard.auth.totp.RecoveryCode;
import io.switchboard.auth.totp.TotpConfig;
import io.switchboard.auth.totp.TotpSecret;
import io.switchboard.auth.totp.rest.TotpDtos.SetupResponse;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * TOTP as a second factor: setup, enable, disable, verify, and the check at login. Every code check
 * runs in its own transaction with the account's row locked (so a code is used once even under
 * concurrency) and counts against the throttle key {@code totp:<userId>}.
 */
@ApplicationScoped
public class TotpService {

  private static final int SECRET_BYTES = 20;
  private static final String UPSERT_PENDING =
      "INSERT INTO totp_secret (user_id, secret_enc, enabled, created_at, updated_at)"
          + " VALUES (?1, ?2, false, now(), now())"
          + " ON CONFLICT (user_id) DO UPDATE SET secret_enc = EXCLUDED.secret_enc,"
          + " last_used_step = NULL, updated_at = now() WHERE totp_secret.enabled = false";

  private final TotpConfig config;
  private final SecretCipher cipher;
  private final LoginThrottle throttle;
  private final EntityManager entityManager;
  private final TotpVerifier verifier;
  private final SecureRandom random = new SecureRandom();

  public TotpService(
      TotpConfig config, SecretCipher cipher, LoginThrottle throttle, EntityManager entityManager) {
    this.config = config;
    this.cipher = cipher;
    this.throttle = throttle;
    this.entityManager = entityManager;
    TotpGenerator generator =
        new TotpGenerator(config.algorithm(), config.digits(), config.period().toSeconds());
    this.verifier = new TotpVerifier(generator, config.skewSteps(), Clock.systemUTC());
  }

  /** A new pending secret (replacing any earlier pending one); 409 when TOTP is enabled. */
  public SetupResponse setup(UUID userId) {
    User user =
        QuarkusTransaction.requiringNew()
            .call(() -> User.findLive(userId))
            .orElseThrow(() -> ProblemException.notFound("Account"));
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    byte[] sealed = cipher.encrypt(secret, userId);
    int stored =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    entityManager
                        .createNativeQuery(UPSERT_PENDING)
                        .setParameter(1, userId)
                        .setParameter(2, sealed)
                        .executeUpdate());
    if (stored == 0) {
      throw TotpProblems.alreadyEnabled();
    }
    String base32 = Base32.encode(secret);
    String url = OtpauthUrl.of(config.issuer(), user.username, base32, verifier.generator());
    return new SetupResponse(base32, url, QrCodeImage.dataUri(url));
  }

  /** Enables the pending secret with one of its codes; answers the new recovery codes. */
  public List<String> enable(UUID userId, String code) {
    List<String> recoveryCodes = RecoveryCodes.generate(random);
    attempt(
        userId,
        () -> {
          TotpSecret row = TotpSecret.lockFor(userId);
          if (row == null) {
            throw TotpProblems.notSetUp();
          }
          if (row.enabled) {
            throw TotpProblems.alreadyEnabled();
          }
          if (!acceptTotp(row, code)) {
            return false;
          }
          row.enabled = true;
          row.enabledAt = Instant.now();
          RecoveryCode.deleteAllOf(userId);
          recoveryCodes.forEach(
              c -> RecoveryCode.store(userId, RecoveryCodes.hash(c), row.enabledAt));
          return true;
        });
    return recoveryCodes;
  }

  /** Turns TOTP off with a current code or a recovery code; forgets the secret and codes. */
  public void disable(UUID userId, String code) {
    attempt(
        userId,
        () -> {
          TotpSecret row = lockEnabled(userId);
          if (!acceptTotpOrRecovery(row, code)) {
            return false;
          }
          RecoveryCode.deleteAllOf(userId);
          row.delete();
          return true;
        });
  }

  /** Checks a current code (step-up); 401 {@code invalid_totp} when it is wrong or used. */
  public void verify(UUID userId, String code) {
    attempt(userId, () -> acceptTotp(lockEnabled(userId), code));
  }

  /**
   * The second factor of a login whose password was right: nothing when the account has no TOTP
   * enabled; otherwise a current code or a recovery code is needed.
   */
  public void checkLogin(UUID userId, String code) {
    if (!QuarkusTransaction.requiringNew().call(() -> TotpSecret.isEnabled(userId))) {
      return;
    }
    if (code == null || code.isBlank()) {
      throw TotpProblems.totpRequired();
    }
    attempt(
        userId,
        () -> {
          TotpSecret row = TotpSecret.lockFor(userId);
          return row == null || !row.enabled || acceptTotpOrRecovery(row, code);
        });
  }

  /** Whether an account has TOTP enabled. */
  public boolean isEnabled(UUID userId) {
    return QuarkusTransaction.requiringNew().call(() -> TotpSecret.isEnabled(userId));
  }

  /**
   * Runs a code check in its own transaction under the account's throttle: 429 while it is blocked;
   * a refused code counts as a failure and answers 401 {@code invalid_totp}.
   */
  private void attempt(UUID userId, Callable<Boolean> check) {
    String key = "totp:" + userId;
    throttle.checkAllowed(key);
    if (!QuarkusTransaction.requiringNew().call(check)) {
      throttle.recordFailure(key);
      throw TotpProblems.invalidTotp();
    }
    throttle.reset(key);
  }

  private static TotpSecret lockEnabled(UUID userId) {
    TotpSecret row = TotpSecret.lockFor(userId);
    if (row == null || !row.enabled) {
      throw TotpProblems.notEnabled();
    }
    return row;
  }

  private boolean acceptTotpOrRecovery(TotpSecret row, String code) {
    String normal = normalise(code);
    if (verifier.isWellFormed(normal)) {
      return acceptTotp(row, normal);
    }
    return RecoveryCode.use(row.userId, RecoveryCodes.hash(normal), Instant.now());
  }

  private boolean acceptTotp(TotpSecret row, String code) {
    byte[] secret = cipher.decrypt(row.secretEnc, row.userId);
    OptionalLong step = verifier.acceptedStep(secret, normalise(code), row.lastUsedStep);
    if (step.isEmpty()) {
      return false;
    }
    row.lastUsedStep = step.getAsLong();
    row.updatedAt = Instant.now();
    return true;
  }

  private static String normalise(String code) {
    return code.replaceAll("\\s", "");
  }
}
