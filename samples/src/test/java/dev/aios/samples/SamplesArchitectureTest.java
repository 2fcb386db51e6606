package dev.aios.samples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The samples are what a host application writes, so they use public API only (the library
 * modules' own boundaries are checked by benchmarks' ArchitectureTest, which sees every module
 * but not the samples).
 */
class SamplesArchitectureTest {

    @Test
    void samplesUseNoInternalPackageAndNoTestSupport() {
        var samples = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.aios.samples");
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.aios..internal..")
                .because("samples show what a host application can do with the public API")
                .check(samples);
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.aios.testing..")
                .because("ai-os-testing is for tests; the main job runs without it")
                .check(samples);
    }
}
