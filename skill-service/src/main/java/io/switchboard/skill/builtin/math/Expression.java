package io.switchboard.skill.builtin.math;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small recursive-descent evaluator for arithmetic: numbers, {@code + - * / % ^}, parentheses,
 * the constants {@code pi} and {@code e} and a fixed set of functions. No variables, no script
 * engine, bounded nesting. Throws {@link IllegalArgumentException} with a message fit for the
 * caller on any error.
 */
public final class Expression {

  public static final int MAX_LENGTH = 1000;
  private static final int MAX_DEPTH = 64;

  private final String text;
  private int pos;
  private int depth;

  private Expression(String text) {
    this.text = text;
  }

  public static double evaluate(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("The expression is empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("The expression is longer than " + MAX_LENGTH);
    }
    Expression parser = new Expression(text);
    double value = parser.expression();
    parser.skipSpaces();
    if (parser.pos < text.length()) {
      throw parser.error("Unexpected '" + text.charAt(parser.pos) + "'");
    }
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("The result is not a finite number");
    }
    return value;
  }

  private double expression() {
    enter();
    double value = term();
    while (true) {
      if (eat('+')) {
        value += term();
      } else if (eat('-')) {
        value -= term();
      } else {
        depth--;
        return value;
      }
    }
  }

  private double term() {
    double value = unary();
    while (true) {
      if (eat('*')) {
        value *= unary();
      } else if (eat('/')) {
        value = divide(value, unary(), false);
      } else if (eat('%')) {
        value = divide(value, unary(), true);
      } else {
        return value;
      }
    }
  }

  private double divide(double left, double right, boolean remainder) {
    if (right == 0) {
      throw error("Division by zero");
    }
    return remainder ? left % right : left / right;
  }

  private double unary() {
    enter();
    double value = eat('-') ? -unary() : eat('+') ? unary() : power();
    depth--;
    return value;
  }

  private double power() {
    double base = primary();
    return eat('^') ? Math.pow(base, unary()) : base;
  }

  private double primary() {
    skipSpaces();
    if (eat('(')) {
      double value = expression();
      expect(')');
      return value;
    }
    if (pos >= text.length()) {
      throw error("Unexpected end");
    }
    if (Character.isDigit(peek()) || peek() == '.') {
      return number();
    }
    if (Character.isLetter(peek())) {
      return name();
    }
    throw error("Unexpected '" + peek() + "'");
  }

  private double number() {
    int start = pos;
    while (pos < text.length() && (Character.isDigit(peek()) || peek() == '.')) {
      pos++;
    }
    if (pos < text.length() && (peek() == 'e' || peek() == 'E')) {
      int mark = pos++;
      if (pos < text.length() && (peek() == '+' || peek() == '-')) {
        pos++;
      }
      if (!digitAhead()) {
        pos = mark;
      }
      while (digitAhead()) {
        pos++;
      }
    }
    try {
      return Double.parseDouble(text.substring(start, pos));
    } catch (NumberFormatException e) {
      throw error("Not a number: " + text.substring(start, pos));
    }
  }

  private double name() {
    int start = pos;
    while (pos < text.length() && Character.isLetterOrDigit(peek())) {
      pos++;
    }
    String name = text.substring(start, pos).toLowerCase(Locale.ROOT);
    if (!eat('(')) {
      return switch (name) {
        case "pi" -> Math.PI;
        case "e" -> Math.E;
        default -> throw error("Unknown name '" + name + "'");
      };
    }
    List<Double> args = new ArrayList<>();
    if (!eat(')')) {
      do {
        args.add(expression());
      } while (eat(','));
      expect(')');
    }
    return Functions.apply(name, args, this::error);
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error("The expression is nested too deeply");
    }
  }

  private boolean eat(char c) {
    skipSpaces();
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!eat(c)) {
      throw error("Expected '" + c + "'");
    }
  }

  private char peek() {
    return text.charAt(pos);
  }

  private boolean digitAhead() {
    return pos < text.length() && Character.isDigit(peek());
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(message + " at position " + (pos + 1));
  }
}
