/**
 * The event-bus contract between recstream's services: addresses and the JSON-mapped records
 * that travel on them. Records map to {@link io.vertx.core.json.JsonObject} so messages cross
 * cluster nodes without custom codecs.
 */
package dev.recstream.shared.bus;
