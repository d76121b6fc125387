/**
 * Stage 5, persistence: the database (H2 or PostgreSQL) and its migrations, the append-only
 * hash-chained decision log with its group-committing writer, and the rule-set history. What it
 * reads back is returned as io.triage.history values. Knows nothing of HTTP and parses no request.
 */
package io.triage.store;
