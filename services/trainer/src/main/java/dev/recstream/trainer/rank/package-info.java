/**
 * Training of the candidate ranker (MODEL-NOTES "Training"): {@link
 * dev.recstream.trainer.rank.RankerTraining} z-scores the rows and fits an L2-regularized
 * logistic regression with Tribuo (LibLinear, or linear SGD for comparison); the resulting {@link
 * dev.recstream.trainer.rank.TrainedRanker} exports itself to ONNX for {@link
 * dev.recstream.model.rank.OnnxRanker} to score at serving time. {@link
 * dev.recstream.trainer.rank.BoostedTrees} trains the reranker of the ranker's best candidates
 * with XGBoost and exports it as an ONNX tree ensemble.
 */
package dev.recstream.trainer.rank;
