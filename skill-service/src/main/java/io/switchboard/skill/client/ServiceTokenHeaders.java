package io.switchboard.skill.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/** Puts skill-service's service token on calls to other services' {@code /internal/*}. */
@ApplicationScoped
public class ServiceTokenHeaders implements ClientHeadersFactory {

  private final ServiceBearer bearer;

  public ServiceTokenHeaders(ServiceBearer bearer) {
    this.bearer = bearer;
  }

  @Override
  public MultivaluedMap<String, String> update(
      MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
    MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
    headers.putSingle("Authorization", "Bearer " + bearer.token());
    return headers;
  }
}
