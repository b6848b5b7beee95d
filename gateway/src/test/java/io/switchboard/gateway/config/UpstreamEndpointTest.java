package io.switchboard.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamEndpointTest {

  @Test
  void shouldParseHostAndPort() {
    assertEquals(
        new UpstreamEndpoint("agent-service", 8082, false),
        UpstreamEndpoint.parse("agent", "http://agent-service:8082"));
  }

  @Test
  void shouldDefaultPortsBySchemeAndIgnoreAPath() {
    assertEquals(
        new UpstreamEndpoint("vault.example", 443, true),
        UpstreamEndpoint.parse("vault", "https://vault.example/base"));
    assertEquals(
        new UpstreamEndpoint("model", 80, false),
        UpstreamEndpoint.parse("model", " http://model "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:8082", "ftp://host:21", "http://", "not a url", ""})
  void shouldRefuseUrlsItCannotUseNamingTheKey(String url) {
    IllegalStateException error =
        assertThrows(IllegalStateException.class, () -> UpstreamEndpoint.parse("skill", url));
    assertTrue(error.getMessage().contains("switchboard.gateway.services.skill.url"));
  }

  @Test
  void shouldNameServicesAfterTheirKeys() {
    assertEquals("pipeline-service", UpstreamService.PIPELINE.serviceName());
    assertEquals("auth", UpstreamService.AUTH.key());
  }
}
