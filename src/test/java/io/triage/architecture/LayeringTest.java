package io.triage.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The allowed dependencies between the io.triage packages, checked on the compiled main classes so
 * the layers cannot drift: a new import across a layer, a new cycle or a new package nobody placed
 * fails here. Plain JUnit, no container.
 */
class LayeringTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.triage");
    }

    /**
     * Each package and the packages it may use, from the bottom of the data flow (facts, answers,
     * rules) up to the adapters (api, web). A package not named here fails the test until it is placed.
     */
    @Test
    void eachPackageUsesOnlyTheLayersBelowIt() {
        Architectures.LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture();
        for (String name : new String[] {"facts", "json", "common", "config", "questionnaire", "rules", "history",
                "engine", "schema", "diff", "golden", "store", "worker", "cluster", "decision", "audit", "explain",
                "policy", "security", "workerchild", "jobs", "ops", "app", "http", "wiring", "api", "web"}) {
            layers = layers.layer(name).definedBy("io.triage." + name + "..");
        }
        layers
                .whereLayer("facts").mayNotAccessAnyLayer()
                .whereLayer("json").mayNotAccessAnyLayer()
                .whereLayer("common").mayNotAccessAnyLayer()
                .whereLayer("config").mayNotAccessAnyLayer()
                .whereLayer("questionnaire").mayOnlyAccessLayers("common", "facts", "json")
                .whereLayer("rules").mayOnlyAccessLayers("common", "facts", "json", "questionnaire")
                .whereLayer("history").mayOnlyAccessLayers("common", "json", "rules")
                .whereLayer("engine").mayOnlyAccessLayers("facts", "json", "questionnaire", "rules")
                .whereLayer("schema").mayOnlyAccessLayers("common", "rules")
                .whereLayer("diff").mayOnlyAccessLayers("rules")
                .whereLayer("golden").mayOnlyAccessLayers("common", "engine", "json", "questionnaire", "rules")
                .whereLayer("store").mayOnlyAccessLayers("common", "config", "history", "json", "rules")
                .whereLayer("worker").mayOnlyAccessLayers("config", "engine", "rules")
                .whereLayer("cluster").mayOnlyAccessLayers("config", "store")
                .whereLayer("decision").mayOnlyAccessLayers("common", "config", "engine", "history", "json",
                        "questionnaire", "rules", "store")
                .whereLayer("audit").mayOnlyAccessLayers("common", "decision", "engine", "history", "json",
                        "questionnaire", "rules", "store", "worker")
                .whereLayer("explain").mayOnlyAccessLayers("common", "engine", "facts", "history", "json", "questionnaire", "rules")
                .whereLayer("policy").mayOnlyAccessLayers("audit", "cluster", "common", "config", "decision", "engine",
                        "facts", "golden", "history", "json", "questionnaire", "rules", "schema", "store", "worker")
                .whereLayer("security").mayOnlyAccessLayers("cluster", "common", "config", "store")
                .whereLayer("workerchild").mayOnlyAccessLayers("audit", "common", "decision", "engine", "golden",
                        "json", "policy", "questionnaire", "rules")
                .whereLayer("jobs").mayOnlyAccessLayers("audit", "history", "json", "policy", "rules", "store", "worker")
                .whereLayer("ops").mayOnlyAccessLayers("policy", "rules", "store")
                .whereLayer("app").mayOnlyAccessLayers("history", "jobs", "policy", "rules", "store")
                .whereLayer("http").mayOnlyAccessLayers("common", "decision", "engine", "history", "jobs", "policy",
                        "rules", "store", "worker")
                .whereLayer("wiring").mayOnlyAccessLayers("config", "engine", "golden", "policy", "rules")
                .whereLayer("api").mayOnlyAccessLayers("app", "audit", "common", "config", "decision", "diff",
                        "explain", "history", "http", "jobs", "json", "policy", "questionnaire", "rules", "security")
                .whereLayer("web").mayOnlyAccessLayers("app", "audit", "common", "config", "decision", "diff", "engine",
                        "explain", "history", "http", "jobs", "json", "policy", "questionnaire", "rules", "schema",
                        "security")
                .check(main);
    }

    @Test
    void noPackagesFormACycle() {
        slices().matching("io.triage.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void configDependsOnNoOtherTriagePackage() {
        noClasses().that().resideInAPackage("io.triage.config..")
                .should().dependOnClassesThat(resideInAPackage("io.triage..")
                        .and(resideOutsideOfPackage("io.triage.config..")))
                .check(main);
    }

    /**
     * The data flow below the adapters (answers, rules, engine, the log, the worker) is HTTP-free:
     * a missing version, say, is the rules' own exception, which {@code http} maps to 404.
     */
    @Test
    void theCoreKnowsNothingOfHttp() {
        noClasses().that().resideInAnyPackage("io.triage.facts..", "io.triage.json..", "io.triage.common..",
                        "io.triage.config..", "io.triage.questionnaire..", "io.triage.rules..", "io.triage.history..",
                        "io.triage.engine..", "io.triage.schema..", "io.triage.diff..", "io.triage.golden..",
                        "io.triage.store..", "io.triage.worker..", "io.triage.workerchild..", "io.triage.cluster..",
                        "io.triage.decision..", "io.triage.explain..", "io.triage.app..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..",
                        "io.vertx.core.http..", "io.vertx.ext.web..", "io.quarkus.vertx.http..", "io.triage.http..")
                .check(main);
    }

    @Test
    void theApiAndThePagesTakeTheActiveRuleSetFromTheApplicationService() {
        noClasses().that().resideInAnyPackage("io.triage.api..", "io.triage.web..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.triage.rules.ActiveRuleSet")
                .because("both adapters read the active version through app.RuleSetLifecycle, so it is wired once")
                .check(main);
    }

    @Test
    void theApiAndThePagesDoNotReachIntoTheStore() {
        noClasses().that().resideInAnyPackage("io.triage.api..", "io.triage.web..")
                .should().dependOnClassesThat().resideInAPackage("io.triage.store..")
                .check(main);
    }
}
