package atelier.docs.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;

/**
 * Many simulated clients edit one document against one authoritative server, as the protocol
 * says: operations against a revision, the server transforms late ones, acks the author and
 * broadcasts to the others, is idempotent by clientId, and lets a reconnecting client resume
 * with {@code since}. Messages arrive after random delays (in order per connection); connections
 * drop at random, losing what was in flight or delivering it late (a resend may race the
 * original). At the end every client must hold exactly the server's text, with nothing pending,
 * and every client operation must have been committed exactly once.
 */
@Label("Convergence of many clients")
class ConvergenceSimulation {

  /** The server: a text, its revision log, and the clientId → revision map. */
  static final class Server {
    String text = "";
    final List<TextOperation> log = new ArrayList<>();
    final Map<String, Integer> revOf = new HashMap<>();
    final List<String> clientIds = new ArrayList<>();
    final List<Connection> joined = new ArrayList<>();

    int head() {
      return log.size();
    }

    /** Receives an operation on {@code from} (null: a dead connection whose replies are lost). */
    void receive(Connection from, int rev, String clientId, TextOperation op) {
      Integer done = revOf.get(clientId);
      if (done != null) {
        if (from != null) {
          from.down.add(Msg.ack(done));
        }
        return;
      }
      assertTrue(rev <= head(), "rev above head");
      for (int i = rev; i < head(); i++) {
        op = TextOperation.transform(op, log.get(i)).first();
      }
      text = op.apply(text);
      log.add(op);
      clientIds.add(clientId);
      revOf.put(clientId, head());
      for (Connection c : joined) {
        c.down.add(c == from ? Msg.ack(head()) : Msg.op(head(), op, clientId));
      }
    }

    void join(Connection c, int since) {
      for (int i = since; i < head(); i++) {
        c.down.add(Msg.op(i + 1, log.get(i), clientIds.get(i)));
      }
      c.down.add(Msg.joined(head()));
      joined.add(c);
    }
  }

  record Msg(String kind, int rev, TextOperation op, String clientId) {
    static Msg ack(int rev) {
      return new Msg("ack", rev, null, null);
    }

    static Msg op(int rev, TextOperation op, String clientId) {
      return new Msg("op", rev, op, clientId);
    }

    static Msg joined(int rev) {
      return new Msg("joined", rev, null, null);
    }
  }

  record Upstream(int rev, String clientId, TextOperation op) {}

  /** One socket: in-order queues both ways. */
  static final class Connection {
    final Deque<Upstream> up = new ArrayDeque<>();
    final Deque<Msg> down = new ArrayDeque<>();
  }

  /** A client with ot.js's state machine: synchronized, awaiting, awaiting with buffer. */
  static final class Client {
    final String name;
    String text = "";
    int rev;
    TextOperation outstanding;
    String outstandingId;
    TextOperation buffer;
    Connection connection;
    boolean ready;
    int counter;

    Client(String name) {
      this.name = name;
    }

    void edit(TextOperation op) {
      text = op.apply(text);
      if (outstanding == null) {
        outstanding = op;
        outstandingId = name + "-" + (++counter);
        send();
      } else {
        buffer = buffer == null ? op : buffer.compose(op);
      }
    }

    void send() {
      if (connection != null && ready) {
        connection.up.add(new Upstream(rev, outstandingId, outstanding));
      }
    }

    void receive(Msg m) {
      switch (m.kind()) {
        case "joined" -> {
          assertEquals(rev, m.rev(), "joined at the revision reached by the replay");
          ready = true;
          if (outstanding != null) {
            send();
          }
        }
        case "ack" -> {
          if (m.rev() <= rev) {
            return; // a resend's answer for an operation already seen committed
          }
          acknowledged(m.rev());
        }
        default -> {
          assertEquals(rev + 1, m.rev(), "operations arrive in revision order");
          if (outstanding != null && m.clientId().equals(outstandingId)) {
            acknowledged(m.rev());
            return;
          }
          TextOperation remote = m.op();
          if (outstanding != null) {
            TextOperation.Pair p = TextOperation.transform(outstanding, remote);
            outstanding = p.first();
            remote = p.second();
            if (buffer != null) {
              TextOperation.Pair q = TextOperation.transform(buffer, remote);
              buffer = q.first();
              remote = q.second();
            }
          }
          text = remote.apply(text);
          rev = m.rev();
        }
      }
    }

    private void acknowledged(int newRev) {
      assertEquals(rev + 1, newRev, "acks arrive in revision order");
      rev = newRev;
      outstanding = buffer;
      buffer = null;
      if (outstanding != null) {
        outstandingId = name + "-" + (++counter);
        send();
      } else {
        outstandingId = null;
      }
    }
  }

  @Property(tries = 60)
  @Label("clients with random delays and reconnects all end with the server's text")
  void allConverge(@ForAll long seed) {
    Random random = new Random(seed);
    Server server = new Server();
    List<Client> clients = new ArrayList<>();
    List<Upstream> stale = new ArrayList<>();
    int count = 2 + random.nextInt(5);
    for (int i = 0; i < count; i++) {
      Client c = new Client("c" + i);
      clients.add(c);
      connect(server, c);
    }
    int edits = 0;
    for (int step = 0; step < 1500; step++) {
      Client c = clients.get(random.nextInt(count));
      int action = random.nextInt(20);
      if (action < 6) {
        c.edit(RandomText.operation(c.text, random));
        edits++;
      } else if (action < 11 && c.connection != null && !c.connection.up.isEmpty()) {
        Upstream u = c.connection.up.poll();
        server.receive(c.connection, u.rev(), u.clientId(), u.op());
      } else if (action < 17 && c.connection != null && !c.connection.down.isEmpty()) {
        c.receive(c.connection.down.poll());
      } else if (action == 17 && c.connection != null) {
        // the socket drops: part of what it carried reaches the server late, or never
        server.joined.remove(c.connection);
        for (Upstream u : c.connection.up) {
          if (random.nextBoolean()) {
            stale.add(u);
          }
        }
        c.connection = null;
        c.ready = false;
      } else if (action == 18 && c.connection == null) {
        connect(server, c);
      } else if (action == 19 && !stale.isEmpty()) {
        Upstream u = stale.remove(random.nextInt(stale.size()));
        server.receive(null, u.rev(), u.clientId(), u.op());
      }
    }
    // quiet down: everyone reconnects, everything in flight is delivered
    for (Upstream u : stale) {
      server.receive(null, u.rev(), u.clientId(), u.op());
    }
    for (Client c : clients) {
      if (c.connection == null) {
        connect(server, c);
      }
    }
    boolean moved = true;
    while (moved) {
      moved = false;
      for (Client c : clients) {
        while (!c.connection.up.isEmpty()) {
          Upstream u = c.connection.up.poll();
          server.receive(c.connection, u.rev(), u.clientId(), u.op());
          moved = true;
        }
        while (!c.connection.down.isEmpty()) {
          c.receive(c.connection.down.poll());
          moved = true;
        }
      }
    }
    for (Client c : clients) {
      assertEquals(server.text, c.text, c.name + " ends with the server's text");
      assertEquals(server.head(), c.rev);
      assertNull(c.outstanding, c.name + " has nothing left to send");
    }
    assertEquals(server.clientIds.size(), server.revOf.size(), "each operation committed once");
    assertTrue(edits > 0);
  }

  private static void connect(Server server, Client c) {
    c.connection = new Connection();
    c.ready = false;
    server.join(c.connection, c.rev);
  }
}
