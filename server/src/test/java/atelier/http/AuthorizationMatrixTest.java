package atelier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint × every kind of caller, each cell on a fresh tactical group so that writes of one
 * cell cannot change the answer of another. A forbidden call must also change nothing.
 */
@DisplayName("Authorisation matrix: anonymous, non-member, observer, member, coordinator, administrator × every endpoint")
@NodeTest
class AuthorizationMatrixTest {
  static TestNode node;
  static World world;
  static Api api;

  enum Who { ANONYMOUS, NON_MEMBER, OBSERVER, MEMBER, COORDINATOR, ADMIN }

  /** A fresh group with one person of each role, plus an outsider to add. */
  record Scene(String group, World.Person coordinator, World.Person observer, World.Person member,
      World.Person nonMember, World.Person outsider, String requestId) {
    String token(Who who) {
      return switch (who) {
        case ANONYMOUS -> null;
        case NON_MEMBER -> nonMember.token();
        case OBSERVER -> observer.token();
        case MEMBER -> member.token();
        case COORDINATOR -> coordinator.token();
        case ADMIN -> world.admin;
      };
    }
  }

  record Call(String name, HttpMethod method, Function<Scene, String> path, Function<Scene, JsonObject> body, int[] expected) {}

  static Scene scene() {
    World.Person c = world.person("c");
    World.Person o = world.person("o");
    World.Person m = world.person("m");
    World.Person n = world.person("n");
    World.Person x = world.person("x");
    String g = world.activeGroup(c);
    world.add(g, o, "observer");
    world.add(g, m, "member");
    String rid = api.post("/api/spaces/" + g + "/join-requests", x.token(), new JsonObject()).json().getString("id");
    return new Scene(g, c, o, m, n, x, rid);
  }

  //                      anonymous, non-member, observer, member, coordinator, admin
  static int[] s(int... codes) {
    return codes;
  }

  static List<Call> calls() {
    List<Call> l = new ArrayList<>();
    l.add(new Call("GET /api/me", HttpMethod.GET, sc -> "/api/me", null, s(401, 200, 200, 200, 200, 200)));
    l.add(new Call("GET /api/spaces", HttpMethod.GET, sc -> "/api/spaces", null, s(401, 200, 200, 200, 200, 200)));
    l.add(new Call("GET /api/spaces/{id}", HttpMethod.GET, sc -> "/api/spaces/" + sc.group(), null, s(401, 200, 200, 200, 200, 200)));
    l.add(new Call("GET /api/organisations", HttpMethod.GET, sc -> "/api/organisations", null, s(401, 200, 200, 200, 200, 200)));
    l.add(new Call("GET /api/users", HttpMethod.GET, sc -> "/api/users", null, s(401, 200, 200, 200, 200, 200)));
    l.add(new Call("POST /api/organisations", HttpMethod.POST, sc -> "/api/organisations",
        sc -> new JsonObject().put("name", "Org " + sc.group()), s(401, 403, 403, 403, 403, 201)));
    l.add(new Call("POST /api/users", HttpMethod.POST, sc -> "/api/users",
        sc -> new JsonObject().put("email", sc.group() + "@new.test").put("name", "N").put("password", "password-123"), s(401, 403, 403, 403, 403, 201)));
    l.add(new Call("PATCH /api/users/{id}", HttpMethod.PATCH, sc -> "/api/users/" + sc.outsider().id(),
        sc -> new JsonObject().put("disabled", true), s(401, 403, 403, 403, 403, 200)));
    l.add(new Call("POST /api/users/{id}/password-reset", HttpMethod.POST, sc -> "/api/users/" + sc.outsider().id() + "/password-reset",
        null, s(401, 403, 403, 403, 403, 200)));
    l.add(new Call("POST /api/spaces (squad)", HttpMethod.POST, sc -> "/api/spaces",
        sc -> new JsonObject().put("kind", "squad").put("name", "S").put("theme", "T"), s(401, 403, 403, 403, 403, 201)));
    l.add(new Call("POST /api/spaces (tactical)", HttpMethod.POST, sc -> "/api/spaces",
        sc -> new JsonObject().put("kind", "tactical").put("name", "G").put("mandate", World.mandate()), s(401, 201, 201, 201, 201, 201)));
    l.add(new Call("GET members", HttpMethod.GET, sc -> "/api/spaces/" + sc.group() + "/members", null, s(401, 403, 200, 200, 200, 200)));
    l.add(new Call("POST members", HttpMethod.POST, sc -> "/api/spaces/" + sc.group() + "/members",
        sc -> new JsonObject().put("user", sc.outsider().id()).put("role", "member"), s(401, 403, 403, 403, 200, 200)));
    l.add(new Call("DELETE member", HttpMethod.DELETE, sc -> "/api/spaces/" + sc.group() + "/members/" + sc.member().id(), null,
        s(401, 403, 403, 204, 204, 204)));
    l.add(new Call("GET join-requests", HttpMethod.GET, sc -> "/api/spaces/" + sc.group() + "/join-requests", null, s(401, 403, 403, 403, 200, 200)));
    l.add(new Call("POST join-requests", HttpMethod.POST, sc -> "/api/spaces/" + sc.group() + "/join-requests", sc -> new JsonObject(),
        s(401, 201, 409, 409, 409, 201)));
    l.add(new Call("POST decide join-request", HttpMethod.POST, sc -> "/api/spaces/" + sc.group() + "/join-requests/" + sc.requestId(),
        sc -> new JsonObject().put("decision", "accept"), s(401, 403, 403, 403, 200, 200)));
    l.add(new Call("POST state dormant", HttpMethod.POST, sc -> "/api/spaces/" + sc.group() + "/state",
        sc -> new JsonObject().put("state", "dormant"), s(401, 403, 403, 403, 200, 200)));
    return l;
  }

  static Stream<Arguments> cells() {
    List<Arguments> out = new ArrayList<>();
    for (Call c : calls()) for (Who w : Who.values()) out.add(Arguments.of(c.name(), w, c));
    return out.stream();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("cells")
  void cell(String name, Who who, Call call) {
    Scene sc = scene();
    JsonObject membersBefore = membersOf(sc.group());
    Api.Reply r = api.call(call.method(), call.path().apply(sc), sc.token(who), call.body() == null ? null : call.body().apply(sc));
    int expected = call.expected()[who.ordinal()];
    assertEquals(expected, r.status(), name + " as " + who + ": " + r);
    if (expected >= 400) {
      assertEquals(membersBefore, membersOf(sc.group()), "a refused call changed the members");
      assertEquals("active", api.get("/api/spaces/" + sc.group(), world.admin).json().getString("state"));
    }
  }

  private static JsonObject membersOf(String group) {
    return new JsonObject().put("m", api.get("/api/spaces/" + group + "/members", world.admin).json().getJsonArray("members"))
        .put("r", api.get("/api/spaces/" + group + "/join-requests", world.admin).json().getJsonArray("requests"));
  }
}
