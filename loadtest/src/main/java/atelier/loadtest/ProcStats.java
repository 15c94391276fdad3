package atelier.loadtest;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CPU time and resident memory of one or more processes, read from {@code /proc/<pid>/stat} and {@code status}. */
record ProcStats(long cpuTicks, long rssKb, long hwmKb, int threads, boolean available) {

  /** USER_HZ: 100 on every Linux/x86 and arm64 build that matters here. */
  static final double TICKS_PER_SECOND = 100.0;

  static ProcStats read(List<Long> pids) {
    if (pids.isEmpty()) {
      return new ProcStats(0, 0, 0, 0, false);
    }
    long cpu = 0;
    long rss = 0;
    long hwm = 0;
    int threads = 0;
    for (long pid : pids) {
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // the command name (field 2) is in parentheses and may hold spaces: split after the last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state); utime is field 14, stime field 15
        cpu += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
          if (line.startsWith("VmRSS:")) {
            rss += kb(line);
          } else if (line.startsWith("VmHWM:")) {
            hwm += kb(line);
          } else if (line.startsWith("Threads:")) {
            threads += Integer.parseInt(line.substring(8).trim());
          }
        }
      } catch (IOException | RuntimeException e) {
        return new ProcStats(0, 0, 0, 0, false);
      }
    }
    return new ProcStats(cpu, rss, hwm, threads, true);
  }

  /**
   * Runs a full GC in each process ({@code jcmd PID GC.run}) and gives the Java heap then in use, in kB summed
   * over the processes, or -1 when jcmd is unavailable. The live heap is what the connections really hold;
   * RSS also counts the garbage and the free heap the collector keeps around.
   */
  static long gcAndHeapUsedKb(List<Long> pids) {
    long total = 0;
    for (long pid : pids) {
      try {
        if (!jcmd(pid, "GC.run").contains("successfully") && !jcmd(pid, "GC.run").contains("successfully")) {
          return -1;
        }
        String info = jcmd(pid, "GC.heap_info");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
        if (!m.find()) {
          return -1;
        }
        total += Long.parseLong(m.group(1));
      } catch (IOException | RuntimeException e) {
        return -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
    return total;
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
    return out;
  }

  /** {total, idle} jiffies of the whole machine from /proc/stat (idle includes iowait), or null. */
  static long[] machine() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        total += Long.parseLong(f[i]);
      }
      return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "";
    }
  }

  private static long kb(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  double cpuSeconds() {
    return cpuTicks / TICKS_PER_SECOND;
  }

  JsonObject toJson() {
    return new JsonObject().put("available", available).put("cpuSeconds", cpuSeconds())
        .put("rssMB", rssKb / 1024.0).put("peakRssMB", hwmKb / 1024.0).put("threads", threads);
  }
}
