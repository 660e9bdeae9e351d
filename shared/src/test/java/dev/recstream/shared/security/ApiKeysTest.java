package dev.recstream.shared.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiKeysTest {
  private static final String SHOP_KEY = "rs_shop-secret";
  private static final String OPS_KEY = "rs_ops-secret";

  private static ApiKeys keys() {
    return ApiKeys.parse(List.of("shop:ingest+read:" + ApiKeys.hash(SHOP_KEY), " ops:admin:" + ApiKeys.hash(OPS_KEY).toUpperCase()));
  }

  @Test
  void aKeyAuthenticatesByItsHashAndCarriesItsRoles() {
    ApiKey shop = keys().authenticate(SHOP_KEY).orElseThrow();
    assertEquals("shop", shop.name());
    assertEquals(Set.of(Role.INGEST, Role.READ), shop.roles());
    assertTrue(shop.allows(Role.READ));
    assertFalse(shop.allows(Role.ADMIN));
  }

  @Test
  void adminMayDoEverything() {
    ApiKey ops = keys().authenticate(OPS_KEY).orElseThrow();
    for (Role role : Role.values()) {
      assertTrue(ops.allows(role), role.label());
    }
  }

  @Test
  void unknownEmptyAndMissingKeysAreRefused() {
    assertTrue(keys().authenticate("rs_guess").isEmpty());
    assertTrue(keys().authenticate("").isEmpty());
    assertTrue(keys().authenticate(null).isEmpty());
    assertTrue(keys().authenticate(ApiKeys.hash(SHOP_KEY)).isEmpty(), "the hash is not the key");
  }

  @Test
  void theHashIsSha256Hex() {
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ApiKeys.hash(""));
  }

  @Test
  void generatedKeysAreLongAndDistinct() {
    String a = ApiKeys.generate();
    assertTrue(a.startsWith("rs_") && a.length() >= 40, a);
    assertFalse(a.equals(ApiKeys.generate()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "shop:read                                  | must be name:role[+role…]:sha256-hex",
      "sh op:read:HASH                            | API key name must be 1 to 64 letters",
      "shop:owner:HASH                            | unknown role 'owner'",
      "shop:read:rs_the-secret-itself             | the hash must be 64 hex digits",
  })
  void malformedEntriesAreNamed(String entry, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ApiKeys.parseEntry(entry.replace("HASH", ApiKeys.hash("x"))));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("rs_the-secret-itself"), "a misplaced secret is not echoed: " + e.getMessage());
  }

  @Test
  void aNameConfiguredTwiceIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> ApiKeys.parse(List.of("a:read:" + ApiKeys.hash("1"), "a:admin:" + ApiKeys.hash("2"))));
  }
}
