package uk.vda.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cold ratio on a machine that is not quiet: one JVM alternates one-second slices of the rules (uncached, with
 * explanations, on the benchmark's 4,096 questions and on all-distinct ones), of Drools' own floor for a question of
 * their size ({@link DroolsFloor}) and of AuthzForce (decision and vetting needed), so load that comes and goes falls
 * on each of them alike; prints the median rate of each and the ratios.
 * With {@code --against DIR}, another build runs in the same slices: DIR a checkout (its {@code target/classes} and its
 * own {@code rules/}) or a classes folder (with ./rules); a change measured against what it changes, side by side. Both
 * builds are then loaded alike, each in a class loader of its own with its own copies of the libraries, and warmed
 * alike. With the environment variable {@code SERIES} set it also prints every slice's rate per CPU-second, to see
 * whether a run was still warming up. Run from the project root (it reads ./rules): {@code bench/side-by-side.sh}.
 */
public final class SideBySide {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int rounds = 20;
        Path against = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--against")) {
                against = Path.of(args[++i]);
            } else {
                rounds = Integer.parseInt(args[i]);
            }
        }
        Map<String, Runnable> work = new LinkedHashMap<>();
        Engines engines = new Engines();
        engines.checkAgreement();
        List<Runnable> rules = against == null ? rules(engines) : alone(Path.of("target/classes"), Path.of("rules"));
        work.put("rulesWithExplanations", rules.get(0));
        work.put("rulesWithExplanationsDistinct", rules.get(1));
        DroolsFloor floor = new DroolsFloor();
        work.put("droolsFloor", floor::ask);
        int[] next = {0};
        work.put("peerAuthzForce", () -> engines.authzForce.decide(engines.questions.get(next[0]++ & (Engines.QUESTIONS - 1))));
        if (against != null) {
            // a checkout: its compiled classes and its own rules (a change may change both); or a classes folder
            Path classes = Files.isDirectory(against.resolve("target/classes")) ? against.resolve("target/classes") : against;
            Path otherRules = Files.isDirectory(against.resolve("rules")) ? against.resolve("rules") : Path.of("rules");
            List<Runnable> other = alone(classes, otherRules);
            work.put("rulesWithExplanations (against)", other.get(0));
            work.put("rulesWithExplanationsDistinct (against)", other.get(1));
        }
        List<String> names = new ArrayList<>(work.keySet());
        Map<String, List<Double>> wall = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        names.forEach(n -> {
            wall.put(n, new ArrayList<>());
            cpu.put(n, new ArrayList<>());
        });
        // with another build, every other round runs its slices first and this build's last, so each build's slices
        // follow the same others alike
        List<String> swapped = new ArrayList<>(names);
        if (against != null) {
            swapped = new ArrayList<>(names.subList(4, 6));
            swapped.addAll(names.subList(2, 4));
            swapped.addAll(names.subList(0, 2));
        }
        for (int round = -5; round < rounds; round++) { // five rounds of warm-up
            for (String name : (round & 1) == 0 ? names : swapped) {
                Runnable run = work.get(name);
                long end = System.nanoTime() + 1_000_000_000L;
                long n = 0;
                long start = System.nanoTime();
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long now;
                do {
                    for (int i = 0; i < 16; i++) {
                        run.run();
                    }
                    n += 16;
                } while ((now = System.nanoTime()) < end);
                if (round >= 0) {
                    wall.get(name).add(n * 1e9 / (now - start));
                    cpu.get(name).add(n * 1e9 / (THREADS.getCurrentThreadCpuTime() - cpuStart));
                }
            }
        }
        double peerWall = median(wall.get("peerAuthzForce"));
        double peerCpu = median(cpu.get("peerAuthzForce"));
        if (System.getenv("SERIES") != null) {
            for (String name : names) {
                System.out.println(name + " " + cpu.get(name).stream().map(x -> String.valueOf(Math.round(x))).toList());
            }
        }
        System.out.printf("%-42s %10s %10s %8s %8s%n", "median of " + rounds + " one-second slices", "per s", "per CPU-s", "ratio", "ratio CPU");
        for (String name : names) {
            double w = median(wall.get(name));
            double c = median(cpu.get(name));
            System.out.printf("%-42s %10.0f %10.0f %8.3f %8.3f%n", name, w, c, w / peerWall, c / peerCpu);
        }
    }

    /**
     * The rules' two workloads (repeated questions, distinct questions), for a copy of this class in another loader,
     * after the rule work of an agreement check: every question once uncached and once cached.
     */
    public static List<Runnable> rulesAlone(String rules) {
        Engines engines = new Engines(Path.of(rules));
        engines.warmRules();
        return rules(engines);
    }

    private static List<Runnable> rules(Engines engines) {
        Inputs.Distinct distinct = new Inputs.Distinct(Engines.SEED + 1, ConcurrentHashMap.newKeySet());
        int[] next = {0};
        return List.of(
                () -> engines.uncached.decide(engines.questions.get(next[0]++ & (Engines.QUESTIONS - 1))),
                () -> engines.uncached.decide(distinct.next()));
    }

    /**
     * A build's two rule workloads, in a class loader of its own ({@link #apart}), warmed by {@link #rulesAlone}. With
     * {@code --against} both builds are measured so, alike. When only the other build was loaded apart, on cold
     * copies of Drools and the libraries, it ran 9–15% slower than the same build on the application's loader over
     * 12 rounds (docs/decisions/0033).
     */
    private static List<Runnable> alone(Path classes, Path rules) throws Exception {
        Class<?> apart = apart(classes);
        ClassLoader own = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(apart.getClassLoader()); // AuthzForce and Drools look there
        try {
            @SuppressWarnings("unchecked")
            List<Runnable> work = (List<Runnable>) apart.getMethod("rulesAlone", String.class).invoke(null, rules.toString());
            return List.of(within(apart.getClassLoader(), work.get(0)), within(apart.getClassLoader(), work.get(1)));
        } finally {
            Thread.currentThread().setContextClassLoader(own);
        }
    }

    /** Runs with the other build's loader as the thread's context class loader, as it was made. */
    private static Runnable within(ClassLoader loader, Runnable work) {
        return () -> {
            Thread thread = Thread.currentThread();
            ClassLoader own = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                work.run();
            } finally {
                thread.setContextClassLoader(own);
            }
        };
    }

    /** This class in a loader of its own over the other build's classes and the same libraries. */
    private static Class<?> apart(Path classes) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(SideBySide.class.getProtectionDomain().getCodeSource().getLocation());
        urls.add(classes.toUri().toURL());
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            // the libraries only: not the service's classes installed in ~/.m2, which would answer for any class the
            // build's own folder lacks
            if (path.toString().endsWith(".jar") && !path.getFileName().toString().startsWith("vetting-advisor-")) {
                urls.add(path.toUri().toURL());
            }
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        return Class.forName(SideBySide.class.getName(), true, loader);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length == 0 ? 0 : v[v.length / 2];
    }
}
