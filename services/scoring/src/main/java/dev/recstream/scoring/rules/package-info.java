/**
 * Business rules applied to a model's ranked list before it reaches a user: purchased and
 * unavailable items out, at most a few items per category. Pure Java, no Vert.x, so the rules
 * are tested without a running service and can sit in front of any
 * {@link dev.recstream.model.streaming.Recommender}.
 */
package dev.recstream.scoring.rules;
