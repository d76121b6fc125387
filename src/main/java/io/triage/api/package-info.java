/**
 * The JSON API: thin REST resources over the stages, problem JSON for every refusal, strict
 * bodies and query parameters, CSRF protection for state-changing calls.
 */
package io.triage.api;
