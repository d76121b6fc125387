/**
 * The pages: server-rendered Qute templates for presales, policy owners, auditors and admins,
 * sharing the layout, forms, CSRF tokens, the cost chart and the error page with this package.
 */
package io.triage.web;
