/**
 * The confined worker's own side: the main class of the child JVM and its jobs (validate,
 * replay, describe), which see only what the request carries. Nothing here reaches the database
 * or the data folder. A package of its own, not under io.triage.worker: it runs the policy and
 * audit stages, which themselves use the worker.
 */
package io.triage.workerchild;
