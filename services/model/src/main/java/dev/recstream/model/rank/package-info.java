/**
 * Ranker scoring: the {@link dev.recstream.model.rank.FeatureScaler} that z-scores candidate
 * feature rows exactly as in training, and the {@link dev.recstream.model.rank.OnnxRanker} that
 * scores them with a logistic-regression ranker exported to ONNX, through ONNX Runtime directly.
 */
package dev.recstream.model.rank;
