package io.switchboard.vault.credential.rest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

/** A string whose UTF-8 encoding fits in {@link #value()} bytes (64 KiB means bytes, not chars). */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = MaxUtf8Bytes.Validator.class)
public @interface MaxUtf8Bytes {

  int value();

  String message() default "must be at most {value} bytes (UTF-8)";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Counts bytes without allocating: 1 to 4 per code point. */
  class Validator implements ConstraintValidator<MaxUtf8Bytes, String> {
    private int max;

    @Override
    public void initialize(MaxUtf8Bytes annotation) {
      max = annotation.value();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null || value.length() * 3L <= max) {
        return true;
      }
      return value.getBytes(StandardCharsets.UTF_8).length <= max;
    }
  }
}
