package atelier.loadtest;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line options, with defaults that depend on the scenario. */
public final class Options {

  static final String USAGE = """
      atelier-loadtest --scenario a|b|c|d|e [options]

        --mode atelier|relay         atelier: prepares users/spaces by REST, bearer auth (default)
                                     relay:   no REST, just connect/subscribe/send (ReferenceRelay)
        --target URL[,URL…]          base URL(s); clients are spread over them (default http://127.0.0.1:8080)
        --admin-email E --admin-password P   administrator (atelier mode)
        --spaces N --members M       spaces and connected members per space (one connection each)
        --users-per-space K          K users per space, each a member of that space only; the connections of a
                                     space share its K users (default: 10 for a, b, e; 100 for c; atelier mode)
        --users U                    instead: U users, connection i uses user i mod U (default for d: 100)
        --rate R                     messages/s in all (b, c, e); 0 = idle
        --duration S                 measured seconds (default 30), after --warmup S (default 10; same rate,
                                     not measured: JIT and caches of both sides warm up)
        --messages N                 send exactly N measured messages instead of --duration
        --hold S                     scenario a: seconds to hold the idle connections
        --ping S                     heartbeat: each connection sends ping every S s (0 = none; default 25)
        --steps R1,R2,…              scenario d: rates to try in order; --step-duration S; --ack-p99-limit MS
        --stop-on latency|throughput scenario d: stop at the first step over the p99 limit (default), or go on
                                     while the server keeps up (acks ≥ 95 % of the rate) to find its capacity
        --step-retries N             scenario d: run a failing step again up to N times (default 1; shared machine)
        --text-size N                bytes of message text (default 100)
        --local-addresses K          bind clients to 127.0.0.1 … 127.0.0.K (default 8)
        --connect-concurrency N      handshakes in flight (default 200)
        --prep-concurrency N         REST calls in flight during preparation (default 8)
        --server-pid PID[,PID…]      server process(es) whose CPU and RSS are read from /proc
        --drain S                    seconds to wait for outstanding deliveries (default 10)
        --label TEXT                 free label stored in the report
        --out FILE                   JSON report (the Markdown table goes to stdout)
        --md FILE                    also write the Markdown table to FILE
        --event-loops N              generator event loops (default 2 × cores)
        --theme T                    theme of the squads created (default "bench")
        --native-transport true|false  generator on epoll (default true; the servers keep their own transport)
        --gc true|false              scenario a: jcmd GC.run in the server before/after to read its live heap
      """;

  final Map<String, String> raw = new LinkedHashMap<>();

  String scenario;
  String mode;
  List<URI> targets = new ArrayList<>();
  String adminEmail;
  String adminPassword;
  int spaces;
  int members;
  int users;
  int usersPerSpace;
  double rate;
  double durationSec;
  double warmupSec;
  long messages;
  double holdSec;
  double pingSec;
  List<Double> steps = new ArrayList<>();
  double stepSec;
  double ackP99LimitMs;
  int textSize;
  int localAddresses;
  int connectConcurrency;
  int prepConcurrency;
  List<Long> serverPids = new ArrayList<>();
  double drainSec;
  String label;
  String out;
  String md;
  int eventLoops;
  String theme;
  String userPassword;
  boolean gc;
  int stepRetries;
  boolean stopOnThroughput;
  boolean nativeTransport;

  static Options parse(String... args) {
    Options o = new Options();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        o.raw.put("help", "true");
        continue;
      }
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + a);
      }
      String key = a.substring(2);
      String value;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value for --" + key);
        }
        value = args[++i];
      }
      o.raw.put(key, value);
    }
    if (o.raw.containsKey("help")) {
      return o;
    }
    o.scenario = o.str("scenario", null);
    if (o.scenario == null || !o.scenario.matches("[abcde]")) {
      throw new IllegalArgumentException("--scenario a|b|c|d|e is required");
    }
    o.mode = o.str("mode", "atelier");
    if (!o.mode.equals("atelier") && !o.mode.equals("relay")) {
      throw new IllegalArgumentException("--mode atelier|relay");
    }
    for (String t : o.str("target", "http://127.0.0.1:8080").split(",")) {
      if (!t.isBlank()) {
        o.targets.add(URI.create(t.trim()));
      }
    }
    o.adminEmail = o.str("admin-email", System.getenv().getOrDefault("ATELIER_ADMIN_EMAIL", "admin@atelier.local"));
    o.adminPassword = o.str("admin-password", System.getenv().getOrDefault("ATELIER_ADMIN_PASSWORD", ""));

    // scenario defaults: spaces, members, users, rate, duration
    int dSpaces;
    int dMembers;
    int dUsers;
    double dRate;
    switch (o.scenario) {
      case "a" -> { dSpaces = 100; dMembers = 100; dUsers = 1000; dRate = 0; }
      case "b" -> { dSpaces = 100; dMembers = 100; dUsers = 1000; dRate = 1000; }
      case "c" -> { dSpaces = 1; dMembers = 5000; dUsers = 5000; dRate = 5; }
      case "d" -> { dSpaces = 10; dMembers = 10; dUsers = 100; dRate = 0; }
      default -> { dSpaces = 20; dMembers = 50; dUsers = 1000; dRate = 500; }
    }
    o.spaces = o.integer("spaces", dSpaces);
    o.members = o.integer("members", dMembers);
    o.users = Math.max(1, Math.min(o.integer("users", dUsers), o.spaces * o.members));
    // Default: K users per space (each a member of its own space only), so that preparing 10,000 connections
    // costs 1,000 memberships rather than 10,000 (and the event log of the embedded store stays small).
    int dPerSpace = switch (o.scenario) {
      case "a", "b", "e" -> 10;
      case "c" -> 100;
      default -> 0;
    };
    o.usersPerSpace = Math.max(0, Math.min(o.raw.containsKey("users") ? o.integer("users-per-space", 0)
        : o.integer("users-per-space", dPerSpace), o.members));
    if (o.usersPerSpace > 0) {
      o.users = o.spaces * o.usersPerSpace;
    }
    o.rate = o.dbl("rate", dRate);
    o.durationSec = o.dbl("duration", 30);
    o.warmupSec = o.dbl("warmup", o.scenario.equals("a") ? 0 : 10);
    o.messages = Long.parseLong(o.str("messages", "0"));
    o.holdSec = o.dbl("hold", 60);
    o.pingSec = o.dbl("ping", 25);
    for (String s : o.str("steps", "250,500,1000,1500,2000,2500,3000,4000,5000").split(",")) {
      if (!s.isBlank()) {
        o.steps.add(Double.parseDouble(s.trim()));
      }
    }
    o.stepSec = o.dbl("step-duration", 10);
    o.ackP99LimitMs = o.dbl("ack-p99-limit", 20);
    o.textSize = o.integer("text-size", 100);
    o.localAddresses = Math.max(1, Math.min(250, o.integer("local-addresses", 8)));
    o.connectConcurrency = Math.max(1, o.integer("connect-concurrency", 200));
    o.prepConcurrency = Math.max(1, o.integer("prep-concurrency", 8));
    String pids = o.str("server-pid", "");
    for (String p : pids.split(",")) {
      if (!p.isBlank()) {
        o.serverPids.add(Long.parseLong(p.trim()));
      }
    }
    o.drainSec = o.dbl("drain", 10);
    o.label = o.str("label", "");
    o.out = o.str("out", null);
    o.md = o.str("md", null);
    o.eventLoops = o.integer("event-loops", 2 * Runtime.getRuntime().availableProcessors());
    o.theme = o.str("theme", "bench");
    o.userPassword = o.str("user-password", "Bench-Passw0rd-Load!");
    o.stepRetries = Math.max(0, o.integer("step-retries", 1));
    o.stopOnThroughput = o.str("stop-on", "latency").equals("throughput");
    o.gc = Boolean.parseBoolean(o.str("gc", "true"));
    o.nativeTransport = Boolean.parseBoolean(o.str("native-transport", "true"));
    return o;
  }

  boolean help() {
    return raw.containsKey("help");
  }

  /** The user of connection i: i mod users, or with --users-per-space K one of the K users of its own space. */
  int userOf(int i) {
    if (usersPerSpace > 0) {
      return (i / members) * usersPerSpace + (i % members) % usersPerSpace;
    }
    return i % users;
  }

  int connections() {
    return spaces * members;
  }

  private String str(String key, String def) {
    return raw.getOrDefault(key, def);
  }

  private int integer(String key, int def) {
    return raw.containsKey(key) ? Integer.parseInt(raw.get(key)) : def;
  }

  private double dbl(String key, double def) {
    return raw.containsKey(key) ? Double.parseDouble(raw.get(key)) : def;
  }
}
