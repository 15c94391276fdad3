package atelier.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records what the nodes of this JVM log while it is open, so a test can assert that nothing went wrong. */
public final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  /** The lines logged at ERROR, each with its exception's message. */
  public List<String> errors() {
    return errors(e -> true);
  }

  private List<String> errors(java.util.function.Predicate<ch.qos.logback.classic.spi.ILoggingEvent> which) {
    return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).filter(which)
        .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ": " + e.getThrowableProxy().getMessage()))
        .toList();
  }

  /**
   * The same, without Vert.x reporting a peer that reset its TCP connection: during a stop, a
   * request the test still had on its way meets the closing listener, and Vert.x logs that at ERROR
   * ("Connection reset") — the client's side of the network, not a fault of ours.
   */
  public List<String> errorsOfOurs() {
    return errors(e -> !(e.getLoggerName().startsWith("io.vertx.core.net") && "Connection reset".equals(e.getFormattedMessage())));
  }

  @Override
  public void close() {
    root.detachAppender(appender);
  }
}
