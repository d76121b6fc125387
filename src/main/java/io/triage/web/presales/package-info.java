/**
 * Pages for presales: the questionnaire form and the result page of a decision.
 */
package io.triage.web.presales;
