/**
 * In-process infrastructure for development and tests: a real PostgreSQL server (zonky binaries)
 * and a single-node KRaft Kafka broker, both keeping their data in a directory the caller chooses
 * so that a restart finds the tables, topics and records of the previous run.
 */
package dev.recstream.app.embedded;
