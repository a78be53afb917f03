package dev.termctl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rooms and the arrows between them, held on the compiled classes (docs/architecture.md tells
 * them; each package's package-info.java says what it may use). A wrong import fails here.
 */
@AnalyzeClasses(packages = "dev.termctl", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] PURE = {"dev.termctl.core..", "dev.termctl.format..", "dev.termctl.fence.."};

    /** Arrows point down only: each layer is used by the layers above it and by no other. */
    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("startup").definedBy("dev.termctl.startup..")
            .layer("cli").definedBy("dev.termctl.cli..")
            .layer("exit codes").definedBy("dev.termctl")
            .layer("fence").definedBy("dev.termctl.fence..")
            .layer("cluster").definedBy("dev.termctl.cluster..")
            .layer("store").definedBy("dev.termctl.store..")
            .layer("journal").definedBy("dev.termctl.journal..")
            .layer("probe").definedBy("dev.termctl.probe..")
            .layer("fs").definedBy("dev.termctl.fs..")
            .layer("format").definedBy("dev.termctl.format..")
            .layer("core").definedBy("dev.termctl.core..")
            .whereLayer("startup").mayNotBeAccessedByAnyLayer()
            .whereLayer("cli").mayOnlyBeAccessedByLayers("startup")
            .whereLayer("exit codes").mayOnlyBeAccessedByLayers("cli", "startup")
            .whereLayer("fence").mayOnlyBeAccessedByLayers("cli", "startup")
            .whereLayer("cluster").mayOnlyBeAccessedByLayers("cli", "startup")
            .whereLayer("store").mayOnlyBeAccessedByLayers("cli", "startup", "fence", "cluster")
            .whereLayer("journal").mayOnlyBeAccessedByLayers("cli", "startup", "cluster", "store")
            .whereLayer("probe").mayOnlyBeAccessedByLayers("cli", "startup", "cluster", "store")
            .whereLayer("fs").mayOnlyBeAccessedByLayers("cli", "startup", "cluster", "store", "journal", "probe")
            .whereLayer("format").mayOnlyBeAccessedByLayers("cli", "startup", "fence", "cluster", "store", "journal")
            .whereLayer("core").mayOnlyBeAccessedByLayers("cli", "startup", "fence", "cluster", "store", "journal",
                    "probe", "format")
            .because("arrows point down only (docs/architecture.md)");

    /**
     * The command line's rooms, arrows down: {@code cli} (Main, Runner, the registry) over the fast
     * path, the commands, their options and, at the bottom, the results, renderers and Failures.
     */
    @ArchTest
    static final ArchRule command_line_rooms = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("cli").definedBy("dev.termctl.cli")
            .layer("fast").definedBy("dev.termctl.cli.fast..")
            .layer("command").definedBy("dev.termctl.cli.command..")
            .layer("option").definedBy("dev.termctl.cli.option..")
            .layer("render").definedBy("dev.termctl.cli.render..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("fast").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("command").mayOnlyBeAccessedByLayers("cli", "fast")
            .whereLayer("option").mayOnlyBeAccessedByLayers("cli", "fast", "command")
            .whereLayer("render").mayOnlyBeAccessedByLayers("cli", "fast", "command", "option")
            .because("the command line's rooms point down too (cli/*/package-info.java)");

    /** Results and their words are printed, never parsed: the renderers know no picocli. */
    @ArchTest
    static final ArchRule renderers_know_no_picocli = noClasses().that().resideInAPackage("dev.termctl.cli.render..")
            .should().dependOnClassesThat().resideInAnyPackage("picocli..")
            .because("cli.render turns results and facts into text, JSON and metrics; parsing is the options' job");

    /** No cycle between any two packages, the command line's own packages included. */
    @ArchTest
    static final ArchRule no_cycles = slices().matching("dev.termctl.(**)").should().beFreeOfCycles();

    /** The file layer knows nothing of terms: it uses no other package of termctl. */
    @ArchTest
    static final ArchRule fs_knows_nothing_of_terms = noClasses().that().resideInAPackage("dev.termctl.fs..")
            .should().dependOnClassesThat().resideOutsideOfPackages("dev.termctl.fs..", "java..", "javax..", "sun..",
                    "com.sun..", "jdk..")
            .because("the file layer could be a library of its own (fs/package-info.java)");

    /** core, format and fence are pure: no files, no channels, no processes. */
    @ArchTest
    static final ArchRule pure_packages_touch_no_files = noClasses().that().resideInAnyPackage(PURE)
            .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.nio.channels..",
                    "java.net..", "dev.termctl.fs..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.RandomAccessFile")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder")
            .because("core, format and fence are pure: values in, values out");

    /** ... and read no clock and no environment. */
    @ArchTest
    static final ArchRule pure_packages_read_no_clock_or_environment = noClasses().that().resideInAnyPackage(PURE)
            .should().callMethodWhere(clockOrEnvironment())
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
            .because("core, format and fence are pure: the same input gives the same answer anywhere");

    /** Nothing below the command line knows picocli, its options or its exit codes. */
    @ArchTest
    static final ArchRule picocli_stays_in_the_command_line = noClasses().that()
            .resideOutsideOfPackages("dev.termctl.cli..", "dev.termctl.startup..", "dev.termctl")
            .should().dependOnClassesThat().resideInAnyPackage("picocli..", "dev.termctl.cli..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.termctl.ExitCode")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.termctl.TermctlException")
            .because("the layers below speak in their own typed failures; cli/render/Failures words them (option names"
                    + " and exit codes are declared in cli and dev.termctl only)");

    private static DescribedPredicate<JavaCall<?>> clockOrEnvironment() {
        return DescribedPredicate.describe("read the clock or the environment", call -> {
            String owner = call.getTargetOwner().getName();
            String name = call.getName();
            return owner.equals("java.lang.System") && (name.equals("getenv") || name.equals("getProperty")
                    || name.equals("getProperties") || name.equals("currentTimeMillis") || name.equals("nanoTime"))
                    || owner.startsWith("java.time.") && name.equals("now");
        });
    }
}
