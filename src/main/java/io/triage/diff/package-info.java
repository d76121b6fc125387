/**
 * Comparing two rule-set versions, read by policy owners and auditors before a change goes live:
 * file by file, unified hunks and the changes said in words. Works on the files alone; it knows
 * nothing of storage or HTTP.
 */
package io.triage.diff;
