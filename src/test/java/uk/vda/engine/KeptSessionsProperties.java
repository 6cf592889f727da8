package uk.vda.engine;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import uk.vda.decision.DecisionRequest;

/**
 * Whatever a kept session answered before, the next question gets the answer a new session gives it, word for
 * word (docs/decisions/0017).
 */
class KeptSessionsProperties {

    @Provide
    Arbitrary<DecisionRequest> questions() {
        return Arbitraries.randomValue(random -> KeptSessions.shipped().question(random));
    }

    @Property(tries = 300)
    void aQuestionAfterAnyOtherIsAnsweredAsOnANewSession(
            @ForAll("questions") DecisionRequest before, @ForAll("questions") DecisionRequest question) {
        KeptSessions engines = KeptSessions.shipped();
        engines.decisions.decide(before);
        assertThat(KeptSessions.withoutId(engines.decisions.decide(question)))
                .isEqualTo(KeptSessions.withoutId(engines.freshDecisions.decide(question)));
        engines.decisions.decideTraced(before);
        assertThat(KeptSessions.withoutId(engines.decisions.decideTraced(question)))
                .as("the same answer, and the same rules fired for it")
                .isEqualTo(KeptSessions.withoutId(engines.freshDecisions.decideTraced(question)));
    }
}
