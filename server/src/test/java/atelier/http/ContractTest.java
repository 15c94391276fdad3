package atelier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The OpenAPI contract, health and security headers")
@NodeTest
class ContractTest {
  static TestNode node;

  @Test
  @DisplayName("every REST route is an operation of docs/openapi.json and every operation has a route")
  void everyRouteInContract() {
    Set<String> inContract = new HashSet<>();
    node.atelier.http().operations();
    JsonObject doc = new JsonObject(node.vertx.fileSystem().readFileBlocking("docs/openapi.json"));
    JsonObject paths = doc.getJsonObject("paths");
    for (String p : paths.fieldNames()) {
      for (String m : paths.getJsonObject(p).fieldNames()) inContract.add(paths.getJsonObject(p).getJsonObject(m).getString("operationId"));
    }
    inContract.remove("health");
    assertEquals(inContract, new HashSet<>(node.atelier.http().operations()));
  }

  @Test
  @DisplayName("GET /health answers UP while the store answers")
  void health() {
    Api.Reply r = node.api.get("/health", null);
    assertEquals(200, r.status());
    assertEquals("UP", r.json().getString("status"));
  }

  @Test
  @DisplayName("answers carry CSP, nosniff and frame-ancestors")
  void headers() {
    Api.Reply r = node.api.get("/api/me", null);
    String csp = r.headers().get("Content-Security-Policy");
    assertNotNull(csp);
    assertTrue(csp.contains("frame-ancestors 'none'"));
    assertEquals("nosniff", r.headers().get("X-Content-Type-Options"));
  }
}
