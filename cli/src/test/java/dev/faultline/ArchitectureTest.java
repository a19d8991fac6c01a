package dev.faultline;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
