package io.switchboard.model.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.model.config.ModelsConfig.EndpointPolicy;
import io.switchboard.model.registry.service.EndpointGuard;
import io.switchboard.model.testing.TestModelsConfig;
import org.junit.jupiter.api.Test;

class EndpointGuardTest {

  private static EndpointGuard guard(EndpointPolicy policy) {
    return new EndpointGuard(
        new TestModelsConfig("") {
          @Override
          public EndpointPolicy allowPrivateEndpoints() {
            return policy;
          }
        });
  }

  private static String code(EndpointGuard guard, String endpoint) {
    try {
      guard.check(endpoint);
      return "allowed";
    } catch (ProblemException e) {
      return e.problem().code();
    }
  }

  @Test
  void shouldAllowPrivateButNeverMetadataByDefault() {
    EndpointGuard g = guard(EndpointPolicy.PRIVATE);

    assertThat(code(g, "http://127.0.0.1:11434")).isEqualTo("allowed");
    assertThat(code(g, "http://10.0.0.5:8000/v1")).isEqualTo("allowed");
    assertThat(code(g, "http://[::1]:1234")).isEqualTo("allowed");
    assertThat(code(g, "http://169.254.169.254")).isEqualTo("endpoint_not_allowed");
    assertThat(code(g, "http://[::ffff:169.254.169.254]")).isEqualTo("endpoint_not_allowed");
    assertThat(code(g, "http://100.100.100.200")).isEqualTo("endpoint_not_allowed");
    assertThat(code(g, "http://METADATA.google.internal")).isEqualTo("endpoint_not_allowed");
    assertThat(code(g, "http://224.0.0.1")).isEqualTo("endpoint_not_allowed");
  }

  @Test
  void shouldRefuseLoopbackAndPrivateRangesWhenPublicOnly() {
    EndpointGuard g = guard(EndpointPolicy.PUBLIC);

    assertThat(code(g, "http://127.0.0.1:11434")).isEqualTo("endpoint_not_allowed");
    assertThat(code(g, "http://localhost:11434")).isEqualTo("endpoint_not_allowed");
    assertThat(code(g, "http://0.0.0.0:80")).isEqualTo("endpoint_not_allowed");
    assertThat(code(g, "http://192.168.1.10")).isEqualTo("endpoint_not_allowed");
    assertThat(code(g, "http://172.16.0.1")).isEqualTo("endpoint_not_allowed");
    assertThat(code(g, "http://[fd12::1]")).isEqualTo("endpoint_not_allowed");
    assertThat(code(g, "http://100.64.0.1")).isEqualTo("endpoint_not_allowed");
    assertThat(code(g, "https://93.184.216.34")).isEqualTo("allowed");
  }

  @Test
  void shouldSeeTheIpv4AddressInsideCompatibleNat64And6to4Ipv6Addresses() {
    EndpointGuard g = guard(EndpointPolicy.PRIVATE);

    assertThat(code(g, "http://[::169.254.169.254]")).isEqualTo("endpoint_not_allowed");
    assertThat(code(g, "http://[::a9fe:a9fe]")).isEqualTo("endpoint_not_allowed");
    assertThat(code(g, "http://[64:ff9b::169.254.169.254]")).isEqualTo("endpoint_not_allowed");
    assertThat(code(g, "http://[2002:a9fe:a9fe::1]")).isEqualTo("endpoint_not_allowed");
    assertThat(code(g, "http://2852039166")).isEqualTo("endpoint_not_allowed");
    assertThat(code(g, "http://[2002:5db8:d822::1]")).isEqualTo("allowed");

    EndpointGuard publicOnly = guard(EndpointPolicy.PUBLIC);
    assertThat(code(publicOnly, "http://[::127.0.0.1]")).isEqualTo("endpoint_not_allowed");
    assertThat(code(publicOnly, "http://[64:ff9b::10.0.0.1]")).isEqualTo("endpoint_not_allowed");
    assertThat(code(publicOnly, "http://[2002:c0a8:0101::]")).isEqualTo("endpoint_not_allowed");
    assertThat(code(publicOnly, "http://[64:ff9b::93.184.216.34]")).isEqualTo("allowed");
  }

  @Test
  void shouldRefuseNumericHostsInNonCanonicalForms() {
    EndpointGuard g = guard(EndpointPolicy.PRIVATE);

    assertThat(code(g, "http://0xa9fea9fe")).isEqualTo("endpoint_not_allowed");
    assertThat(code(g, "http://0177.0.0.1:11434")).isEqualTo("endpoint_not_allowed");
    assertThat(code(g, "http://2130706433")).isEqualTo("endpoint_not_allowed");
    assertThat(code(g, "http://10.0.0.5:8000/v1")).isEqualTo("allowed");
    assertThat(code(g, "http://0.0.0.0:11434")).isEqualTo("allowed");
  }

  @Test
  void shouldAllowEverythingOnlyWhenExplicitlyConfigured() {
    assertThat(code(guard(EndpointPolicy.ALL), "http://169.254.169.254")).isEqualTo("allowed");
  }

  @Test
  void shouldRefuseMalformedUrls() {
    EndpointGuard g = guard(EndpointPolicy.ALL);

    assertThat(code(g, "http//missing-colon")).isEqualTo("invalid_endpoint");
    assertThat(code(g, "file:///etc/passwd")).isEqualTo("invalid_endpoint");
    assertThat(code(g, "http://example.com/?key=abc")).isEqualTo("invalid_endpoint");
    assertThatThrownBy(() -> g.check("http://exa mple.com")).isInstanceOf(ProblemException.class);
  }
}
