package atelier.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.MutableClock;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The mandate scheduler, driven by a controllable clock")
class MandateSchedulerTest {
  static final LocalDate END = LocalDate.of(2030, 3, 31);
  static MutableClock clock = new MutableClock(toronto(END.minusDays(30), 12, 0));
  static TestNode node;
  static World world;
  static Groups groups;

  @BeforeAll
  static void start() {
    node = TestNode.start(Map.of("lifecycle.checkSeconds", "1"), clock);
    world = new World(node);
    groups = new Groups(world);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Instant toronto(LocalDate day, int hour, int minute) {
    return LocalDateTime.of(day, java.time.LocalTime.of(hour, minute)).atZone(Groups.TORONTO).toInstant();
  }

  @Test
  @DisplayName("reminds 14 days and 1 day before the end (once each), keeps the end day active, and makes the group dormant the next day in Toronto")
  void datesDriveTheGroup() {
    World.Person coord = world.person("coordo");
    String g = groups.active(coord, END);

    clock.set(toronto(END.minusDays(30), 12, 0));
    groups.awaitCheck(coord, END.minusDays(30));
    assertEquals(0, groups.notices(g).size(), "no reminder a month before the end");

    clock.set(toronto(END.minusDays(14), 9, 0));
    Eventually.until("the 14-day reminder is posted", () -> groups.notices(g).size() == 1);
    assertTrue(groups.notices(g).get(0).getString("text").contains("dans 14 jours"), groups.notices(g).toString());
    Eventually.until("the coordinator is notified", () -> groups.reminders(coord, g).size() == 1);
    assertEquals(14, groups.reminders(coord, g).get(0).getJsonObject("data").getInteger("days"));
    groups.awaitCheck(coord, END.minusDays(14));
    assertEquals(1, groups.notices(g).size(), "the 14-day reminder is sent once");

    clock.set(toronto(END.minusDays(1), 9, 0));
    Eventually.until("the 1-day reminder is posted", () -> groups.notices(g).size() == 2);
    assertTrue(groups.notices(g).get(1).getString("text").contains("demain"));
    Eventually.until("the coordinator is notified again", () -> groups.reminders(coord, g).size() == 2);

    clock.set(toronto(END, 23, 30)); // the end day itself, late evening in Toronto (already April 1 in UTC)
    groups.awaitCheck(coord, END);
    assertEquals("active", groups.state(g), "the end day is still active");
    assertEquals(2, groups.notices(g).size(), "no third reminder");

    clock.set(toronto(END.plusDays(1), 0, 30));
    Eventually.until("the group is dormant", () -> "dormant".equals(groups.state(g)));
    JsonObject space = groups.space(g);
    assertTrue(space.getString("stateReason").contains(END.toString()), space.encode());
  }

  @Test
  @DisplayName("after downtime it catches up: an ended mandate ends at the first check, and only the nearest reminder is sent")
  void catchUp() {
    World.Person coord = world.person("retard");
    LocalDate today = LocalDate.of(2030, 6, 10);
    clock.set(toronto(today, 12, 0));
    String late = groups.active(coord, today.minusDays(40));
    String soon = groups.active(coord, today.plusDays(1));
    Eventually.until("the long-ended group is dormant", () -> "dormant".equals(groups.state(late)));
    Eventually.until("the nearest reminder is posted", () -> groups.notices(soon).size() == 1);
    groups.awaitCheck(coord, today);
    assertEquals(1, groups.notices(soon).size());
    assertTrue(groups.notices(soon).get(0).getString("text").contains("demain"));
    assertEquals(0, groups.notices(late).size(), "no reminder for a mandate already over");
  }
}
