package uk.vda.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;
import uk.vda.decision.BatchRequest;
import uk.vda.decision.DecisionRequest;
import uk.vda.decision.DecisionResponse;
import uk.vda.parts.DocumentInput;
import uk.vda.parts.PersonInput;
import uk.vda.policy.Effect;

/**
 * The peer's time for the worst case: AuthzForce, in this JVM, answers the decision and the vetting needed for every
 * pair of a batch file (people × documents, as {@code bench/make-batch.py} writes it and the service was sent), on as
 * many threads as there are cores, with no HTTP, no JSON, no explanations and no audit record. {@code
 * bench/worst-case.sh} prints it beside the service's time for the same file, so the worst case has a peer measured
 * on the same machine in the same run. Before timing, AuthzForce's decision and vetting needed for each of the first
 * 4,000 pairs must equal the rules' in {@code ./rules}, or it stops. Prints the seconds, the CPU seconds, the threads
 * and how many pairs were denied.
 * <pre>java -cp … uk.vda.bench.PeerBatch batch.json</pre> (from the project root)
 */
public final class PeerBatch {
    private static final int CHECKED = 4_000;
    private static final int WARM_UP = 200_000;

    private PeerBatch() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: PeerBatch batch.json");
        }
        BatchRequest batch = JsonMapper.builder().build().readValue(new File(args[0]), BatchRequest.class);
        List<DecisionRequest> pairs = new ArrayList<>(batch.people().size() * batch.documents().size());
        for (PersonInput person : batch.people()) {
            for (DocumentInput document : batch.documents()) {
                pairs.add(new DecisionRequest(person, document, batch.access(), batch.asOf()));
            }
        }
        int threads = Runtime.getRuntime().availableProcessors();
        Engines engines = new Engines();
        AuthzForcePeer peer = engines.authzForce;
        for (int i = 0; i < Math.min(CHECKED, pairs.size()); i++) {
            DecisionRequest q = pairs.get(i);
            DecisionResponse said = engines.uncached.decide(q);
            ReferencePolicy.Answer expected = new ReferencePolicy.Answer(said.decision(), said.requiredVetting());
            if (!peer.decide(q).equals(expected)) {
                throw new IllegalStateException("AuthzForce answered " + peer.decide(q) + ", the rules " + expected
                        + ", for pair " + (i + 1) + ": " + q);
            }
        }
        for (int i = 0; i < WARM_UP; i++) {
            peer.decide(pairs.get(i % pairs.size()));
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AtomicLong denied = new AtomicLong();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread worker = new Thread(() -> {
                long deny = 0;
                for (int i = first; i < pairs.size(); i += threads) {
                    deny += peer.decide(pairs.get(i)).decision() == Effect.DENY ? 1 : 0;
                }
                denied.addAndGet(deny);
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        System.out.printf("%.3f %.3f %d %d%n", wall, cpu, threads, denied.get());
    }
}
