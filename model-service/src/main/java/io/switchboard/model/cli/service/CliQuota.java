package io.switchboard.model.cli.service;

import io.switchboard.model.completion.service.CompletionListener;
import io.switchboard.model.config.CliConfig;
import io.switchboard.model.provider.ChatResponse;
import io.switchboard.model.provider.ProviderException;
import io.switchboard.model.provider.ProviderKind;
import io.switchboard.model.registry.Model;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Per CLI tool and UTC day: requests and tokens, and whether the tool is exhausted (its output said
 * so, until the next UTC midnight; or its configured daily request limit is reached). Kept in
 * PostgreSQL so every replica sees the same state.
 */
@ApplicationScoped
public class CliQuota implements CompletionListener {

  /** Today's usage of one tool. */
  public record Usage(long requests, long inputTokens, long outputTokens, LocalDate date) {}

  /** One tool's quota state. */
  public record State(
      String provider, boolean exhausted, Instant resetsAt, Usage usage, Integer limit) {}

  private final EntityManager em;
  private final CliConfig config;
  private final Clock clock = Clock.systemUTC();

  public CliQuota(EntityManager em, CliConfig config) {
    this.em = em;
    this.config = config;
  }

  @Override
  @Transactional
  public void completed(Model model, ChatResponse response) {
    if (!model.provider.equals(ProviderKind.CLI.wire())) {
      return;
    }
    em.createNativeQuery(
            "INSERT INTO cli_usage (provider, day, requests, input_tokens, output_tokens)"
                + " VALUES (?1, ?2, 1, ?3, ?4) ON CONFLICT (provider, day) DO UPDATE SET"
                + " requests = cli_usage.requests + 1,"
                + " input_tokens = cli_usage.input_tokens + EXCLUDED.input_tokens,"
                + " output_tokens = cli_usage.output_tokens + EXCLUDED.output_tokens")
        .setParameter(1, model.modelId)
        .setParameter(2, today())
        .setParameter(3, response.usage().inputTokens())
        .setParameter(4, response.usage().outputTokens())
        .executeUpdate();
  }

  @Override
  @Transactional
  public void failed(Model model, ProviderException failure) {
    if (!model.provider.equals(ProviderKind.CLI.wire())
        || failure.kind() != ProviderException.Kind.QUOTA) {
      return;
    }
    String message =
        failure.getMessage().length() > 500
            ? failure.getMessage().substring(0, 500)
            : failure.getMessage();
    em.createNativeQuery(
            "INSERT INTO cli_exhaustion (provider, exhausted_until, message) VALUES (?1, ?2, ?3) ON"
                + " CONFLICT (provider) DO UPDATE SET exhausted_until = EXCLUDED.exhausted_until,"
                + " message = EXCLUDED.message")
        .setParameter(1, model.modelId)
        .setParameter(2, Timestamp.from(nextReset()))
        .setParameter(3, message)
        .executeUpdate();
  }

  @Transactional
  public boolean exhausted(String tool) {
    return state(tool).exhausted();
  }

  @Transactional
  public State state(String tool) {
    LocalDate day = today();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT requests, input_tokens, output_tokens FROM cli_usage WHERE provider = ?1"
                    + " AND day = ?2")
            .setParameter(1, tool)
            .setParameter(2, day)
            .getResultList();
    Usage usage =
        rows.isEmpty()
            ? new Usage(0, 0, 0, day)
            : new Usage(num(rows.get(0)[0]), num(rows.get(0)[1]), num(rows.get(0)[2]), day);
    @SuppressWarnings("unchecked")
    List<Object> until =
        em.createNativeQuery("SELECT exhausted_until FROM cli_exhaustion WHERE provider = ?1")
            .setParameter(1, tool)
            .getResultList();
    Instant now = clock.instant();
    Instant signalled = until.isEmpty() ? null : instant(until.get(0));
    Integer limit =
        config.tools().containsKey(tool)
            ? config.tools().get(tool).dailyRequests().orElse(null)
            : null;
    boolean byOutput = signalled != null && signalled.isAfter(now);
    boolean byLimit = limit != null && usage.requests() >= limit;
    Instant resetsAt = byOutput ? signalled : byLimit ? nextReset() : null;
    return new State(tool, byOutput || byLimit, resetsAt, usage, limit);
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }

  private Instant nextReset() {
    return today().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static long num(Object o) {
    return o == null ? 0 : ((Number) o).longValue();
  }

  private static Instant instant(Object o) {
    if (o instanceof Timestamp t) {
      return t.toInstant();
    }
    if (o instanceof java.time.OffsetDateTime odt) {
      return odt.toInstant();
    }
    return o instanceof Instant i ? i : null;
  }
}
