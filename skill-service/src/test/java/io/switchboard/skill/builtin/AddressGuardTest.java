package io.switchboard.skill.builtin;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.skill.builtin.http.AddressGuard;
import io.switchboard.skill.config.HttpToolConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {

  private static HttpToolConfig config(List<String> allowed, List<String> privateHosts) {
    return new HttpToolConfig() {
      public Optional<List<String>> allowedHosts() {
        return Optional.ofNullable(allowed);
      }

      public Optional<List<String>> allowedPrivateHosts() {
        return Optional.ofNullable(privateHosts);
      }

      public int maxBytes() {
        return 1024;
      }

      public Duration timeout() {
        return Duration.ofSeconds(1);
      }

      public int maxRedirects() {
        return 1;
      }
    };
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1/",
        "http://localhost:8080/",
        "http://127.1.2.3/",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://192.168.1.1/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
        "http://[fd00::1]/",
        "http://[fe80::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://2130706433/",
        "http://0x7f000001/",
        "file:///etc/passwd",
        "ftp://example.com/",
        "gopher://127.0.0.1/"
      })
  void shouldRefusePrivateLoopbackMetadataAndNonHttpTargets(String url) {
    AddressGuard guard = new AddressGuard(config(null, null));
    assertThatThrownBy(() -> guard.check(URI.create(url))).isInstanceOf(AddressGuard.Refused.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://[64:ff9b::169.254.169.254]/",
        "http://[64:ff9b::7f00:1]/",
        "http://[64:ff9b:1::a00:1]/",
        "http://[2002:a9fe:a9fe::1]/",
        "http://[2002:7f00:1::]/",
        "http://[2002:c0a8:101::]/",
        "http://[::169.254.169.254]/"
      })
  void shouldRefuseIpv4AddressesHiddenInNat64And6to4Addresses(String url) {
    AddressGuard guard = new AddressGuard(config(null, null));
    assertThatThrownBy(() -> guard.check(URI.create(url))).isInstanceOf(AddressGuard.Refused.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://0177.0.0.1/",
        "http://0x7f.0.0.1/",
        "http://017700000001/",
        "http://0xa9fea9fe/",
        "http://0251.0376.0251.0376/",
        "http://127.1/",
        "http://0/",
        "http://010.0.0.1/"
      })
  void shouldRefuseNumericHostsInNonCanonicalForms(String url) {
    AddressGuard guard = new AddressGuard(config(null, null));
    assertThatThrownBy(() -> guard.check(URI.create(url)))
        .isInstanceOf(AddressGuard.Refused.class)
        // java.net.URI finds no host in some of them: refused as well
        .hasMessageMatching(".*(non-canonical|has no host).*");
  }

  @Test
  void shouldAllowAPrivateHostOnlyWhenConfiguredByName() throws Exception {
    AddressGuard guard = new AddressGuard(config(null, List.of("127.0.0.1")));
    guard.check(URI.create("http://127.0.0.1:9/x"));
    assertThatThrownBy(() -> guard.check(URI.create("http://localhost:9/x")))
        .isInstanceOf(AddressGuard.Refused.class)
        .hasMessageContaining("loopback");
  }

  @Test
  void shouldRefuseHostsOffTheAllowList() {
    AddressGuard guard =
        new AddressGuard(config(List.of("*.example.com", "api.test"), List.of("api.test")));
    assertThatThrownBy(() -> guard.check(URI.create("http://other.org/")))
        .hasMessageContaining("allow-list");
    assertThatCode(() -> guard.check(URI.create("http://api.test/"))).doesNotThrowAnyException();
  }
}
