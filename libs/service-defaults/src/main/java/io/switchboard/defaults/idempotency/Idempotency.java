package io.switchboard.defaults.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.defaults.idempotency.IdempotencyStore.Entry;
import io.switchboard.defaults.problem.Problem;
import io.switchboard.defaults.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Honours the {@code Idempotency-Key} header on POSTs that create things (API.md): the first
 * request with a key runs and its successful answer is kept for 24 hours; a retry with the same key
 * and the same body gets that answer again (header {@code Idempotent-Replayed: true}) and creates
 * nothing. The same key with a different body → 422 {@code idempotency_key_reused}; while the first
 * is still running → 409 {@code idempotency_in_progress} with {@code Retry-After}. A failed request
 * (an error answer or an exception) keeps nothing, so it may be retried. Keys are per user and per
 * endpoint ({@code scope}). Call it from the resource method, outside any transaction.
 */
@ApplicationScoped
public class Idempotency {

  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED = "Idempotent-Replayed";
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
  static final Duration RETENTION = Duration.ofHours(24);
  private static final Duration PURGE_EVERY = Duration.ofHours(1);

  private final IdempotencyStore store;
  private final ObjectMapper mapper;
  private final AtomicLong nextPurge = new AtomicLong();

  public Idempotency(IdempotencyStore store, ObjectMapper mapper) {
    this.store = store;
    this.mapper = mapper;
  }

  /**
   * Runs {@code action} once per {@code key}; without a key it simply runs. {@code request} is what
   * "the same request" means (its JSON form is hashed and stored): pass the parsed body, minus any
   * secret (a hash of a weak secret could be guessed).
   */
  public Response once(
      String userId, String scope, String key, Object request, Supplier<Response> action) {
    if (key == null) {
      return action.get();
    }
    if (!KEY.matcher(key).matches()) {
      throw ProblemException.validation(HEADER, "must be 1 to 255 visible ASCII characters");
    }
    purgeNowAndThen();
    String fingerprint = fingerprint(request);
    if (!store.claim(userId, scope, key, fingerprint)) {
      Optional<Entry> existing = store.find(userId, scope, key);
      if (existing.isEmpty()) {
        // Released between our claim and our read: the first attempt failed; this one runs.
        return once(userId, scope, key, request, action);
      }
      return replay(existing.get(), fingerprint);
    }
    Response response;
    try {
      response = action.get();
    } catch (RuntimeException | Error e) {
      store.release(userId, scope, key);
      throw e;
    }
    if (response.getStatus() >= 200 && response.getStatus() < 300) {
      String location = response.getLocation() == null ? null : response.getLocation().toString();
      store.complete(
          userId, scope, key, response.getStatus(), json(response.getEntity()), location);
    } else {
      store.release(userId, scope, key);
    }
    return response;
  }

  /** Old keys go at most once an hour, on the way, so no extra thread is needed. */
  private void purgeNowAndThen() {
    long now = System.currentTimeMillis();
    long due = nextPurge.get();
    if (now >= due && nextPurge.compareAndSet(due, now + PURGE_EVERY.toMillis())) {
      store.purge(RETENTION);
    }
  }

  private static Response replay(Entry entry, String fingerprint) {
    if (!entry.fingerprint().equals(fingerprint)) {
      throw ProblemException.of(
          422,
          "idempotency_key_reused",
          "Unprocessable content",
          "This Idempotency-Key was used for a different request");
    }
    if (entry.status() == null) {
      throw new ProblemException(
          Problem.of(
              409,
              "idempotency_in_progress",
              "Conflict",
              "A request with this Idempotency-Key is still being processed"),
          1);
    }
    Response.ResponseBuilder answer = Response.status(entry.status()).header(REPLAYED, "true");
    if (entry.body() != null) {
      answer.entity(entry.body()).type(MediaType.APPLICATION_JSON_TYPE);
    }
    if (entry.location() != null) {
      answer.header(HttpHeaders.LOCATION, entry.location());
    }
    return answer.build();
  }

  private String fingerprint(Object request) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(json(request).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String json(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }
}
