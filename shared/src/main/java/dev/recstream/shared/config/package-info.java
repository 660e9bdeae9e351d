/** Typed configuration from file, environment and flags, checked at start-up (CONTRACT §5). */
package dev.recstream.shared.config;
