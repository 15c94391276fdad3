package atelier.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** HTTP calls to one node by port; they block the test thread (never an event loop). */
class NodeClient {
  final Vertx vertx;
  final int port;
  final WebClient web;

  record Reply(int status, Buffer raw) {
    JsonObject json() {
      return raw == null || raw.length() == 0 ? new JsonObject() : raw.toJsonObject();
    }

    @Override
    public String toString() {
      return status + " " + (raw == null ? "" : raw.toString());
    }
  }

  NodeClient(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
    this.web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  Reply call(HttpMethod method, String path, String token, JsonObject body) {
    HttpRequest<Buffer> req = web.request(method, path).timeout(20_000);
    if (token != null) req.putHeader("Authorization", "Bearer " + token);
    HttpResponse<Buffer> resp = body == null ? req.send().await() : req.sendJsonObject(body).await();
    return new Reply(resp.statusCode(), resp.body());
  }

  Reply get(String path, String token) {
    return call(HttpMethod.GET, path, token, null);
  }

  Reply post(String path, String token, JsonObject body) {
    return call(HttpMethod.POST, path, token, body);
  }

  String login(String email, String password) {
    Reply r = post("/api/auth/login", null, new JsonObject().put("email", email).put("password", password));
    if (r.status() != 200) throw new AssertionError("login " + email + " on port " + port + ": " + r);
    return r.json().getString("token");
  }
}
