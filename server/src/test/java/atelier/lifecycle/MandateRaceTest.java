package atelier.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import atelier.support.MutableClock;
import atelier.support.TestNode;
import atelier.support.World;
import atelier.store.Reactive;
import com.mongodb.client.model.Filters;
import java.time.LocalDate;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Two nodes on one store, each running the mandate scheduler, race on the same groups")
class MandateRaceTest {
  @Test
  @DisplayName("a mandate starting today is started once and an ended mandate is ended once (one space.state event each), and a reminder is sent once (one message, one notification)")
  void race() throws Exception {
    LocalDate today = LocalDate.of(2031, 2, 1);
    MutableClock clock = new MutableClock(MandateSchedulerTest.toronto(today.minusMonths(1), 12, 0));
    // Not clustered: each node takes its own local lock, so both run every check, racing on the store.
    TestNode a = TestNode.start(Map.of("lifecycle.checkSeconds", "1"), clock);
    TestNode b = TestNode.start(Map.of("lifecycle.checkSeconds", "1", "mongo.database", a.database), clock);
    try {
      World world = new World(a);
      Groups groups = new Groups(world);
      World.Person coord = world.person("course");
      String ending = groups.active(coord, today.minusDays(1));
      String soon = groups.active(coord, today.plusDays(1));
      String starting = groups.proposed(coord, today, today.plusMonths(3));
      groups.approve(starting);
      var events = a.atelier.services().store.collection("events");
      var messages = a.atelier.services().store.collection("messages");
      for (int round = 0; round < 3; round++) {
        clock.set(MandateSchedulerTest.toronto(today, 12, round));
        groups.awaitCheck(coord, today);
        new Groups(new World(b)).awaitCheck(coord, today);
      }
      assertEquals("dormant", groups.state(ending));
      assertEquals("active", groups.state(starting));
      assertEquals(1, Groups.events(a, starting, "space.state").size(), "one start, one event");
      assertEquals(1L, Reactive.one(events.countDocuments(Filters.and(Filters.eq("space", ending), Filters.eq("kind", "space.state"),
          Filters.eq("data.state", "dormant")))).await(), "one transition, one event");
      assertEquals(1, groups.notices(soon).size(), "one reminder message");
      assertEquals(1, groups.reminders(coord, soon).size(), "one notification");
      assertEquals(1L, Reactive.one(messages.countDocuments(new Document("space", soon).append("author", "atelier"))).await());
    } finally {
      b.close();
      a.close();
    }
  }
}
