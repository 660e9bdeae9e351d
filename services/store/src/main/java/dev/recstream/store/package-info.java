/** The sequence store: PostgreSQL writer and reader of behavior events (vertx-pg-client). */
package dev.recstream.store;
