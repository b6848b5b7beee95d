package io.switchboard.defaults.request;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** Forwards the current request's correlation id on every outgoing REST client call. */
@Provider
public class RequestIdClientFilter implements ClientRequestFilter {

  @Override
  public void filter(ClientRequestContext request) {
    String id = RequestIds.current();
    if (id != null && !request.getHeaders().containsKey(RequestIds.HEADER)) {
      request.getHeaders().putSingle(RequestIds.HEADER, id);
    }
  }
}
