package io.switchboard.model.config;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Lets one JSON string be as long as a base64 voice recording of 25 MiB (about 35 million
 * characters; Jackson's default is 20 million). The whole body stays bounded by {@code
 * quarkus.http.limits.max-body-size}.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

  static final int MAX_STRING = 40_000_000;

  @Override
  public void customize(ObjectMapper mapper) {
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxStringLength(MAX_STRING).build());
  }
}
