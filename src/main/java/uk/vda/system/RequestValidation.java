package uk.vda.system;

import jakarta.validation.Validator;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.Errors;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code @Valid} request bodies are validated by the application's validator, as Spring MVC does by default, except
 * that a body whose constraints all plainly hold ({@link PlainConstraints}) is let through without it: the same
 * requests pass, and every refused one gets the validator's own errors.
 */
@Configuration(proxyBeanMethods = false)
class RequestValidation implements WebMvcConfigurer {
    private final Validator validator;

    RequestValidation(Validator validator) {
        this.validator = validator;
    }

    @Override
    public org.springframework.validation.Validator getValidator() {
        return new PlainFirst(validator);
    }

    /** The validator as Spring MVC sees it: for method validation and anything else, the application's own. */
    static final class PlainFirst extends SpringValidatorAdapter {
        private final PlainConstraints plain;

        PlainFirst(Validator validator) {
            super(validator);
            this.plain = new PlainConstraints(validator);
        }

        @Override
        public void validate(Object target, Errors errors) {
            if (!plain.allHold(target)) {
                super.validate(target, errors);
            }
        }

        @Override
        public void validate(Object target, Errors errors, Object... validationHints) {
            if (validationHints.length > 0 || !plain.allHold(target)) {
                super.validate(target, errors, validationHints);
            }
        }
    }
}
