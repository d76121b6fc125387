/**
 * What one instance of Triage tells the others: {@link io.triage.cluster.ClusterEvents}. Shared
 * state lives in the database; these events only say "re-read it now", so an instance that misses
 * one still catches up on its next poll.
 */
package io.triage.cluster;
