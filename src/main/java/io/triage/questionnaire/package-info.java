/**
 * Stage 1, the questions: the questionnaire file parsed into questions and types, and the
 * answers a buyer gave checked against it and completed with defaults (effective answers). What
 * differs between kinds of question lives in one {@link io.triage.questionnaire.QuestionType}
 * subclass per kind, named in {@link io.triage.questionnaire.QuestionTypes}. No rule engine here.
 */
package io.triage.questionnaire;
