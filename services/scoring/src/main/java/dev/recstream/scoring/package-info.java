/** The scoring service: a {@link dev.recstream.model.streaming.Recommender} hosted behind the event bus. */
package dev.recstream.scoring;
