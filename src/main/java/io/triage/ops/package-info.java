/**
 * Operations: health (UP or DOWN for anyone, details for signed-in roles), readiness of the
 * active rule set, and the decision writer's health.
 */
package io.triage.ops;
