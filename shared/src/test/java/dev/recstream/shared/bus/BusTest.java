package dev.recstream.shared.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Bus: typed requests, replies and failures on a real event bus")
class BusTest {

  @BeforeEach
  void install(Vertx vertx) {
    Bus.install(vertx);
    Bus.install(vertx); // idempotent: every verticle of a node calls it
  }

  @Test
  @DisplayName("a request reaches the handler as the record sent and the reply comes back typed")
  void typedRequestReply(Vertx vertx, VertxTestContext test) {
    RecommendationQuery sent = new RecommendationQuery("u1", 7);
    Recommendations answer = new Recommendations("u1", List.of(new ScoredItem("i1", 1.0)), "m", Instant.now(), "r1", null, null);
    Bus.serve(vertx, Addresses.SCORING_RECOMMEND, query -> {
          test.verify(() -> assertSame(sent, query));
          return Future.succeededFuture(answer);
        })
        .compose(v -> Bus.request(vertx, Addresses.SCORING_RECOMMEND, sent))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertSame(answer, reply, "a same-JVM hop passes the record itself");
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a coded failure reaches the requester with its code and sentence")
  void codedFailure(Vertx vertx, VertxTestContext test) {
    Bus.serve(vertx, Addresses.STORE_MODEL, v -> Future.<ModelEntry>failedFuture(Failures.notFound("version: no model 'x'")))
        .compose(v -> Bus.request(vertx, Addresses.STORE_MODEL, new ModelVersion("x")))
        .onComplete(test.failing(e -> test.verify(() -> {
          ReplyException reply = (ReplyException) e;
          assertEquals(Failures.NOT_FOUND, reply.failureCode());
          assertEquals("version: no model 'x'", reply.getMessage());
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("any other failure, thrown or returned, means the service is unavailable (503)")
  void otherFailures(Vertx vertx, VertxTestContext test) {
    Bus.serve(vertx, Addresses.STORE_HISTORY, q -> {
          throw new IllegalStateException("pool closed");
        })
        .compose(v -> Bus.request(vertx, Addresses.STORE_HISTORY, new UserQuery("u")))
        .onComplete(test.failing(e -> test.verify(() -> {
          assertEquals(Failures.UNAVAILABLE, ((ReplyException) e).failureCode());
          assertTrue(e.getMessage().contains("pool closed"), e.getMessage());
          test.completeNow();
        })));
  }

  @Test
  @DisplayName("a publish reaches every listener with the one immutable record")
  void publishToEveryListener(Vertx vertx, VertxTestContext test) {
    SequenceUpdates batch = new SequenceUpdates(List.of(new SequenceUpdate("u", "e", "i", "view", List.of("i"), 1L)));
    var both = test.checkpoint(2);
    Future.all(
            Bus.listen(vertx, Addresses.EVENTS_STORED, got -> test.verify(() -> {
              assertSame(batch, got);
              both.flag();
            })),
            Bus.listen(vertx, Addresses.EVENTS_STORED, got -> test.verify(() -> {
              assertSame(batch, got);
              both.flag();
            })))
        .onComplete(test.succeeding(v -> Bus.publish(vertx, Addresses.EVENTS_STORED, batch)));
  }
}
