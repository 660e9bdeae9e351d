/** Models that learn from the live event stream itself, with no training step. */
package dev.recstream.model.streaming;
