/**
 * The confined worker's own side: the main class of the child JVM and its jobs (validate,
 * replay, describe), which see only what the request carries. Nothing here reaches the database
 * or the data folder.
 */
package io.triage.worker.child;
