/** The {@code recstream} command line: dev and run modes, wiring every service. */
package dev.recstream.app;
