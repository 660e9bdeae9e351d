/**
 * Externally trained sequence models (CONTRACT §6): {@link
 * dev.recstream.model.sequence.SequenceOnnxRecommender} serves any package whose ONNX graph maps
 * left-padded item-index sequences to one score per vocabulary index, so a SASRec or GRU4Rec
 * exported from PyTorch plugs in behind the same seam as the built-in models, without Python at
 * serving time.
 */
package dev.recstream.model.sequence;
