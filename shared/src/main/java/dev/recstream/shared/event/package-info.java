/** The behavior event of CONTRACT §1 and its validation. */
package dev.recstream.shared.event;
