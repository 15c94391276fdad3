package atelier.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.net.URI;

/** The few REST calls the generator needs to prepare its users and spaces (docs/api-overview.md). */
final class Api {

  static final class ApiException extends RuntimeException {
    final int status;

    ApiException(String call, int status, String body) {
      super(call + " -> HTTP " + status + ": " + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
      this.status = status;
    }
  }

  private final Vertx vertx;
  private final HttpClientAgent http;
  private final String host;
  private final int port;

  Api(Vertx vertx, URI base, int poolSize) {
    this.vertx = vertx;
    this.host = base.getHost();
    this.port = base.getPort() > 0 ? base.getPort() : 80;
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(10_000),
        new PoolOptions().setHttp1MaxSize(Math.max(1, poolSize)));
  }

  /** POST /api/auth/login; gives the bearer token. */
  Future<String> login(String email, String password) {
    return call(HttpMethod.POST, "/api/auth/login", new JsonObject().put("email", email).put("password", password), null)
        .map(r -> {
          String token = r.getString("token");
          if (token == null) {
            throw new IllegalStateException("login answered without a token: " + r.encode());
          }
          return token;
        });
  }

  Future<JsonObject> post(String path, JsonObject body, String token) {
    return call(HttpMethod.POST, path, body, token);
  }

  Future<JsonObject> call(HttpMethod method, String path, JsonObject body, String token) {
    return attempt(method, path, body, token, 0);
  }

  private Future<JsonObject> attempt(HttpMethod method, String path, JsonObject body, String token, int tries) {
    RequestOptions ro = new RequestOptions().setMethod(method).setHost(host).setPort(port).setURI(path)
        .putHeader("content-type", "application/json").putHeader("accept", "application/json");
    if (token != null) {
      ro.putHeader("authorization", "Bearer " + token);
    }
    Buffer payload = body == null ? Buffer.buffer() : body.toBuffer();
    return http.request(ro)
        .compose(req -> req.send(payload))
        .compose(resp -> resp.body().map(b -> new Object[] {resp.statusCode(), b, resp.getHeader("retry-after")}))
        .compose(r -> {
          int status = (Integer) r[0];
          Buffer b = (Buffer) r[1];
          if (status >= 200 && status < 300) {
            return Future.succeededFuture(b.length() == 0 ? new JsonObject() : new JsonObject(b));
          }
          if ((status == 429 || status == 503) && tries < 20) {
            long delay = 500;
            try {
              if (r[2] != null) {
                delay = Math.max(100, Long.parseLong(((String) r[2]).trim()) * 1000);
              }
            } catch (NumberFormatException ignored) {
              // keep the default
            }
            Promise<JsonObject> p = Promise.promise();
            vertx.setTimer(Math.min(delay, 10_000), id -> attempt(method, path, body, token, tries + 1).onComplete(p));
            return p.future();
          }
          return Future.failedFuture(new ApiException(method + " " + path, status, b.toString()));
        });
  }

  Future<Void> close() {
    return http.close();
  }
}
