package dev.faultline;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The floors of docs/architecture.md, lowest first: a package may import its own floor and those
 * below, never one above, and the backends on one floor never each other.
 */
class ArchitectureTest {

    /** Each floor's packages; data flows up this list. */
    static final List<List<String>> FLOORS = List.of(
            List.of("history"),
            List.of("model"),
            List.of("checker"),
            List.of("printerfacts"),
            List.of("cluster"),
            List.of("cluster.local", "cluster.k8s"),
            List.of("workload"),
            List.of("nemesis"),
            List.of("scenario"),
            List.of("lesson"),
            List.of("report"),
            List.of("run"),
            List.of("junit"),
            List.of("cli"));

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // every module's main classes: from their target/classes or jars, never from -tests.jar
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.faultline");
    }

    /**
     * Within each package, no classes depending on each other in a ring (a nested class counts as its top-level one):
     * data flows one way between classes as between floors. The rings left are listed here, to shrink, never to grow.
     */
    @Test
    void noClassesOfAPackageDependOnEachOtherInARing() {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (JavaClass each : classes) {
            String from = topLevel(each.getName());
            Set<String> targets = uses.computeIfAbsent(from, k -> new TreeSet<>());
            for (Dependency dependency : each.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass().getBaseComponentType();
                String to = topLevel(target.getName());
                if (target.getPackageName().equals(each.getPackageName()) && !to.equals(from)) {
                    targets.add(to);
                }
            }
        }
        assertThat(rings(uses)).as("classes of one package in a ring").containsExactlyInAnyOrderElementsOf(RINGS_LEFT);
    }

    /**
     * The rings still to be cut, each as its package and classes in name order: the local backend, its cluster and
     * its printerfacts replicas, the JUnit annotation and its extension, a team's plan reaching back into
     * its {@code Faultline} for the cluster and folder, and the privileged side of the local backend (the
     * interface that picks its implementation, the helper that does as root does, the cleaner and watchdog both use).
     */
    static final List<String> RINGS_LEFT = List.of(
            "dev.faultline.cluster.local: AsRoot Cleaner HelperClient Privileged PrivilegedHelper Watchdog",
            "dev.faultline.cluster.local: LocalBackend LocalCluster LocalReplicas",
            "dev.faultline.junit: CassandraCluster CassandraClusterExtension",
            "dev.faultline.run: Faultline TestPlan");

    private static String topLevel(String name) {
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    /** Tarjan's strongly connected components of more than one class, each its simple names joined in order. */
    private static List<String> rings(Map<String, Set<String>> uses) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<String> rings = new ArrayList<>();
        for (String start : uses.keySet()) {
            if (!index.containsKey(start)) {
                connect(start, uses, index, low, stack, onStack, rings);
            }
        }
        return rings;
    }

    private static void connect(String node, Map<String, Set<String>> uses, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<String> rings) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : uses.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, uses, index, low, stack, onStack, rings);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> ring = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                ring.add(member.substring(member.lastIndexOf('.') + 1));
            } while (!member.equals(node));
            if (ring.size() > 1) {
                rings.add(node.substring(0, node.lastIndexOf('.')) + ": " + String.join(" ", ring));
            }
        }
    }

    private static String pkg(String name) {
        return "dev.faultline." + name;
    }

    @Test
    void noPackageImportsAFloorAboveItsOwn() {
        List<String> violations = new ArrayList<>();
        for (int floor = 0; floor < FLOORS.size(); floor++) {
            List<String> above = new ArrayList<>();
            FLOORS.subList(floor + 1, FLOORS.size()).forEach(f -> f.forEach(p -> above.add(pkg(p))));
            for (String own : FLOORS.get(floor)) {
                if (above.isEmpty()) {
                    continue;
                }
                List<String> sameFloor = FLOORS.get(floor).stream().filter(p -> !p.equals(own)).map(ArchitectureTest::pkg).toList();
                List<String> forbidden = new ArrayList<>(above);
                forbidden.addAll(sameFloor);
                EvaluationResult result = noClasses().that().resideInAPackage(pkg(own))
                        .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                        .allowEmptyShould(true).evaluate(classes);
                violations.addAll(result.getFailureReport().getDetails());
            }
        }
        assertThat(violations).as("imports that run up the floors").isEmpty();
    }

    @Test
    void everyPackageIsOnAFloor() {
        List<String> placed = FLOORS.stream().flatMap(List::stream).map(ArchitectureTest::pkg).toList();
        assertThat(classes.stream().map(c -> c.getPackageName()).distinct()
                .filter(p -> !p.equals("dev.faultline")))
                .as("packages the floors above do not name").allMatch(placed::contains);
    }

    /** The module of docs/architecture.md that holds each package: where Maven enforces the flow between them. */
    static final Map<String, String> MODULES = Map.ofEntries(
            Map.entry("history", "checker"), Map.entry("model", "checker"), Map.entry("checker", "checker"),
            Map.entry("printerfacts", "printerfacts"),
            Map.entry("cluster", "core"), Map.entry("cluster.local", "core"), Map.entry("workload", "core"),
            Map.entry("nemesis", "core"), Map.entry("scenario", "core"), Map.entry("lesson", "core"),
            Map.entry("report", "core"), Map.entry("run", "core"), Map.entry("junit", "core"),
            Map.entry("cluster.k8s", "kubernetes"),
            Map.entry("cli", "cli"));

    @Test
    void everyPackageLivesInItsModule() {
        assertThat(MODULES.keySet()).containsExactlyInAnyOrderElementsOf(FLOORS.stream().flatMap(List::stream).toList());
        List<String> misplaced = new ArrayList<>();
        for (JavaClass c : classes) {
            if (!c.getPackageName().startsWith("dev.faultline.")) {
                continue;
            }
            String module = MODULES.get(c.getPackageName().substring("dev.faultline.".length()));
            String location = c.getSource().map(source -> source.getUri().toString()).orElse("");
            if (!location.contains("/" + module + "/target/classes/") && !location.contains("/faultline-" + module + "-")) {
                misplaced.add(c.getName() + " from " + location + ", not module " + module);
            }
        }
        assertThat(misplaced).isEmpty();
    }
}
