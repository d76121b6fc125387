/**
 * The confined worker seen from the service: a separate JVM with an empty environment, a
 * throwaway folder, a small heap and a wall-clock limit, spoken to in JSON over stdin and
 * stdout. Untrusted rule sets run only there; its own side is io.triage.workerchild.
 */
package io.triage.worker;
