package io.switchboard.skill.support;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** Points skill-service's vault REST client at {@link VaultStub} in every test. */
public class VaultStubConfigSource implements ConfigSource {

  private static final String KEY = "quarkus.rest-client.vault.url";

  @Override
  public Set<String> getPropertyNames() {
    return Set.of(KEY);
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(KEY, VaultStub.url());
  }

  @Override
  public String getValue(String propertyName) {
    return KEY.equals(propertyName) ? VaultStub.url() : null;
  }

  @Override
  public String getName() {
    return "vault-stub";
  }

  @Override
  public int getOrdinal() {
    return 500;
  }
}
