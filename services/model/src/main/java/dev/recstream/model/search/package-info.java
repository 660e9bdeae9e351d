/**
 * Personalized search: a query in, the items this user most likely wants out. Retrieval is hybrid
 * — PostgreSQL text match and {@link dev.recstream.model.search.VectorIndex} similarity over
 * {@link dev.recstream.model.search.TextEmbedder} vectors, fused by {@link
 * dev.recstream.model.search.RankFusion} — and {@link dev.recstream.model.search.SearchBlend}
 * reranks the candidates with the user's personal scores, the query–item evidence of {@link
 * dev.recstream.model.search.SearchEvidence} and popularity. The offline evaluation and the
 * scoring service use the same classes, so what {@code eval --task search} measures is what is
 * served.
 */
package dev.recstream.model.search;
