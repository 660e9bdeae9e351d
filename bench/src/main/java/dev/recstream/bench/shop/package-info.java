/**
 * A synthetic shop's behaviour data at any scale (issue #15): users of skewed activity browsing in
 * sessions over a Zipf-popular catalog whose items live in categories and have a fixed set of
 * related items, written as a file that {@code recstream train}, {@code eval} and {@code import}
 * read ({@code sequences} or {@code events-csv}). The generator streams: its memory grows with
 * users and items, never with events, and the same options give the same bytes.
 *
 * <p>Entry points: {@link dev.recstream.bench.shop.ShopData#main} (command line, {@code
 * bench/shop-data.sh}) and {@link dev.recstream.bench.shop.ShopData#generate} (tests).
 */
package dev.recstream.bench.shop;
