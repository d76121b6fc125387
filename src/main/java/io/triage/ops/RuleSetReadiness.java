package io.triage.ops;

import io.triage.policy.PolicyStatus;
import io.triage.rules.ActiveRuleSet;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once a rule set is active; the details it reports are shown only to a login (GET /api/status). */
@Readiness
@ApplicationScoped
public class RuleSetReadiness implements HealthCheck {

    private final ActiveRuleSet active;
    private final PolicyStatus status;

    RuleSetReadiness(ActiveRuleSet active, PolicyStatus status) {
        this.active = active;
        this.status = status;
    }

    /** Up with the active version; also says when startup fell back and how the last edit on disk went. */
    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("rule-set");
        if (active.current().isEmpty()) {
            return builder.down().withData("reason", "no rule set loaded yet").build();
        }
        ActiveRuleSet.Activation a = active.current().get();
        builder.up()
                .withData("version", a.ruleSet().version())
                .withData("rules", a.ruleSet().rules().size())
                .withData("activatedAt", a.activatedAt().toString())
                .withData("activatedBy", a.activatedBy());
        PolicyStatus.Startup startup = status.startup();
        if (startup != null && startup.fallback()) {
            builder.withData("startupFallback", "the rules on disk (" + startup.diskVersion() + ") are not what serves: "
                    + String.join("; ", startup.problems()));
        }
        PolicyStatus.DiskAttempt edit = status.lastDiskAttempt();
        if (edit != null) {
            builder.withData("lastDiskEdit", edit.outcome() + " at " + edit.at()
                    + (edit.problems().isEmpty() ? "" : ": " + String.join("; ", edit.problems())));
        }
        return builder.build();
    }
}
