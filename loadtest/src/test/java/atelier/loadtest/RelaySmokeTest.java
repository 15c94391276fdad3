package atelier.loadtest;

import atelier.loadtest.relay.ReferenceRelay;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tiny load against the in-process reference relay, so that the harness cannot rot. */
class RelaySmokeTest {

  static Vertx vertx;
  static int port;
  static long pid = ProcessHandle.current().pid();

  @BeforeAll
  static void startRelay() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    vertx = Vertx.vertx();
    ReferenceRelay.start(vertx, "127.0.0.1", port, 2).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopRelay() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  @Timeout(60)
  void deliversEveryMessageToEverySubscriberAndReports(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("results.json");
    JsonObject r = Main.run("--scenario", "b", "--mode", "relay", "--target", "http://127.0.0.1:" + port,
        "--spaces", "2", "--members", "10", "--rate", "100", "--warmup", "0", "--messages", "50",
        "--local-addresses", "3", "--server-pid", Long.toString(pid), "--drain", "10", "--out", out.toString());

    assertEquals(20, r.getJsonObject("connections").getInteger("subscribed"));
    JsonObject d = r.getJsonObject("deliveries");
    assertEquals(50 * 10, d.getLong("expected"), "each message goes to the 10 subscribers of its space");
    assertEquals(d.getLong("expected"), d.getLong("received"));
    assertEquals(0, d.getLong("missing"));
    assertEquals(50, r.getJsonObject("messages").getLong("acked"));
    assertEquals(0, r.getJsonObject("errors").getLong("total"));

    JsonObject onDisk = new JsonObject(Files.readString(out));
    for (String k : new String[] {"scenario", "mode", "params", "connections", "messages", "deliveries", "latencyMs",
        "ackLatencyMs", "deliveriesPerSecond", "errors", "server", "generator", "heartbeats"}) {
      assertTrue(onDisk.containsKey(k), "report field " + k);
    }
    JsonObject lat = onDisk.getJsonObject("latencyMs");
    assertEquals(500, lat.getLong("count"));
    for (String k : new String[] {"p50", "p95", "p99", "max"}) {
      assertNotNull(lat.getDouble(k), k);
    }
    assertTrue(lat.getDouble("p50") <= lat.getDouble("p99") && lat.getDouble("p99") <= lat.getDouble("max"));
    assertTrue(onDisk.getJsonObject("server").getJsonObject("afterConnect").getBoolean("available"));
    assertTrue(Report.markdown(onDisk).contains("delivery latency p99"));
  }

  @Test
  @Timeout(60)
  void stepsRatesAndComparesAcrossTwoTargets(@TempDir Path dir) throws Exception {
    String t = "http://127.0.0.1:" + port;
    JsonObject d = Main.run("--scenario", "d", "--mode", "relay", "--target", t, "--spaces", "2", "--members", "3",
        "--steps", "50,100", "--step-duration", "1", "--warmup", "0", "--ack-p99-limit", "60000",
        "--step-retries", "0");
    assertEquals(2, d.getJsonArray("steps").size());
    assertEquals(100.0, d.getDouble("bestRatePerSecond"));

    JsonObject e = Main.run("--scenario", "e", "--mode", "relay", "--target", t + "," + t, "--spaces", "2",
        "--members", "4", "--rate", "100", "--warmup", "0", "--messages", "20");
    JsonObject nodes = e.getJsonObject("nodes");
    assertEquals(80, nodes.getJsonObject("sameNodeLatencyMs").getLong("count")
        + nodes.getJsonObject("crossNodeLatencyMs").getLong("count"));
    assertTrue(Report.compare(d, e).contains("Atelier / relay"));

    JsonObject a = Main.run("--scenario", "a", "--mode", "relay", "--target", t, "--spaces", "2", "--members", "5",
        "--hold", "2", "--ping", "1", "--server-pid", Long.toString(pid));
    assertEquals(10, a.getJsonObject("idle").getInteger("connectionsHeld"));
    assertTrue(a.getJsonObject("heartbeats").getLong("pongs") > 0);
  }
}
