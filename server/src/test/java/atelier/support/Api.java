package atelier.support;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** A real HTTP client for tests; calls block the test thread (never an event loop) so tests read top-down. */
public final class Api {
  public final WebClient client;
  public final int port;

  public record Reply(int status, Buffer raw, MultiMap headers) {
    public JsonObject json() {
      return raw == null || raw.length() == 0 ? new JsonObject() : raw.toJsonObject();
    }

    public String code() {
      JsonObject e = json().getJsonObject("error");
      return e == null ? null : e.getString("code");
    }

    public JsonArray array(String field) {
      return json().getJsonArray(field);
    }

    @Override
    public String toString() {
      return status + " " + (raw == null ? "" : raw.toString());
    }
  }

  public Api(Vertx vertx, int port) {
    this.port = port;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  public Reply call(HttpMethod method, String path, String token, Object body) {
    HttpRequest<Buffer> req = client.request(method, path);
    if (token != null) req.putHeader("Authorization", "Bearer " + token);
    HttpResponse<Buffer> resp;
    if (body == null) resp = req.send().await();
    else if (body instanceof Buffer b) resp = req.putHeader("Content-Type", "application/json").sendBuffer(b).await();
    else if (body instanceof String s) resp = req.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(s)).await();
    else resp = req.sendJsonObject((JsonObject) body).await();
    return new Reply(resp.statusCode(), resp.body(), resp.headers());
  }

  public Reply get(String path, String token) {
    return call(HttpMethod.GET, path, token, null);
  }

  public Reply post(String path, String token, Object body) {
    return call(HttpMethod.POST, path, token, body);
  }

  public Reply patch(String path, String token, Object body) {
    return call(HttpMethod.PATCH, path, token, body);
  }

  public Reply delete(String path, String token) {
    return call(HttpMethod.DELETE, path, token, null);
  }

  public Reply login(String email, String password) {
    return post("/api/auth/login", null, new JsonObject().put("email", email).put("password", password));
  }

  /** Signs in and returns the bearer token; fails the test if sign-in fails. */
  public String token(String email, String password) {
    Reply r = login(email, password);
    if (r.status() != 200) throw new AssertionError("login " + email + " failed: " + r);
    return r.json().getString("token");
  }

  public String adminToken() {
    return token(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
  }
}
