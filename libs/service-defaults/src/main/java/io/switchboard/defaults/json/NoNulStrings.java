package io.switchboard.defaults.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Refuses the NUL character (U+0000) in every JSON string a request carries: PostgreSQL cannot
 * store it in text, so it would otherwise surface as a database error deep inside a write. The
 * client gets 400 {@code validation_failed} naming the field instead.
 */
@Singleton
public class NoNulStrings implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    SimpleModule module = new SimpleModule("switchboard-no-nul");
    module.addDeserializer(String.class, new Deserializer());
    mapper.registerModule(module);
  }

  static final class Deserializer extends StringDeserializer {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String value = super.deserialize(parser, context);
      if (value != null && value.indexOf('\u0000') >= 0) {
        throw InvalidFormatException.from(
            parser, "must not contain the NUL character", value, String.class);
      }
      return value;
    }
  }
}
