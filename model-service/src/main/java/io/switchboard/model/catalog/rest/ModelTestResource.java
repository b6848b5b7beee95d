package io.switchboard.model.catalog.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.defaults.security.Roles;
import io.switchboard.model.completion.service.CredentialResolver;
import io.switchboard.model.provider.ChatMessage;
import io.switchboard.model.provider.ChatRequest;
import io.switchboard.model.provider.ChatResponse;
import io.switchboard.model.provider.ProviderException;
import io.switchboard.model.provider.ProviderKind;
import io.switchboard.model.provider.Providers;
import io.switchboard.model.provider.Target;
import io.switchboard.model.registry.service.EndpointGuard;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A real minimal request to a provider, before (or without) registering a model. */
@Path("/api/models/test")
@Tag(name = "Models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelTestResource {

  @Schema(name = "ModelTestRequest")
  public record TestRequest(
      @NotBlank String provider,
      @NotBlank @Size(max = 200) String modelId,
      @Size(max = 2048) String endpoint,
      @Schema(description = "The caller's vault credential") UUID credentialId) {}

  @Schema(name = "ModelTestResult")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TestResult(boolean success, long latencyMs, String message, String error) {}

  private final Providers providers;
  private final EndpointGuard guard;
  private final CredentialResolver credentials;
  private final JsonWebToken jwt;

  public ModelTestResource(
      Providers providers, EndpointGuard guard, CredentialResolver credentials, JsonWebToken jwt) {
    this.providers = providers;
    this.guard = guard;
    this.credentials = credentials;
    this.jwt = jwt;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Test a provider with a real minimal request (admin)",
      description =
          "200 {success:false,error,message} when the provider fails (its error made readable);"
              + " 400 unknown_provider, invalid_endpoint, endpoint_not_allowed (the SSRF rules of"
              + " model endpoints apply).")
  public TestResult test(@Valid @NotNull TestRequest request) {
    ProviderKind kind = ProviderKind.require(request.provider());
    String endpoint =
        request.endpoint() == null || request.endpoint().isBlank() ? null : request.endpoint();
    if (endpoint != null) {
      guard.check(endpoint);
    }
    long start = System.nanoTime();
    String key = null;
    if (request.credentialId() != null) {
      try {
        key =
            credentials.resolve(
                UUID.fromString(jwt.getSubject()), request.credentialId(), "model-test");
      } catch (CredentialResolver.Unavailable e) {
        return new TestResult(false, millis(start), e.getMessage(), "credential_unavailable");
      } catch (ProcessingException | FaultToleranceException e) {
        return new TestResult(
            false, millis(start), "The vault is unreachable", "credential_unavailable");
      }
    }
    try {
      ChatResponse answer =
          providers.chat(
              new Target(kind, request.modelId(), endpoint, key),
              new ChatRequest(List.of(ChatMessage.user("Reply with: ok")), null, 16));
      String text = answer.message().text();
      return new TestResult(
          true, millis(start), text.length() > 200 ? text.substring(0, 200) : text, null);
    } catch (ProviderException e) {
      return new TestResult(false, millis(start), e.getMessage(), e.code());
    }
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
