package io.switchboard.auth.link.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.auth.account.User;
import io.switchboard.auth.account.rest.AuthDtos.LinkedChannelView;
import io.switchboard.auth.link.LinkCode;
import io.switchboard.auth.link.LinkedChannel;
import io.switchboard.auth.session.service.LoginThrottle;
import io.switchboard.defaults.problem.Problem;
import io.switchboard.defaults.problem.ProblemCode;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import java.util.UUID;

/**
 * Redeems link codes: binds the code's channel identity to the caller's account. A code is consumed
 * by exactly one redemption, whatever its outcome (also when the identity turns out to belong to
 * another account). Wrong codes count against the user: {@link LinkConfig#maxFailures()} within the
 * throttle window, then 429.
 */
@ApplicationScoped
public class ChannelLinkService {

  /** Atomic: of two concurrent redemptions of one code, exactly one updates the row. */
  private static final String CONSUME =
      "UPDATE link_code SET used_at = now()"
          + " WHERE code = ?1 AND used_at IS NULL AND expires_at > now()";

  /** Serialises links of one channel identity, so the check-then-insert below cannot race. */
  private static final String LOCK_IDENTITY = "SELECT pg_advisory_xact_lock(hashtext(?1))";

  private final LoginThrottle throttle;
  private final LinkConfig config;
  private final EntityManager entityManager;

  public ChannelLinkService(
      LoginThrottle throttle, LinkConfig config, EntityManager entityManager) {
    this.throttle = throttle;
    this.config = config;
    this.entityManager = entityManager;
  }

  private enum Outcome {
    LINKED,
    INVALID_CODE,
    LINKED_ELSEWHERE
  }

  private record Redemption(Outcome outcome, LinkedChannelView channel) {}

  /**
   * Binds the channel identity of {@code typedCode} (any case, surrounding spaces ignored) to the
   * account; linking an identity the account already has is a no-op that answers the same.
   *
   * @throws ProblemException 404 {@code invalid_link_code} for an unknown, expired or used code;
   *     409 {@code channel_already_linked}; 429 after too many wrong codes
   */
  public LinkedChannelView link(UUID userId, String typedCode) {
    String key = "link:" + userId;
    checkAllowed(key);
    Optional<String> code = LinkCodeGenerator.normalize(typedCode);
    Redemption redemption =
        code.isEmpty()
            ? new Redemption(Outcome.INVALID_CODE, null)
            : QuarkusTransaction.requiringNew().call(() -> redeem(userId, code.get()));
    switch (redemption.outcome()) {
      case INVALID_CODE -> {
        throttle.recordFailure(key, config.maxFailures());
        throw ProblemException.of(
            404,
            "invalid_link_code",
            "Invalid link code",
            "This link code is unknown, expired or already used; ask the channel for a new one");
      }
      case LINKED_ELSEWHERE ->
          throw ProblemException.of(
              409,
              "channel_already_linked",
              "Channel already linked",
              "This channel account is linked to another Switchboard account");
      default -> {
        return redemption.channel();
      }
    }
  }

  private Redemption redeem(UUID userId, String code) {
    if (User.findLive(userId).isEmpty()) {
      throw ProblemException.notFound("Account");
    }
    int consumed = entityManager.createNativeQuery(CONSUME).setParameter(1, code).executeUpdate();
    if (consumed == 0) {
      return new Redemption(Outcome.INVALID_CODE, null);
    }
    LinkCode linkCode = LinkCode.findById(code);
    entityManager
        .createNativeQuery(LOCK_IDENTITY)
        .setParameter(1, "linked_channel:" + linkCode.channelType + ":" + linkCode.channelUserId)
        .getSingleResult();
    Optional<LinkedChannel> existing =
        LinkedChannel.findByIdentity(linkCode.channelType, linkCode.channelUserId);
    if (existing.isPresent()) {
      LinkedChannel channel = existing.get();
      if (!channel.userId.equals(userId)) {
        return new Redemption(Outcome.LINKED_ELSEWHERE, null);
      }
      if (linkCode.channelUserName != null) {
        channel.channelUserName = linkCode.channelUserName;
      }
      return new Redemption(Outcome.LINKED, channel.toView());
    }
    LinkedChannel channel = new LinkedChannel();
    channel.id = UUID.randomUUID();
    channel.userId = userId;
    channel.channelType = linkCode.channelType;
    channel.channelUserId = linkCode.channelUserId;
    channel.channelUserName = linkCode.channelUserName;
    channel.linkedAt = linkCode.usedAt;
    channel.persist();
    return new Redemption(Outcome.LINKED, channel.toView());
  }

  /** The login throttle's 429, worded for link codes. */
  private void checkAllowed(String key) {
    try {
      throttle.checkAllowed(key);
    } catch (ProblemException e) {
      throw new ProblemException(
          Problem.of(
              ProblemCode.RATE_LIMITED,
              "Too many wrong link codes; try again in " + e.retryAfterSeconds() + " seconds"),
          e.retryAfterSeconds());
    }
  }
}
