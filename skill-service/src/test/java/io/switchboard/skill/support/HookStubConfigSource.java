package io.switchboard.skill.support;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** Points skill-service's agent-service REST client at {@link HookStub} in every test. */
public class HookStubConfigSource implements ConfigSource {

  private static final String KEY = "quarkus.rest-client.agent-service.url";

  @Override
  public Set<String> getPropertyNames() {
    return Set.of(KEY);
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(KEY, HookStub.url());
  }

  @Override
  public String getValue(String propertyName) {
    return KEY.equals(propertyName) ? HookStub.url() : null;
  }

  @Override
  public String getName() {
    return "hook-stub";
  }

  @Override
  public int getOrdinal() {
    return 500;
  }
}
