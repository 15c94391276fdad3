package atelier.chat;

import atelier.auth.Caller;
import atelier.events.EventLog;
import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import atelier.text.TextRules;
import atelier.platform.Signals;
import atelier.space.Membership;
import atelier.space.MembershipRepository;
import atelier.space.SpaceAccess;
import atelier.space.SpaceCache;
import atelier.space.SpaceService;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bson.types.ObjectId;

/**
 * The rules of discussions: channels, messages, threads, edits, deletions, reactions, mentions and
 * read markers. Every durable change is written to its collection and appended to the space's event
 * log. Sending is idempotent by {@code clientId}: the message document is inserted first under the
 * unique {@code (space, author, clientId)}, then its event appended, then its seq recorded; a resend
 * finds the document and answers the same seq, and a pending document whose writer died is taken
 * over (after checking the log for its event, so it never gets two).
 */
public final class ChatService {
  static final Duration STALE_WRITER = Duration.ofSeconds(3);
  private static final int WAIT_STEPS = 40;
  private static final long WAIT_STEP_MS = 100;

  private final Vertx vertx;
  private final SpaceService spaces;
  private final MembershipRepository members;
  private final ChannelRepository channels;
  private final MessageRepository messages;
  private final ReadMarkerRepository reads;
  private final EventLog log;
  private final Signals signals;
  private final int messageLength;
  private final SpaceCache cache;
  private final Attachments attachments;
  final SendBatcher batcher;

  /** {@code files}: ids of files of the same space attached to the message (see atelier.files). */
  public record SendCommand(String space, String channel, String clientId, String text, String thread, List<String> files) {
    public SendCommand {
      files = files == null ? List.of() : List.copyOf(files);
    }
  }

  /** Checks that attached files are files of the space (implemented by the files feature). */
  public interface Attachments {
    Future<Void> require(String space, List<String> ids);
  }

  public record Sent(long seq, Message message) {
    public JsonObject ack() {
      return new JsonObject().put("type", "ack").put("seq", seq).put("message", message.toJson());
    }
  }

  /** A channel with the caller's reading state. */
  public record ChannelView(Channel channel, long lastRead, long unread, long mentions) {
    public JsonObject toJson() {
      return channel.toJson().put("lastRead", lastRead).put("unread", unread).put("mentions", mentions);
    }
  }

  public ChatService(Vertx vertx, SpaceService spaces, MembershipRepository members, ChannelRepository channels,
      MessageRepository messages, ReadMarkerRepository reads, EventLog log, Signals signals, int messageLength, SpaceCache cache, Attachments attachments) {
    this.vertx = vertx;
    this.spaces = spaces;
    this.members = members;
    this.channels = channels;
    this.messages = messages;
    this.reads = reads;
    this.log = log;
    this.signals = signals;
    this.messageLength = messageLength;
    this.cache = cache;
    this.attachments = attachments;
    this.batcher = new SendBatcher(vertx, messages, log, reads, this::writeAlone);
  }

  // ---- channels ----

  /** The channels with the caller's unread and mention counts, from the counts kept on write: no message is read. */
  public Future<List<ChannelView>> channels(Caller caller, String space) {
    return spaces.access(caller, space).map(SpaceAccess::requireRead)
        .compose(a -> Future.all(channels.ofSpace(space), reads.states(space, caller.id()), reads.messageCounts(space)))
        .compose(all -> {
          List<Channel> list = all.resultAt(0);
          Map<String, ReadMarkerRepository.ReadState> states = all.resultAt(1);
          Map<String, Long> counts = all.resultAt(2);
          return Future.succeededFuture(list.stream().map(c -> {
            ReadMarkerRepository.ReadState st = states.getOrDefault(c.id(), ReadMarkerRepository.ReadState.NONE);
            return new ChannelView(c, st.seq(), st.unread(counts.getOrDefault(c.id(), 0L)), st.unreadMentions());
          }).toList());
        });
  }

  public Future<Channel> createChannel(Caller caller, String space, String name) {
    String clean = channelName(name);
    return spaces.access(caller, space).map(SpaceAccess::requireCoordinatorWrite)
        .compose(a -> nameFree(space, clean, null))
        .compose(v -> {
      Channel c = new Channel(space, new ObjectId().toHexString(), clean, false, Instant.now().truncatedTo(ChronoUnit.MILLIS));
      return channels.insert(c).compose(ok -> ok ? Future.succeededFuture(c) : Future.failedFuture(ApiError.of(ErrorCode.CONFLICT, "error.conflict")));
    }).compose(c -> log.append(space, "channel.created", caller.id(), new JsonObject().put("channel", c.toJson())).map(c));
  }

  /** Renames and/or archives (or reopens) a channel; {@code general} cannot be archived. */
  public Future<Channel> updateChannel(Caller caller, String space, String channel, String name, Boolean archived) {
    String clean = name == null ? null : channelName(name);
    return spaces.access(caller, space).map(SpaceAccess::requireCoordinatorWrite)
        .compose(a -> {
          if (ChannelRepository.GENERAL.equals(channel) && Boolean.TRUE.equals(archived)) {
            throw ApiError.of(ErrorCode.CONFLICT, "error.general_archive");
          }
          Future<Void> free = clean == null ? Future.succeededFuture() : nameFree(space, clean, channel);
          return free.compose(v -> channels.update(space, channel, clean, archived));
        })
        .map(o -> o.orElseThrow(ApiError::notFound))
        .compose(c -> log.append(space, "channel.updated", caller.id(), new JsonObject().put("channel", c.toJson())).map(c));
  }

  /**
   * Two channels of a space may not share a name, whatever its case or accents ("Veille" and
   * "veillé" read the same in a list). Checked against the space's channels before writing: a
   * space has a handful of channels and they are created by its few coordinators, so the window
   * between the read and the write is not worth a second, normalised unique index.
   */
  private Future<Void> nameFree(String space, String name, String except) {
    String key = Channel.nameKey(name);
    return channels.ofSpace(space).compose(list -> list.stream()
        .anyMatch(c -> !c.id().equals(except) && Channel.nameKey(c.name()).equals(key))
        ? Future.failedFuture(ApiError.of(ErrorCode.CONFLICT, "error.channel_name_taken"))
        : Future.succeededFuture());
  }

  private static String channelName(String name) {
    String clean = TextRules.requireName("name", name == null ? null : name.strip());
    if (clean.length() > 80) throw ApiError.badField("name", "invalid");
    return clean;
  }

  /**
   * A message says something: a visible text, or files. Files sent without a word (text absent, empty
   * or blank) make a message whose text is empty — rather than the client inventing one.
   */
  private static SendCommand withText(SendCommand cmd) {
    if (!cmd.files().isEmpty() && (cmd.text() == null || cmd.text().isBlank())) {
      return new SendCommand(cmd.space(), cmd.channel(), cmd.clientId(), "", cmd.thread(), cmd.files());
    }
    TextRules.requireText("text", cmd.text());
    return cmd;
  }

  /** Whether someone may be shown typing in a channel: it exists and is not archived (cached like a send's). */
  /**
   * Whether the caller may tell the others they are typing in the channel: they may write in the space
   * (as of a few seconds ago at most) and the channel is open; fails otherwise.
   */
  public Future<Void> typing(Caller caller, String space, String channel) {
    return spaces.cachedAccess(caller, space).map(SpaceAccess::requireWrite)
        .compose(a -> openChannel(space, channel))
        .compose(open -> open ? Future.<Void>succeededFuture() : Future.failedFuture(ApiError.badField("channel", "unknown")));
  }

  public Future<Boolean> openChannel(String space, String channel) {
    return cache.get(space, "channel:" + channel, () -> channels.find(space, channel))
        .map(c -> c.isPresent() && !c.get().archived());
  }

  // ---- messages ----

  public Future<Sent> send(Caller caller, SendCommand sent) {
    SendCommand cmd;
    try {
      cmd = withText(sent);
    } catch (ApiError e) {
      return Future.failedFuture(e);
    }
    if (cmd.text().length() > messageLength) return Future.failedFuture(ApiError.of(ErrorCode.TOO_LARGE, "error.message_length"));
    // The channel is read alongside the access check (they do not depend on each other); its answer
    // is only looked at once the caller is known to be allowed to read the space.
    Future<Optional<Channel>> channel = cache.get(cmd.space(), "channel:" + cmd.channel(), () -> channels.find(cmd.space(), cmd.channel()));
    return spaces.cachedAccess(caller, cmd.space()).map(SpaceAccess::requireRead)
        .compose(a -> create(caller, cmd, a, channel)
            // A refused send may be the resend of a message accepted before the space went dormant or
            // the channel was archived: the client is owed the original ack, not an error.
            .recover(e -> e instanceof ApiError refused && refused.code() != ErrorCode.UNAVAILABLE
                ? resent(caller, cmd, e) : Future.failedFuture(e)));
  }

  /** Every refusal comes back as a failed future (never thrown), so that {@link #send} can recover it. */
  private Future<Sent> create(Caller caller, SendCommand cmd, SpaceAccess a, Future<Optional<Channel>> channel) {
    return Future.succeededFuture(a).map(SpaceAccess::requireWrite)
        .compose(w -> channel)
        .compose(c -> validTarget(cmd, c))
        .compose(v -> attachments.require(cmd.space(), cmd.files()))
        .compose(v -> mentionsOf(cmd.space(), cmd.text()))
        .compose(mentions -> {
          Message fresh = new Message(new ObjectId().toHexString(), cmd.space(), cmd.channel(), caller.id(), cmd.text(),
              cmd.clientId(), cmd.thread(), null, Instant.now().truncatedTo(ChronoUnit.MILLIS), null, false, mentions, Map.of(), 0, 0, cmd.files());
          return write(fresh);
        });
  }

  /** The author of the messages Atelier itself posts (mandate reminders): no account has this id. */
  public static final String SYSTEM_AUTHOR = "atelier";

  /**
   * Posts a message from Atelier itself in a space's {@code general} channel, whatever the state of
   * the space. {@code clientId} names it: posting the same one again (another node, a retry) finds the
   * first instead of writing a second, so a notice is sent once.
   */
  public Future<Sent> notice(String space, String clientId, String text) {
    Message fresh = new Message(new ObjectId().toHexString(), space, ChannelRepository.GENERAL, SYSTEM_AUTHOR, text, clientId, null,
        null, Instant.now().truncatedTo(ChronoUnit.MILLIS), null, false, List.of(), Map.of(), 0, 0, List.of());
    return writeAlone(fresh);
  }

  /** Through the node's batcher (see {@link SendBatcher}), or alone off Vert.x threads. */
  Future<Sent> write(Message fresh) {
    Context ctx = Vertx.currentContext();
    if (ctx == null) return writeAlone(fresh);
    return batcher.submit((ContextInternal) ctx, fresh);
  }

  private Future<Sent> writeAlone(Message fresh) {
    // A resend (or a concurrent one) finds the original here: then we wait for (or take over) its commit.
    return messages.insertOrFind(fresh).compose(m -> m.id().equals(fresh.id()) ? commit(m, true) : finish(m));
  }

  private Future<Sent> resent(Caller caller, SendCommand cmd, Throwable refusal) {
    return messages.byClientId(cmd.space(), caller.id(), cmd.clientId())
        .compose(existing -> existing.isPresent() ? finish(existing.get()) : Future.failedFuture(refusal));
  }

  private Future<Void> validTarget(SendCommand cmd, Optional<Channel> c) {
    if (c.isEmpty()) return Future.failedFuture(ApiError.badField("channel", "unknown"));
    if (c.get().archived()) return Future.failedFuture(ApiError.of(ErrorCode.CONFLICT, "error.channel_archived"));
    if (cmd.thread() == null) return Future.succeededFuture();
    return messages.byId(cmd.thread()).compose(root -> {
      boolean ok = root.isPresent() && root.get().space().equals(cmd.space()) && root.get().channel().equals(cmd.channel())
          && root.get().thread() == null && root.get().seq() != null;
      return ok ? Future.<Void>succeededFuture() : Future.failedFuture(ApiError.of(ErrorCode.BAD_REQUEST, "error.thread_root"));
    });
  }

  private Future<List<String>> mentionsOf(String space, String text) {
    if (!Mentions.any(text)) return Future.succeededFuture(List.of());
    return members.ofSpace(space).map(ms -> Mentions.in(text, ms.stream().map(Membership::user).collect(Collectors.toSet())));
  }

  /**
   * A message found by its clientId: done if its seq is recorded; otherwise its first writer is still
   * at work (wait for it) or died (take over once it is stale).
   */
  private Future<Sent> finish(Message m) {
    if (m.seq() != null) return Future.succeededFuture(new Sent(m.seq(), m));
    return awaitSeq(m.id(), WAIT_STEPS).compose(done -> {
      if (done.isPresent()) return Future.succeededFuture(done.get());
      return messages.claim(m.id(), Instant.now().minus(STALE_WRITER)).compose(claimed -> claimed
          ? messages.byId(m.id()).compose(o -> o.get().seq() != null ? finish(o.get()) : commit(o.get(), false))
          : awaitSeq(m.id(), WAIT_STEPS).map(o -> o.orElseThrow(() -> ApiError.of(ErrorCode.UNAVAILABLE, "error.unavailable"))));
    });
  }

  private Future<Optional<Sent>> awaitSeq(String id, int steps) {
    return messages.byId(id).compose(o -> {
      if (o.isPresent() && o.get().seq() != null) return Future.succeededFuture(Optional.of(new Sent(o.get().seq(), o.get())));
      if (steps <= 0) return Future.succeededFuture(Optional.empty());
      return vertx.timer(WAIT_STEP_MS).compose(t -> awaitSeq(id, steps - 1));
    });
  }

  /** Appends the message's event (unless a dead writer already did) and records its seq. */
  private Future<Sent> commit(Message m, boolean fresh) {
    Future<Optional<Long>> already = fresh ? Future.succeededFuture(Optional.empty()) : messages.createdEventSeq(m.space(), m.id());
    return already
        .compose(seq -> seq.isPresent()
            ? Future.succeededFuture(seq.get())
            // The channel counts the message with its event's seq (an event found was counted by its writer).
            : log.append(new EventLog.Draft(m.space(), "message.created", m.author(), m.createdData(), ReadMarkerRepository.tally(m.channel())))
                .map(e -> e.seq()))
        .compose(seq -> messages.setSeq(m.id(), seq).compose(first -> {
          // Recorded by us: the document is what we inserted plus this seq, no need to read it back.
          if (!first) return messages.byId(m.id()).map(o -> o.filter(x -> x.seq() != null).map(x -> new Sent(x.seq(), x))
              .orElseGet(() -> new Sent(seq, m.withSeq(seq))));
          Future<Void> replies = m.thread() != null ? messages.countReply(m.thread()) : Future.succeededFuture();
          return Future.all(replies, reads.countCreated(List.of(m), false)).map(v -> new Sent(seq, m.withSeq(seq)));
        }));
  }

  /** A page of top-level messages of a channel, oldest first, ending before {@code before} (a seq or a message id). */
  public Future<List<Message>> history(Caller caller, String space, String channel, String before, int limit) {
    return spaces.access(caller, space).map(SpaceAccess::requireRead)
        .compose(a -> channels.find(space, channel)).map(c -> c.orElseThrow(ApiError::notFound))
        .compose(c -> beforeSeq(space, before))
        .compose(seq -> messages.history(space, channel, seq, limit));
  }

  private Future<Long> beforeSeq(String space, String before) {
    if (before == null || before.isBlank()) return Future.succeededFuture(Long.MAX_VALUE);
    if (before.chars().allMatch(Character::isDigit) && before.length() < 19) return Future.succeededFuture(Long.parseLong(before));
    return messages.byId(before).map(o -> o.filter(m -> m.space().equals(space) && m.seq() != null)
        .orElseThrow(() -> ApiError.badField("before", "unknown")).seq());
  }

  public Future<Message> message(Caller caller, String space, String id) {
    return spaces.access(caller, space).map(SpaceAccess::requireRead).compose(a -> visible(space, id));
  }

  public Future<List<Message>> replies(Caller caller, String space, String channel, String root, long after, int limit) {
    return spaces.access(caller, space).map(SpaceAccess::requireRead)
        .compose(a -> visible(space, root))
        .compose(m -> {
          if (!m.channel().equals(channel)) throw ApiError.notFound();
          return messages.replies(space, root, after, limit);
        });
  }

  private Future<Message> visible(String space, String id) {
    return messages.byId(id).map(o -> o.filter(m -> m.space().equals(space) && m.seq() != null).orElseThrow(ApiError::notFound));
  }

  public Future<Message> edit(Caller caller, String space, String id, String text) {
    try {
      TextRules.requireText("text", text);
    } catch (ApiError e) {
      return Future.failedFuture(e);
    }
    if (text.length() > messageLength) return Future.failedFuture(ApiError.of(ErrorCode.TOO_LARGE, "error.message_length"));
    Message[] before = new Message[1];
    return spaces.access(caller, space).map(SpaceAccess::requireWrite)
        .compose(a -> visible(space, id))
        .compose(m -> {
          before[0] = m;
          if (!m.author().equals(caller.id())) throw ApiError.of(ErrorCode.FORBIDDEN, "error.not_author");
          if (m.deleted()) throw ApiError.of(ErrorCode.CONFLICT, "error.message_deleted");
          return mentionsOf(space, text);
        })
        .compose(mentions -> messages.edit(id, text, mentions))
        .map(o -> o.orElseThrow(() -> ApiError.of(ErrorCode.CONFLICT, "error.message_deleted")))
        .compose(m -> mentionCounts(before[0], m).map(m))
        .compose(m -> log.append(space, "message.edited", caller.id(), new JsonObject().put("id", m.id()).put("channel", m.channel())
            .put("text", m.text()).put("mentions", new JsonArray(m.mentions())).put("editedAt", m.editedAt().toString())
            .put("thread", m.thread())).map(m));
  }

  /** An edit changed whom the message mentions: their mention counts follow. */
  private Future<Void> mentionCounts(Message before, Message after) {
    List<String> added = after.mentions().stream().filter(u -> !before.mentions().contains(u)).toList();
    List<String> removed = before.mentions().stream().filter(u -> !after.mentions().contains(u)).toList();
    return added.isEmpty() && removed.isEmpty() ? Future.succeededFuture() : reads.mentionsChanged(after, added, removed);
  }

  /** The author, or a coordinator of the space, deletes; deleting twice is harmless. */
  public Future<Message> delete(Caller caller, String space, String id) {
    return spaces.access(caller, space).map(SpaceAccess::requireWrite)
        .compose(a -> visible(space, id).map(m -> {
          if (!m.author().equals(caller.id()) && !a.coordinates()) throw ApiError.of(ErrorCode.FORBIDDEN, "error.not_author");
          return m;
        }))
        .compose(m -> messages.markDeleted(id).compose(o -> o.isEmpty()
            ? visible(space, id)
            : reads.countDeleted(m).compose(v -> log.append(space, "message.deleted", caller.id(), new JsonObject().put("id", id)
                .put("channel", m.channel()).put("thread", m.thread()))).map(o.get())));
  }

  public Future<Message> toggleReaction(Caller caller, String space, String id, String emoji) {
    if (emoji == null || emoji.isBlank() || emoji.length() > 32 || emoji.chars().anyMatch(Character::isWhitespace)) {
      return Future.failedFuture(ApiError.badField("emoji", "invalid"));
    }
    return spaces.access(caller, space).map(SpaceAccess::requireWrite)
        .compose(a -> visible(space, id))
        .compose(m -> messages.toggleReaction(id, emoji, caller.id()))
        .map(o -> o.orElseThrow(() -> ApiError.of(ErrorCode.CONFLICT, "error.message_deleted")))
        .compose(m -> log.append(space, "reaction.changed", caller.id(), new JsonObject().put("id", id).put("channel", m.channel())
            .put("emoji", emoji).put("reactions", m.reactionsJson()).put("reactionsVersion", m.reactionsVersion())).map(m));
  }

  // ---- reading ----

  /**
   * Takes the count of the others' messages (and of the mentions) up to the marker where it now is:
   * what is unread is read from the range after it (so this costs what is unread), the rest is known
   * from the counts. The counts are read first: a message arriving in between is counted as unread,
   * never lost.
   */
  private Future<ChannelView> settleMarker(Caller caller, Channel c, long last) {
    String space = c.space();
    return Future.all(reads.messageCount(space, c.id()), reads.state(space, c.id(), caller.id()))
        .compose(counts -> {
          long total = counts.<Long>resultAt(0);
          ReadMarkerRepository.ReadState st = counts.resultAt(1);
          return Future.all(messages.countUnread(space, c.id(), caller.id(), last), messages.countMentions(space, c.id(), caller.id(), last))
              .compose(n -> {
                long unread = n.<Long>resultAt(0);
                long mentions = n.<Long>resultAt(1);
                return reads.settle(space, c.id(), caller.id(), last, Math.max(0, total - st.own() - unread), Math.max(0, st.mentioned() - mentions))
                    .map(v -> new ChannelView(c, last, unread, mentions));
              });
        });
  }

  /**
   * Moves the caller's read marker of a channel forward and tells all their devices
   * ({@code read.changed}, a frame addressed to the person). Allowed in a dormant space: it is the
   * reader's own state, not the space's content.
   */
  public Future<ChannelView> markRead(Caller caller, String space, String channel, long seq) {
    return spaces.access(caller, space).map(SpaceAccess::requireRead)
        .compose(a -> channels.find(space, channel)).map(c -> c.orElseThrow(ApiError::notFound))
        // A marker past the log's head would hide every later message from the unread counts for
        // good (a client sending 1e308): it stops at the head.
        .compose(c -> log.head(space).compose(head -> reads.advance(space, channel, caller.id(), Math.min(seq, head)))
            .compose(last -> settleMarker(caller, c, last)))
        .onSuccess(v -> signals.toPerson(caller.id(), new JsonObject().put("type", "read.changed").put("space", space)
            .put("channel", channel).put("lastRead", v.lastRead()).put("unread", v.unread()).put("mentions", v.mentions())));
  }
}
