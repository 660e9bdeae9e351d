/**
 * Search latency under open-loop load against a running recstream (issue #14): a seeded beauty
 * catalog and users' histories loaded over HTTP, and a query mix of popular, misspelt and unique
 * queries sent at a fixed rate to {@code GET /v1/search}, on the empty server and over the catalog.
 *
 * <p>Entry points: {@link dev.recstream.bench.search.SearchLoad#main} (command line, {@code
 * bench/search.sh}) and {@link dev.recstream.bench.search.SearchLoad#run} (tests).
 */
package dev.recstream.bench.search;
