package uk.vda.system;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.module.blackbird.BlackbirdModule;

/**
 * Request bodies are read strictly, for every endpoint at once: what a caller meant is never guessed. A key given
 * twice, a number where a string belongs ({@code "id": 42}), a string or number where a boolean or a date belongs
 * ({@code "codeword": "yes"}, {@code "asOf": 20261128}), an enum by its position ({@code "organisation": 0}), or
 * a second JSON document after the first are all 400s naming the field, through {@code ProblemHandler}. Dates are
 * YYYY-MM-DD within {@link DateRange}.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {
    @Bean
    JsonMapperBuilderCustomizer strictRequests() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(
                        LogicalType.Textual,
                        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Enum,
                        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .addModule(new SimpleModule("strict-dates").addDeserializer(LocalDate.class, new Dates()))
                // Records made through generated code, not MethodHandle.invokeWithArguments per object: reading a
                // request costs a sixth less, and what is read is the same (docs/decisions/0029)
                .addModule(new BlackbirdModule());
    }

    /** A date is a JSON string YYYY-MM-DD (a real date: no 31 June) within range; nothing else. */
    static final class Dates extends ValueDeserializer<LocalDate> {
        private static final DateTimeFormatter ISO =
                DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext context) {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalDate) context.handleUnexpectedToken(LocalDate.class, p);
            }
            String text = p.getString().strip();
            LocalDate date;
            try {
                date = LocalDate.parse(text, ISO);
            } catch (DateTimeParseException e) {
                throw InvalidFormatException.from(p, "not " + DateRange.FORM, text, LocalDate.class);
            }
            if (!DateRange.contains(date)) {
                throw InvalidFormatException.from(p, "not " + DateRange.FORM, text, LocalDate.class);
            }
            return date;
        }

        @Override
        public Class<?> handledType() {
            return LocalDate.class;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.DateTime;
        }
    }
}
