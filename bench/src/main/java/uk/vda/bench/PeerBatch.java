package uk.vda.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import uk.vda.decision.DecisionRequest;
import uk.vda.decision.DecisionResponse;
import uk.vda.parts.AccessInput;
import uk.vda.parts.DocumentInput;
import uk.vda.parts.PersonInput;
import uk.vda.parts.VettingInput;
import uk.vda.policy.ClearanceStatus;
import uk.vda.policy.Effect;
import uk.vda.policy.Frequency;
import uk.vda.policy.Marking;
import uk.vda.policy.Organisation;
import uk.vda.policy.Owner;
import uk.vda.policy.VettingLevel;

/**
 * The peer's time for the worst case: AuthzForce, in this JVM, answers the decision and the vetting needed for every
 * pair of the batch {@code bench/make-batch.py PEOPLE DOCUMENTS distinct OFFSET} sends, on {@code THREADS} threads
 * (2 by default), with no HTTP, no JSON, no explanations and no audit record. {@code bench/worst-case.sh} prints it
 * beside the service's time for the same pairs, so the worst case has a peer measured on the same machine in the same
 * run. Before timing, AuthzForce's decision and vetting needed for each of the first 4,000 pairs (every role with every
 * kind of document) must equal the rules' in {@code ./rules}, or it stops.
 * <pre>java -cp … uk.vda.bench.PeerBatch PEOPLE DOCUMENTS OFFSET</pre> (from the project root)
 */
public final class PeerBatch {
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);
    /** make-batch.py's roles: role, organisation, the one clearance held. */
    private static final String[][] ROLES = {{"LA_CHIEF_EXECUTIVE", "LOCAL_AUTHORITY", "BPSS"}, {"NEPO", "POLICE", "RV"},
        {"CTIO", "POLICE", "SC"}, {"IAG_MEMBER", "COMMUNITY", "NONE"}};
    /** make-batch.py's documents: marking, category. */
    private static final String[][] DOCUMENTS = {{"SECRET", "CTLP_FULL"}, {"OFFICIAL", "THREAT_BRIEFING"},
        {"RESTRICTED", "CTLP_PARTNER"}, {"TOP_SECRET", "INTELLIGENCE_REPORT"},
        {"CONFIDENTIAL", "COMMUNITY_TENSION_ASSESSMENT"}};
    private static final int CHECKED = 4_000;
    private static final int WARM_UP = 200_000;

    private PeerBatch() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: PeerBatch PEOPLE DOCUMENTS OFFSET");
        }
        int threads = Integer.parseInt(System.getenv().getOrDefault("THREADS", "2"));
        List<DecisionRequest> pairs = pairs(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
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
        System.out.printf("%.3f %.3f %d%n", wall, cpu, denied.get());
    }

    /** The pairs make-batch.py writes with {@code distinct}, person by person, in the same order. */
    static List<DecisionRequest> pairs(int people, int documents, int offset) {
        List<DecisionRequest> out = new ArrayList<>(people * documents);
        List<DocumentInput> docs = new ArrayList<>();
        for (int j = 0; j < documents; j++) {
            String[] d = DOCUMENTS[j % DOCUMENTS.length];
            docs.add(new DocumentInput("d" + j, Marking.valueOf(d[0]), null, d[1], List.of(), List.of(), null,
                    Owner.POLICE, LocalDate.of(2016, 1, 1).plusDays(j + offset), null));
        }
        for (int i = 0; i < people; i++) {
            String[] r = ROLES[i % ROLES.length];
            PersonInput person = new PersonInput("p" + i, List.of(r[0]), Organisation.valueOf(r[1]), List.of("GB"),
                    List.of(new VettingInput(VettingLevel.valueOf(r[2]), ClearanceStatus.VERIFIED, null,
                            LocalDate.of(2030, 1, 1).plusDays(i + offset), null, null)));
            for (DocumentInput doc : docs) {
                out.add(new DecisionRequest(person, doc, new AccessInput(Frequency.REGULAR, null), AS_OF));
            }
        }
        return out;
    }
}
