package dev.recstream.shared.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class TextRulesTest {

  @Test
  void nulAndLoneSurrogatesAreUnstorablePairsAreFine() {
    assertEquals("must not contain NUL (U+0000)", TextRules.unstorable("a\u0000b"));
    assertTrue(TextRules.unstorable("x\ud800").startsWith("must be valid Unicode"));
    assertTrue(TextRules.unstorable("\udc00x").startsWith("must be valid Unicode"));
    assertNull(TextRules.unstorable("\uD83D\uDE00 ok"));
    assertEquals(2, TextRules.codePoints("\uD83D\uDE00!"));
  }

  @Test
  void theValidatorRefusesThemInEveryTextField() {
    JsonObject search = new JsonObject().put("userId", "u").put("type", "search").put("query", "socks\u0000shoes");
    assertEquals("query: must not contain NUL (U+0000)", EventValidator.validate(search, "e1", java.time.Instant.now()).reason());
    JsonObject context = new JsonObject().put("userId", "u").put("itemId", "i").put("type", "view")
        .put("context", new JsonObject().put("k", "a\u0000b"));
    assertEquals("context.k: must not contain NUL (U+0000)", EventValidator.validate(context, "e1", java.time.Instant.now()).reason());
    JsonObject surrogate = new JsonObject().put("userId", "u\ud800").put("itemId", "i").put("type", "view");
    assertTrue(EventValidator.validate(surrogate, "e1", java.time.Instant.now()).reason().startsWith("userId: must be valid Unicode"));
  }
}
