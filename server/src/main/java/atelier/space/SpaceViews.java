package atelier.space;

import atelier.auth.Caller;
import atelier.auth.User;
import atelier.auth.UserRepository;
import atelier.auth.UserViews;
import atelier.org.Organisation;
import atelier.org.OrganisationRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders spaces for the directory: member counts and member organisations are computed from the
 * memberships (the network has tens of spaces and hundreds of people, so one pass is cheap and never
 * goes stale).
 */
public final class SpaceViews {
  private final SpaceService service;
  private final MembershipRepository members;
  private final UserRepository users;
  private final OrganisationRepository orgs;

  public SpaceViews(SpaceService service, MembershipRepository members, UserRepository users, OrganisationRepository orgs) {
    this.service = service;
    this.members = members;
    this.users = users;
    this.orgs = orgs;
  }

  /**
   * The directory's filters. Text is compared folded (case and accents ignored: "energetique"
   * finds "Énergétique"); the query looks in the name, theme, description and mandate, every
   * word of it somewhere.
   */
  public record Filter(String kind, String state, String theme, String query) {
    boolean accepts(Space s) {
      return (kind == null || kind.equals(s.kind()))
          && (state == null || state.equals(s.state().wire()))
          && (theme == null || (s.theme() != null && Folding.fold(s.theme()).contains(Folding.fold(theme))))
          && (query == null || matches(s, query));
    }

    private static boolean matches(Space s, String query) {
      StringBuilder text = new StringBuilder(s.name());
      for (String part : new String[] {s.theme(), s.description()}) if (part != null) text.append(' ').append(part);
      if (s.mandate() != null) {
        text.append(' ').append(s.mandate().issue()).append(' ').append(s.mandate().objectives())
            .append(' ').append(s.mandate().deliverables());
      }
      String hay = Folding.fold(text.toString());
      for (String word : Folding.fold(query).split("\\s+")) if (!word.isEmpty() && !hay.contains(word)) return false;
      return true;
    }
  }

  public Future<JsonArray> directory(Caller caller, Filter filter) {
    return Future.all(service.all(), members.all(), service.myPendingRequests(caller)).compose(all -> {
      List<Space> spaces = all.resultAt(0);
      List<Membership> ms = all.resultAt(1);
      List<JoinRequest> pending = all.resultAt(2);
      Set<String> userIds = ms.stream().map(Membership::user).collect(Collectors.toSet());
      return Future.all(users.byIds(userIds), orgs.allById()).map(more -> {
        Map<String, String> orgOfUser = new HashMap<>();
        for (User u : more.<List<User>>resultAt(0)) if (u.organisation() != null) orgOfUser.put(u.id(), u.organisation());
        Map<String, Organisation> orgById = more.resultAt(1);
        Map<String, Space> byId = spaces.stream().collect(Collectors.toMap(Space::id, s -> s));
        Map<String, List<Membership>> bySpace = ms.stream().collect(Collectors.groupingBy(Membership::space));
        Set<String> pendingSpaces = pending.stream().map(JoinRequest::space).collect(Collectors.toSet());
        JsonArray out = new JsonArray();
        for (Space s : spaces) {
          List<Membership> sm = bySpace.getOrDefault(s.id(), List.of());
          Role role = sm.stream().filter(m -> m.user().equals(caller.id())).map(Membership::role).findFirst().orElse(null);
          if (!SpaceService.visible(s, caller, role) || !filter.accepts(s)) continue;
          out.add(render(s, role, sm, orgOfUser, orgById, byId, pendingSpaces.contains(s.id())));
        }
        return out;
      });
    });
  }

  public Future<JsonObject> one(Caller caller, String spaceId) {
    return directory(caller, new Filter(null, null, null, null)).map(arr -> {
      for (int i = 0; i < arr.size(); i++) {
        if (arr.getJsonObject(i).getString("id").equals(spaceId)) return arr.getJsonObject(i);
      }
      throw atelier.errors.ApiError.notFound();
    });
  }

  public Future<JsonArray> members(List<Membership> list) {
    List<String> ids = list.stream().map(Membership::user).toList();
    return Future.all(users.byIds(ids), orgs.allById()).map(all -> {
      Map<String, User> byId = all.<List<User>>resultAt(0).stream().collect(Collectors.toMap(User::id, u -> u));
      Map<String, Organisation> orgById = all.resultAt(1);
      JsonArray out = new JsonArray();
      List<Membership> sorted = new ArrayList<>(list);
      sorted.sort(Comparator.comparing((Membership m) -> m.role().ordinal())
          .thenComparing(m -> byId.containsKey(m.user()) ? byId.get(m.user()).name() : ""));
      for (Membership m : sorted) {
        User u = byId.get(m.user());
        if (u == null) continue;
        out.add(new JsonObject().put("user", person(u, orgById)).put("role", m.role().wire()).put("joinedAt", m.joinedAt().toString()));
      }
      return out;
    });
  }

  public Future<JsonArray> requests(List<JoinRequest> list) {
    List<String> ids = list.stream().map(JoinRequest::user).toList();
    return Future.all(users.byIds(ids), orgs.allById()).map(all -> {
      Map<String, User> byId = all.<List<User>>resultAt(0).stream().collect(Collectors.toMap(User::id, u -> u));
      Map<String, Organisation> orgById = all.resultAt(1);
      JsonArray out = new JsonArray();
      for (JoinRequest r : list) out.add(request(r, byId.get(r.user()), orgById));
      return out;
    });
  }

  public Future<JsonObject> request(JoinRequest r) {
    return requests(List.of(r)).map(a -> a.getJsonObject(0));
  }

  private static JsonObject request(JoinRequest r, User u, Map<String, Organisation> orgById) {
    return new JsonObject().put("id", r.id()).put("space", r.space())
        .put("user", u == null ? new JsonObject().put("id", r.user()) : person(u, orgById))
        .put("message", r.message()).put("status", r.status()).put("createdAt", r.createdAt().toString());
  }

  static JsonObject person(User u, Map<String, Organisation> orgById) {
    Organisation o = u.organisation() == null ? null : orgById.get(u.organisation());
    return new JsonObject().put("id", u.id()).put("name", u.name()).put("organisation", o == null ? null : o.toJson());
  }

  private static JsonObject render(Space s, Role role, List<Membership> sm, Map<String, String> orgOfUser,
      Map<String, Organisation> orgById, Map<String, Space> byId, boolean pending) {
    Map<String, Organisation> spaceOrgs = new TreeMap<>();
    for (Membership m : sm) {
      String oid = orgOfUser.get(m.user());
      if (oid != null && orgById.containsKey(oid)) spaceOrgs.put(orgById.get(oid).name(), orgById.get(oid));
    }
    JsonObject o = new JsonObject()
        .put("id", s.id()).put("kind", s.kind()).put("name", s.name()).put("state", s.state().wire())
        .put("theme", s.theme())
        .put("language", s.language())
        .put("membership", role == null ? null : role.wire())
        .put("joinRequest", pending && role == null ? "pending" : null)
        .put("memberCount", sm.size())
        .put("organisations", new JsonArray(spaceOrgs.values().stream().map(Organisation::toJson).toList()))
        .put("createdAt", s.createdAt().toString())
        .put("createdBy", s.createdBy());
    if (s.stateReason() != null) o.put("stateReason", s.stateReason());
    if (s.description() != null) o.put("description", s.description());
    if (s.mandate() != null) o.put("mandate", s.mandate().toJson());
    if (!s.mandates().isEmpty()) o.put("mandates", new JsonArray(s.mandates().stream().map(PastMandate::toJson).toList()));
    if (s.closing() != null) o.put("closing", s.closing().toJson());
    if (s.approval() != null) o.put("approval", s.approval().toJson());
    if (s.stateChangedAt() != null) o.put("stateChangedAt", s.stateChangedAt().toString());
    if (s.archive() != null) o.put("archive", s.archive().toJson());
    if (s.purgedAt() != null) o.put("purgedAt", s.purgedAt().toString());
    if (s.squad() != null) {
      Space sq = byId.get(s.squad());
      o.put("squad", new JsonObject().put("id", s.squad()).put("name", sq == null ? null : sq.name()));
    }
    return o;
  }

}
