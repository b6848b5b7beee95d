package io.switchboard.model.provider;

/**
 * Where one call goes: the provider kind, its model id, the endpoint (null: the provider's public
 * API) and the API key resolved from the vault for this call only (never stored, logged or shown).
 * {@code toString} leaves the key out.
 */
public record Target(ProviderKind kind, String modelId, String endpoint, String apiKey) {

  public String endpointOr(String publicApi) {
    return endpoint == null || endpoint.isBlank() ? publicApi : endpoint.replaceAll("/+$", "");
  }

  @Override
  public String toString() {
    return kind.wire() + ":" + modelId + "@" + (endpoint == null ? "default" : endpoint);
  }
}
