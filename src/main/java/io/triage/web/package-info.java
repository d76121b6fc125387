/**
 * The pages, the outermost stage beside the API: server-rendered Qute templates for presales,
 * policy owners, auditors and admins over the same stage and application services, sharing the
 * layout, forms, CSRF tokens and the cost chart with this package. Error pages come from
 * io.triage.http; nothing here reads the store.
 */
package io.triage.web;
