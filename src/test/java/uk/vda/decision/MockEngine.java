package uk.vda.decision;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.util.List;
import uk.vda.engine.PolicyEngine;

/**
 * A mocked engine whose series run each evaluation alone through the mocked {@code evaluate}: the tests stub and
 * count {@code evaluate} whichever way the service asks.
 */
final class MockEngine {
    private MockEngine() {}

    static PolicyEngine mocked() {
        PolicyEngine engine = mock(PolicyEngine.class);
        given(engine.series(any())).willAnswer(call -> {
            @SuppressWarnings("unchecked")
            List<Object> shared = List.copyOf((java.util.Collection<Object>) call.getArgument(0));
            return PolicyEngine.Series.eachAlone(shared, engine::evaluate);
        });
        return engine;
    }
}
