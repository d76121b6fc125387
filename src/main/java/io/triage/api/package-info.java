/**
 * The JSON API, the outermost stage: thin REST resources over the stage and application services,
 * strict bodies and query parameters, CSRF protection for state-changing calls. Refusals are
 * answered by io.triage.http; nothing here reads the store.
 */
package io.triage.api;
