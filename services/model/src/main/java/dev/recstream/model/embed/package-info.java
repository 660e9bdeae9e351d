/**
 * Item embeddings from co-occurrence: window counts weighted 1/d, positive PMI, and a randomized
 * SVD (MODEL-NOTES.md, recipe step 2). {@link dev.recstream.model.embed.ItemEmbeddings} is the
 * entry point; candidate generators and ranker features read its vectors.
 */
package dev.recstream.model.embed;
