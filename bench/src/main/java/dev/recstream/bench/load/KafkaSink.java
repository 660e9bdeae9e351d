package dev.recstream.bench.load;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One record per event on {@code recstream.events}, key = userId (CONTRACT §4), {@code acks=all}:
 * an event counts as acknowledged when the broker has it; a failed send is an error by exception.
 */
final class KafkaSink implements EventSink {
  static final String TOPIC = "recstream.events";

  private final KafkaProducer<String, String> producer;
  private final Meter meter;

  KafkaSink(String bootstrap, Meter meter) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("acks", "all");
    p.put("linger.ms", "2");
    p.put("client.id", "recstream-load");
    // A dead broker shows up as errors within 30 s instead of the default two minutes.
    p.put("request.timeout.ms", "20000");
    p.put("delivery.timeout.ms", "30000");
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    this.meter = meter;
  }

  @Override
  public void send(List<JsonObject> events) {
    for (JsonObject event : events) {
      String id = event.getString("eventId");
      producer.send(new ProducerRecord<>(TOPIC, event.getString("userId"), event.encode()), (md, e) -> {
        if (e == null) {
          meter.acknowledged(1);
        } else {
          meter.failed("kafka:" + e.getClass().getSimpleName(), List.of(id));
        }
      });
    }
  }

  @Override
  public void drain(long millis) {
    // flush() waits for every callback of the records sent so far; it has no timeout of its own.
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
