/** The scoring service: a {@link dev.recstream.scoring.Recommender} hosted behind the event bus. */
package dev.recstream.scoring;
