/**
 * Training of the candidate ranker (MODEL-NOTES "Training"): {@link
 * dev.recstream.trainer.rank.RankerTraining} z-scores the rows and fits an L2-regularized
 * logistic regression with Tribuo (LibLinear, or linear SGD for comparison); the resulting {@link
 * dev.recstream.trainer.rank.TrainedRanker} exports itself to ONNX for {@link
 * dev.recstream.model.rank.OnnxRanker} to score at serving time.
 */
package dev.recstream.trainer.rank;
