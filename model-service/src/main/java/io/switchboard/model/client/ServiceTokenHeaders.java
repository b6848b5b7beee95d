package io.switchboard.model.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/** Puts this service's service token on every call of a REST client that registers it. */
@ApplicationScoped
public class ServiceTokenHeaders implements ClientHeadersFactory {

  private final ServiceTokenSource tokens;

  public ServiceTokenHeaders(ServiceTokenSource tokens) {
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
