/**
 * Stage 1, the questions: the questionnaire file parsed into questions and types, and the
 * answers a buyer gave checked against it and completed with defaults (effective answers). No
 * rule engine here.
 */
package io.triage.questionnaire;
