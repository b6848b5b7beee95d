package io.switchboard.defaults.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Puts this service's own token on every call of a REST client to another service's {@code
 * /internal/*} API: {@code @RegisterClientHeaders(ServiceTokenHeaders.class)}. The caller's user
 * token is never forwarded there; the user is named in the request body instead.
 */
@ApplicationScoped
public class ServiceTokenHeaders implements ClientHeadersFactory {

  private final ServiceTokens tokens;

  public ServiceTokenHeaders(ServiceTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public MultivaluedMap<String, String> update(
      MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
    MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
    headers.putSingle("Authorization", "Bearer " + tokens.bearer());
    return headers;
  }
}
