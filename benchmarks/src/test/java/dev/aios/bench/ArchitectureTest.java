package dev.aios.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries that a {@code module-info.java} would enforce, checked on the compiled
 * main classes of every module instead. Why not module descriptors: ai-os-api's types (Brain,
 * BrainRequest) expose LangChain4j's, and langchain4j-core 1.19.0 has neither a module-info nor an
 * Automatic-Module-Name, so every descriptor would have to require a name derived from the jar's
 * file name, which breaks when the jar is renamed or repackaged. Our jars carry an
 * Automatic-Module-Name (dev.aios.*) so module-path users get stable names.
 *
 * <p>This test lives in benchmarks because benchmarks depends on every library module.
 */
class ArchitectureTest {
    private static final List<String> IMPLEMENTATIONS =
            List.of("runtime", "routing", "inference", "memory", "tools", "sensors", "media", "toolpacks");
    /** Modules built on another implementation module's public API: the tool packs are tools. */
    private static final List<String> LAYERED_ON_TOOLS = List.of("toolpacks");
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.aios");
    }

    @Test
    void apiDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("dev.aios.api..").should().dependOnClassesThat()
                .resideOutsideOfPackages("dev.aios.api..", "java..", "javax..", "dev.langchain4j..", "org.jspecify..")
                .because("ai-os-api holds contracts only and may depend on langchain4j-core at most")
                .check(main);
    }

    @Test
    void implementationModulesDoNotDependOnEachOther() {
        List<String> peers = IMPLEMENTATIONS.stream().filter(m -> !LAYERED_ON_TOOLS.contains(m)).toList();
        slices().matching("dev.aios.(" + String.join("|", peers) + ")..").should().notDependOnEachOther()
                .because("implementation modules meet in ai-os-api types and are wired by builders or ServiceLoader")
                .check(main);
    }

    @Test
    void toolPacksBuildOnTheApiAndTheToolsModuleOnly() {
        for (String module : LAYERED_ON_TOOLS) {
            noClasses().that().resideInAPackage("dev.aios." + module + "..").should().dependOnClassesThat()
                    .resideInAnyPackage(IMPLEMENTATIONS.stream().filter(m -> !m.equals("tools") && !m.equals(module))
                            .map(m -> "dev.aios." + m + "..").toArray(String[]::new))
                    .because("a tool pack is tools: it meets the rest of the SDK in ai-os-api types (Memory, Goal)")
                    .check(main);
        }
    }

    @Test
    void noModuleUsesAnotherModulesInternals() {
        for (String module : IMPLEMENTATIONS) {
            noClasses().that().resideOutsideOfPackage("dev.aios." + module + "..").should().dependOnClassesThat()
                    .resideInAPackage("dev.aios." + module + "..internal..")
                    .because("internal packages are not API: use ai-os-" + module + "'s public types")
                    .check(main);
        }
    }

    @Test
    void libraryModulesDoNotDependOnTestSupport() {
        noClasses().that().resideInAnyPackage(IMPLEMENTATIONS.stream().map(m -> "dev.aios." + m + "..")
                        .toArray(String[]::new)).or().resideInAPackage("dev.aios.api..")
                .should().dependOnClassesThat().resideInAPackage("dev.aios.testing..")
                .because("ai-os-testing is a test-scope artifact; production jars must not need it")
                .check(main);
    }

    @Test
    void testSupportDependsOnTheApiOnly() {
        noClasses().that().resideInAPackage("dev.aios.testing..").should().dependOnClassesThat()
                .resideInAnyPackage(IMPLEMENTATIONS.stream().map(m -> "dev.aios." + m + "..").toArray(String[]::new))
                .because("every implementation module runs ai-os-testing's kits in its own tests (no cycles)")
                .check(main);
    }
}
