/** Intake of behavior events from Kafka and HTTP: validate, store, then acknowledge. */
package dev.recstream.ingestion;
