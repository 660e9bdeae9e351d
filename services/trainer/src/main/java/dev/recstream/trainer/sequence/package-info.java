/**
 * Export of sequence models as "bring your own sequence model" packages (CONTRACT §6): {@link
 * dev.recstream.trainer.sequence.EmbeddingSequenceExport} turns item embeddings into an ONNX
 * graph over left-padded item sequences, served by {@link
 * dev.recstream.model.sequence.SequenceOnnxRecommender} like any externally trained model.
 */
package dev.recstream.trainer.sequence;
