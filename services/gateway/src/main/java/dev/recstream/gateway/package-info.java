/** The HTTP and WebSocket edge of recstream (Vert.x Web). */
package dev.recstream.gateway;
