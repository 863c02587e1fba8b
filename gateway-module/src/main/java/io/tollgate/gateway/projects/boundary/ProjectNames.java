package io.tollgate.gateway.projects.boundary;

import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
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
 * The rule for a project's or service account's name, one copy for the admin API (as the {@link Rule} constraint on
 * its request records) and the portal's forms ({@link #checked}).
 */
public final class ProjectNames {

    public static final int MAX = 200;

    /** What a refused name is told, after its field. */
    public static final String MESSAGE = "must be 1 to " + MAX + " characters";

    private ProjectNames() {
    }

    /** Not blank and at most {@value #MAX} characters, surrounding spaces included. */
    public static boolean valid(String name) {
        return name != null && !name.isBlank() && name.length() <= MAX;
    }

    /** The name without surrounding spaces; refused when blank or longer than {@value #MAX} characters. */
    public static String checked(String name) {
        if (!valid(name)) {
            throw new ApiException(ApiError.invalidRequest("'name' " + MESSAGE + ".", "name"));
        }
        return name.strip();
    }

    /** The rule as a constraint; null passes (required-ness is {@code @NotNull}'s business). */
    @Constraint(validatedBy = Rule.Check.class)
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
    public @interface Rule {

        String message() default MESSAGE;

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        /** {@link ProjectNames#valid}, for Bean Validation. */
        class Check implements ConstraintValidator<Rule, String> {

            @Override
            public boolean isValid(String name, ConstraintValidatorContext context) {
                return name == null || valid(name);
            }
        }
    }
}
