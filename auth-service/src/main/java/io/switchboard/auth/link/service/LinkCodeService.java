package io.switchboard.auth.link.service;

import io.switchboard.auth.link.LinkCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Issues link codes to channel integrations. */
@ApplicationScoped
public class LinkCodeService {

  /** With 2^30 codes a collision is rare; ten in a row means something is badly wrong. */
  private static final int MAX_ATTEMPTS = 10;

  private static final String DELETE_EXPIRED = "DELETE FROM link_code WHERE expires_at <= now()";
  private static final String LOCK_CODE = "SELECT pg_advisory_xact_lock(hashtext(?1))";

  private final LinkCodeGenerator generator;
  private final LinkConfig config;
  private final EntityManager entityManager;

  public LinkCodeService(
      LinkCodeGenerator generator, LinkConfig config, EntityManager entityManager) {
    this.generator = generator;
    this.config = config;
    this.entityManager = entityManager;
  }

  /**
   * Stores a new code for a channel identity, unique among the codes not yet expired (a drawn code
   * that is taken is drawn again), valid for {@link LinkConfig#codeLifetime()}. Expired codes are
   * deleted on the way.
   */
  @Transactional
  public LinkCode issue(String channelType, String channelUserId, String channelUserName) {
    entityManager.createNativeQuery(DELETE_EXPIRED).executeUpdate();
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      String candidate = generator.next();
      // Two issuers that drew the same code queue here; the second then sees the first's row.
      entityManager
          .createNativeQuery(LOCK_CODE)
          .setParameter(1, "link_code:" + candidate)
          .getSingleResult();
      if (LinkCode.findById(candidate) == null) {
        return store(candidate, channelType, channelUserId, channelUserName);
      }
    }
    throw new IllegalStateException("No free link code after " + MAX_ATTEMPTS + " attempts");
  }

  private LinkCode store(
      String code, String channelType, String channelUserId, String channelUserName) {
    LinkCode linkCode = new LinkCode();
    linkCode.code = code;
    linkCode.channelType = channelType;
    linkCode.channelUserId = channelUserId.trim();
    linkCode.channelUserName =
        channelUserName == null || channelUserName.isBlank() ? null : channelUserName.trim();
    linkCode.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    linkCode.expiresAt = linkCode.createdAt.plus(config.codeLifetime());
    linkCode.persist();
    return linkCode;
  }
}
