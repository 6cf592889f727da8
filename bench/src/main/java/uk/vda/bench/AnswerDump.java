package uk.vda.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

import uk.vda.decision.DecisionRequest;

/** Writes every answer (uncached) to the benchmark's questions and to 4,000 distinct ones, for comparing builds. */
public final class AnswerDump {
    public static void main(String[] args) throws IOException {
        Engines engines = new Engines();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0])))) {
            for (DecisionRequest q : engines.questions) {
                out.println(engines.uncached.decide(q));
            }
            Inputs.Distinct distinct = new Inputs.Distinct(Engines.SEED + 1, ConcurrentHashMap.newKeySet());
            for (int i = 0; i < 4000; i++) {
                out.println(engines.uncached.decide(distinct.next()));
            }
        }
    }
}
