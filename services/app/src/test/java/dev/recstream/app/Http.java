package dev.recstream.app;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;

/** A blocking HTTP client for tests, against the {@link TestSystem}'s gateway. */
final class Http {
  private final WebClient client;

  Http(TestSystem system) {
    client = system.webClient();
  }

  HttpResponse<Buffer> post(String path, String contentType, String body) {
    var request = client.post(path);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return await(request.sendBuffer(Buffer.buffer(body)));
  }

  HttpResponse<Buffer> postJson(String path, Object json) {
    return post(path, "application/json", json instanceof JsonObject o ? o.encode() : json.toString());
  }

  HttpResponse<Buffer> putJson(String path, Object json) {
    return await(client.put(path).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(json instanceof JsonObject o ? o.encode() : json.toString())));
  }

  HttpResponse<Buffer> get(String path) {
    return await(client.get(path).send());
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("request failed: " + e.getMessage(), e);
    }
  }
}
