package io.tollgate.gateway.limits.boundary;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A project limit as the limits endpoints take it: a whole number up to {@code max}, where {@code 0} and null both
 * mean no limit. One rule, in one set of words, for the rate limits, the settings and the portal's limit fields.
 */
@Constraint(validatedBy = Limit.Check.class)
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
public @interface Limit {

    /** The words after the field's name: "'max_tokens_per_1_minute' must be a positive integer, …". */
    String MESSAGE = "must be a positive integer, or 0 or null for no limit";

    /** {@link Integer#MAX_VALUE} for a limit the store keeps as an int. */
    long max() default Long.MAX_VALUE;

    String message() default MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The rule itself, for a form that checks one typed value. */
    class Check implements ConstraintValidator<Limit, Long> {

        private long max;

        @Override
        public void initialize(Limit limit) {
            max = limit.max();
        }

        @Override
        public boolean isValid(Long value, ConstraintValidatorContext context) {
            return valid(value, max);
        }

        public static boolean valid(Long value, long max) {
            return value == null || value >= 0 && value <= max;
        }
    }
}
