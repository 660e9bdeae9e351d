/**
 * Dataset readers: turn the offline formats of CONTRACT §7 ({@code sequences}, {@code pairs},
 * {@code events-csv}, {@code sessions}) into a {@link dev.recstream.model.SequenceDataset}.
 * {@link dev.recstream.trainer.data.DatasetReaders#read} is the one entry point; every reader
 * streams its file line by line and reports a malformed line with the file name and line number.
 */
package dev.recstream.trainer.data;
