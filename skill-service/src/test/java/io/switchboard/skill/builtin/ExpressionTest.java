package io.switchboard.skill.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.skill.builtin.math.Expression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "1 + 2 * 3; 7",
        "(1 + 2) * 3; 9",
        "2 ^ 3 ^ 2; 512",
        "-2 ^ 2; -4",
        "10 % 4; 2",
        "7 / 2; 3.5",
        "sqrt(16) + abs(-3); 7",
        "max(1, 5, 3) - min(4, 2); 3",
        "pow(2, 10); 1024",
        "1.5e3 + 1E-1; 1500.1",
        "round(2.5) + floor(1.9) + ceil(1.1); 6",
        "log(1000) + ln(e) + log2(8); 7",
        "--3; 3"
      })
  void shouldEvaluateArithmetic(String expression, double expected) {
    assertThat(Expression.evaluate(expression)).isCloseTo(expected, within(1e-9));
  }

  @Test
  void shouldKnowPi() {
    assertThat(Expression.evaluate("cos(pi)")).isCloseTo(-1, within(1e-12));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1 +",
        "2 * (3",
        "foo(1)",
        "x + 1",
        "1 / 0",
        "5 % 0",
        "sqrt(1, 2)",
        "1 2",
        "java.lang.System.exit(0)",
        "sqrt(-1)",
        "10 ^ 400",
        "max()"
      })
  void shouldRefuseWhatIsNotSafeArithmetic(String expression) {
    assertThatThrownBy(() -> Expression.evaluate(expression))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseDeepNestingWithoutOverflowingTheStack() {
    String deep = "(".repeat(400) + "1" + ")".repeat(400);
    assertThatThrownBy(() -> Expression.evaluate(deep))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nested too deeply");
    assertThatThrownBy(() -> Expression.evaluate("-".repeat(900) + "1"))
        .hasMessageContaining("nested too deeply");
  }

  @Test
  void shouldRefuseOverlongExpressions() {
    assertThatThrownBy(() -> Expression.evaluate("1+".repeat(600) + "1"))
        .hasMessageContaining("longer than");
  }
}
