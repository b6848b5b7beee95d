package io.switchboard.vault.credential.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.switchboard.defaults.page.PageMeta;
import io.switchboard.vault.credential.Credential;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request and response bodies of the vault API. None of the responses carries a value. */
public final class CredentialDtos {

  public static final String NAME_PATTERN = "[A-Za-z0-9_.-]+";
  public static final String NAME_MESSAGE = "must be letters, digits, '_', '.' or '-'";
  public static final String TYPE_PATTERN =
      "api_key|oauth_token|password|ssh_key|certificate|other";
  public static final String TYPE_MESSAGE =
      "must be one of api_key, oauth_token, password, ssh_key, certificate, other";
  public static final int MAX_VALUE = 65536;

  private CredentialDtos() {}

  @Schema(name = "CreateCredentialRequest")
  public record CreateRequest(
      @NotNull @Size(min = 1, max = 100) @Pattern(regexp = NAME_PATTERN, message = NAME_MESSAGE) String name,
      @Schema(description = "The secret; never returned")
          @NotNull @Size(min = 1) @MaxUtf8Bytes(MAX_VALUE)
          String value,
      @NotNull @Pattern(regexp = TYPE_PATTERN, message = TYPE_MESSAGE) String credentialType,
      @Size(max = 500) String description,
      @Size(max = 20) List<@NotNull @Size(max = 50) String> tags,
      @Future Instant expiresAt) {

    /** The request minus its secret: what identifies it for Idempotency-Key. */
    public CreateRequest withoutValue() {
      return new CreateRequest(name, null, credentialType, description, tags, expiresAt);
    }
  }

  @Schema(name = "UpdateCredentialRequest")
  public record UpdateRequest(
      @Size(min = 1, max = 100) @Pattern(regexp = NAME_PATTERN, message = NAME_MESSAGE) String name,
      @Schema(description = "A new value: a new version, like rotate")
          @Size(min = 1) @MaxUtf8Bytes(MAX_VALUE)
          String value,
      @Size(max = 500) String description,
      @Size(max = 20) List<@NotNull @Size(max = 50) String> tags,
      @Future Instant expiresAt) {}

  @Schema(name = "RotateCredentialRequest")
  public record RotateRequest(@Size(min = 1) @MaxUtf8Bytes(MAX_VALUE) String value) {}

  @Schema(name = "RotatedCredential")
  public record RotateResponse(UUID id, int version, Instant rotatedAt) {}

  @Schema(name = "Credential")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CredentialView(
      UUID id,
      String name,
      String credentialType,
      String description,
      List<String> tags,
      @Schema(example = "••••abcd") String preview,
      int version,
      Instant createdAt,
      Instant updatedAt,
      Instant rotatedAt,
      Instant expiresAt) {

    public static CredentialView of(Credential c) {
      return new CredentialView(
          c.id,
          c.name,
          c.credentialType,
          c.description,
          c.tags == null ? List.of() : List.of(c.tags),
          c.preview,
          c.version,
          c.createdAt,
          c.updatedAt,
          c.rotatedAt,
          c.expiresAt);
    }
  }

  @Schema(name = "CredentialList")
  public record CredentialList(List<CredentialView> credentials, @JsonUnwrapped PageMeta page) {}

  @Schema(name = "CredentialAuditEntry")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AuditEntry(String service, String purpose, Instant resolvedAt, String outcome) {}

  @Schema(name = "CredentialAudit")
  public record AuditList(List<AuditEntry> entries) {}

  @Schema(name = "ResolveCredentialRequest")
  public record ResolveRequest(
      @NotNull UUID userId,
      UUID credentialId,
      @Size(max = 100) String name,
      @Size(max = 200) String purpose,
      @Schema(description = "A previous version still inside its rotation grace; default current")
          @Positive Integer version) {}

  @Schema(name = "ResolvedCredential")
  public record ResolveResponse(UUID id, String name, String value, int version) {}
}
