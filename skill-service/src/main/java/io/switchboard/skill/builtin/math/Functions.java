package io.switchboard.skill.builtin.math;

import java.util.List;
import java.util.function.Function;

/** The functions {@link Expression} knows, by name and arity. */
final class Functions {

  private Functions() {}

  static double apply(
      String name, List<Double> args, Function<String, IllegalArgumentException> error) {
    if (name.equals("min") || name.equals("max")) {
      if (args.isEmpty()) {
        throw error.apply(name + " needs at least one argument");
      }
      return name.equals("min")
          ? args.stream().mapToDouble(Double::doubleValue).min().getAsDouble()
          : args.stream().mapToDouble(Double::doubleValue).max().getAsDouble();
    }
    if (name.equals("pow")) {
      arity(name, args, 2, error);
      return Math.pow(args.get(0), args.get(1));
    }
    arity(name, args, 1, error);
    double x = args.get(0);
    return switch (name) {
      case "sqrt" -> Math.sqrt(x);
      case "abs" -> Math.abs(x);
      case "sin" -> Math.sin(x);
      case "cos" -> Math.cos(x);
      case "tan" -> Math.tan(x);
      case "asin" -> Math.asin(x);
      case "acos" -> Math.acos(x);
      case "atan" -> Math.atan(x);
      case "ln" -> Math.log(x);
      case "log" -> Math.log10(x);
      case "log2" -> Math.log(x) / Math.log(2);
      case "exp" -> Math.exp(x);
      case "floor" -> Math.floor(x);
      case "ceil" -> Math.ceil(x);
      case "round" -> Math.round(x);
      default -> throw error.apply("Unknown function '" + name + "'");
    };
  }

  private static void arity(
      String name, List<Double> args, int n, Function<String, IllegalArgumentException> error) {
    if (args.size() != n) {
      throw error.apply(name + " takes " + n + " argument" + (n == 1 ? "" : "s"));
    }
  }
}
