package io.triage.ops;

import io.triage.rules.ActiveRuleSet;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once a rule set is active; reports which one. */
@Readiness
@ApplicationScoped
public class RuleSetReadiness implements HealthCheck {

    private final ActiveRuleSet active;

    RuleSetReadiness(ActiveRuleSet active) {
        this.active = active;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("rule-set");
        return active.current().map(a -> builder.up()
                        .withData("version", a.ruleSet().version())
                        .withData("rules", a.ruleSet().rules().size())
                        .withData("activatedAt", a.activatedAt().toString())
                        .withData("activatedBy", a.activatedBy()))
                .orElseGet(() -> builder.down().withData("reason", "no rule set loaded yet"))
                .build();
    }
}
