package io.triage.golden;

import io.triage.testing.ShippedRules;
import io.triage.engine.Evaluator;
import io.triage.rules.RuleSet;
import io.triage.rules.RuleSetFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every file in test-cases/ as its own named test, run by the same runner that gates reloads. */
class GoldenCasesTest {

    private static RuleSet ruleSet;
    private static List<GoldenCase> cases;
    private static final GoldenRunner RUNNER = new GoldenRunner(new Evaluator());

    @BeforeAll
    static void compileShippedRules() {
        RuleSetFiles files = ShippedRules.files();
        ruleSet = ShippedRules.compiled();
        cases = GoldenCases.load(files);
    }

    @TestFactory
    Stream<DynamicTest> goldenCases() {
        return cases.stream().map(golden -> DynamicTest.dynamicTest(golden.name(), () -> {
            CaseResult result = RUNNER.run(ruleSet, golden);
            if (!result.passed()) {
                fail(golden.description() + "\n  " + String.join("\n  ", result.failures()));
            }
        }));
    }

    @Test
    void everyRuleIsFiredByAtLeastOneCase() {
        GoldenReport report = RUNNER.run(ruleSet, cases);
        assertEquals(List.of(), report.uncoveredRules(), "rules no golden case fires");
    }

    @Test
    void everyCatalogueCodeIsExpectedPresentAndAbsentSomewhere() {
        for (var entry : ruleSet.catalogue().entries()) {
            String code = entry.code();
            assertTrue(cases.stream().anyMatch(c -> c.expect().present().contains(code)), code + " is never expected present");
            assertTrue(cases.stream().anyMatch(c -> c.expect().absent().contains(code)), code + " is never expected absent");
        }
    }
}
