/**
 * Offline evaluation under CONTRACT §7: the leave-one-out split ({@link
 * dev.recstream.model.eval.LeaveOneOut}), the metric formulas ({@link
 * dev.recstream.model.eval.Metrics}) and the {@link dev.recstream.model.eval.Evaluator} that fits
 * a {@link dev.recstream.model.NextItemModel} and reports both the full-ranking and the
 * 100-sampled-negatives protocol from one score vector per user.
 */
package dev.recstream.model.eval;
