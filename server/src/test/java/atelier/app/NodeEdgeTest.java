package atelier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.realtime.WsClient;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The node's HTTP edge: one verticle per event loop, true gateway metrics, /metrics for allowed addresses only. */
@DisplayName("The HTTP edge of a node")
class NodeEdgeTest {

  @Test
  @DisplayName("http.instances verticles share the port, and connections are spread over their event loops")
  void allCores() {
    try (TestNode node = TestNode.start(Map.of("http.instances", "3"))) {
      List<HttpVerticle> instances = node.atelier.httpVerticles();
      assertEquals(3, instances.size());
      HttpClient client = node.vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
      for (int i = 0; i < 9; i++) {
        int status = client.request(HttpMethod.GET, node.port(), "127.0.0.1", "/health")
            .compose(r -> r.send()).map(r -> r.statusCode()).await();
        assertEquals(200, status);
      }
      long serving = instances.stream().filter(v -> v.accepted() > 0).count();
      assertTrue(serving >= 2, "connections accepted per instance: " + instances.stream().map(HttpVerticle::accepted).toList());
      client.close().await();
    }
  }

  @Test
  @DisplayName("http.compression: off by default (the proxy in front compresses); on, answers are gzip for clients that accept it")
  void compression() {
    try (TestNode plain = TestNode.start(); TestNode compressing = TestNode.start(Map.of("http.compression", "true"))) {
      assertEquals(null, encodingOf(plain, "/"));
      assertEquals(null, encodingOf(plain, "/health"));
      assertEquals("gzip", encodingOf(compressing, "/"));
      assertEquals("gzip", encodingOf(compressing, "/health"));
    }
  }

  /** The Content-Encoding of GET {@code path} asked with {@code Accept-Encoding: gzip} (null: none), after a 200. */
  private static String encodingOf(TestNode node, String path) {
    HttpClient client = node.vertx.createHttpClient(new HttpClientOptions().setDecompressionSupported(false));
    try {
      return client.request(HttpMethod.GET, node.port(), "127.0.0.1", path)
          .compose(r -> r.putHeader("Accept-Encoding", "gzip").send())
          .compose(r -> r.body().map(body -> {
            assertEquals(200, r.statusCode(), path);
            assertTrue(body.length() > 0, path);
            return r.getHeader("Content-Encoding");
          })).await();
    } finally {
      client.close().await();
    }
  }

  @Test
  @DisplayName("atelier_gateway_connections and _follows count the sockets really open and the keys they follow")
  void gatewayGauges() {
    try (TestNode node = TestNode.start()) {
      World world = new World(node);
      World.Person coord = world.person("coord");
      String space = world.activeGroup(coord);
      assertEquals(0.0, metric(node, world, "atelier_gateway_connections"));
      List<WsClient> sockets = new ArrayList<>();
      for (int i = 0; i < 3; i++) sockets.add(WsClient.connect(node.vertx, node.port(), coord.token()));
      sockets.get(0).subscribe(space, 0);
      sockets.get(1).subscribe(space, 0);
      waitFor("3 connections", () -> metric(node, world, "atelier_gateway_connections") == 3.0);
      assertEquals(2.0, metric(node, world, "atelier_gateway_follows"));
      assertTrue(metric(node, world, "atelier_gateway_connections_opened_total") >= 3.0);
      assertTrue(metric(node, world, "atelier_gateway_frames_received_total") >= 2.0);
      sockets.forEach(WsClient::close);
      waitFor("no connection left", () -> metric(node, world, "atelier_gateway_connections") == 0.0);
      assertEquals(0.0, metric(node, world, "atelier_gateway_follows"));
    }
  }

  @Test
  @DisplayName("/metrics answers only the addresses of metrics.allow: elsewhere it does not exist, whoever asks")
  void metricsOnlyForAllowedAddresses() {
    try (TestNode node = TestNode.start(Map.of("metrics.allow", "10.0.0.0/8,fd00::/8"))) {
      World world = new World(node);
      assertEquals(404, node.api.get("/metrics", world.admin).status());
    }
    try (TestNode node = TestNode.start(Map.of("metrics.allow", "127.0.0.1"))) {
      World world = new World(node);
      assertEquals(200, node.api.get("/metrics", world.admin).status());
    }
  }

  private static double metric(TestNode node, World world, String name) {
    String text = node.api.get("/metrics", world.admin).raw().toString();
    Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*} ([0-9.eE+-]+)$").matcher(text);
    if (!m.find()) throw new AssertionError(name + " not in /metrics:\n" + text);
    return Double.parseDouble(m.group(1));
  }

  private static void waitFor(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(WsClient.WAIT_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
