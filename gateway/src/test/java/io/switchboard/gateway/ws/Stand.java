package io.switchboard.gateway.ws;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stand-ins for interfaces (config mappings, handshakes, connections) in unit tests: a {@link
 * Proxy} that answers only what the test names and fails loudly on anything else, so a test can
 * never pass on a value nobody chose.
 */
final class Stand {

  private Stand() {}

  /** Answers the named no-argument methods with the given values. */
  static <T> T in(Class<T> type, Map<String, ?> answers) {
    return in(
        type,
        (name, args) -> {
          if (!answers.containsKey(name)) {
            throw new UnsupportedOperationException(name);
          }
          return answers.get(name);
        });
  }

  /**
   * Answers every call with {@code answers(method name, arguments)}; {@code equals}, {@code
   * hashCode} and {@code toString} are identity-based unless the function answers them.
   */
  static <T> T in(Class<T> type, BiFunction<String, Object[], Object> answers) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) ->
                switch (method.getName()) {
                  case "hashCode" -> System.identityHashCode(self);
                  case "equals" -> self == args[0];
                  case "toString" -> type.getSimpleName() + " stand-in";
                  default -> answers.apply(method.getName(), args);
                }));
  }
}
