/**
 * Stage 5, persistence: the database (H2 or PostgreSQL) and its migrations, the append-only
 * hash-chained decision log with its group-committing writer, and the rule-set history. Knows
 * nothing of HTTP.
 */
package io.triage.store;
