/**
 * The model library: sequence datasets over an item vocabulary, the offline {@link
 * dev.recstream.model.NextItemModel} contract, evaluation and models. Trainer and scoring share
 * it, so a model is trained and served through one code path.
 */
package dev.recstream.model;
