/** The baselines every evaluation reports beside recstream's own model: POP, Markov, co-occurrence. */
package dev.recstream.model.baseline;
