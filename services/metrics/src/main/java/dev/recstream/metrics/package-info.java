/** Online metrics of recstream (Micrometer, Prometheus exposition). */
package dev.recstream.metrics;
