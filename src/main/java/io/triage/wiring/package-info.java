/**
 * Bean wiring on top of the stages: the CDI producers that turn the plain-Java engine, golden and
 * policy classes (usable without a container by the offline verifier and unit tests) into the
 * service's beans, configured from {@code config}.
 */
package io.triage.wiring;
