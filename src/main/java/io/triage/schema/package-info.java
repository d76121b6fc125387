/**
 * Stage 2, checking a rule set's data files against their JSON Schemas before it compiles, with
 * every violation placed at its file, line and column. The schemas themselves are also served to
 * editors.
 */
package io.triage.schema;
