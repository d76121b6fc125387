/**
 * The HTTP edge shared by the REST API and the pages: how every failure is answered (a problem
 * document under /api and /q, an error page a person can read elsewhere), rendered pages with a
 * status, and the parsing of the decision list's query string. Both {@code api} and {@code web}
 * build on it; it knows neither.
 */
package io.triage.http;
