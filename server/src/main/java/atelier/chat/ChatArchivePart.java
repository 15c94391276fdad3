package atelier.chat;

import atelier.bag.ArchivePart;
import atelier.bag.BagIn;
import atelier.bag.BagJson;
import atelier.bag.BagOut;
import atelier.bag.Pages;
import atelier.errors.ApiError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * The discussions of a space in its archive: {@code channels.jsonl} (the channels as stored), and for
 * each channel {@code channels/<id>.jsonl} (every committed message as stored — thread, edit time,
 * reactions, files — in seq order) and {@code channels/<id>.html} (the same, for people). Messages
 * are read a page at a time along the {@code (space, channel, seq)} index, twice (JSON, then HTML):
 * a channel of any length costs one page of memory. A message's earlier texts are in the event log
 * ({@code message.edited} events), which the archive keeps too.
 */
public final class ChatArchivePart implements ArchivePart {
  static final int PAGE = 500;
  private final ChannelRepository channels;
  private final MessageRepository messages;

  public ChatArchivePart(ChannelRepository channels, MessageRepository messages) {
    this.channels = channels;
    this.messages = messages;
  }

  @Override
  public String name() {
    return "chat";
  }

  @Override
  public Future<Void> export(String space, BagOut out) {
    return channels.raw(space).compose(list -> {
      out.count("Channels", list.size());
      return out.entry("channels.jsonl", BagJson.lines(list))
          .compose(v -> Pages.each(list, c -> jsonLines(space, c.getString("channel"), out).compose(x -> html(space, c, out))));
    });
  }

  private Future<Void> jsonLines(String space, String channel, BagOut out) {
    return out.begin("channels/" + channel + ".jsonl").compose(v -> pages(space, channel, 0, page -> {
      out.count("Messages", page.size());
      for (Document d : page) {
        out.people(List.of(d.getString("author")));
        out.people(d.getList("reactions", Document.class, List.of()).stream().map(r -> r.getString("u")).toList());
      }
      return out.append(BagJson.lines(page));
    })).compose(v -> out.end());
  }

  private Future<Void> html(String space, Document channel, BagOut out) {
    String id = channel.getString("channel");
    return out.begin("channels/" + id + ".html")
        .compose(v -> out.append(Buffer.buffer(ChannelHtml.head(channel.getString("name")))))
        .compose(v -> pages(space, id, 0, page -> {
          Set<String> authors = new HashSet<>();
          page.forEach(d -> {
            authors.add(d.getString("author"));
            d.getList("reactions", Document.class, List.of()).forEach(r -> authors.add(r.getString("u")));
          });
          return out.names(authors).compose(names -> out.append(Buffer.buffer(ChannelHtml.messages(page, names))));
        }))
        .compose(v -> out.append(Buffer.buffer(ChannelHtml.TAIL)))
        .compose(v -> out.end());
  }

  private Future<Void> pages(String space, String channel, long after, java.util.function.Function<List<Document>, Future<Void>> each) {
    return Pages.forEach(after, PAGE, from -> messages.rawPage(space, channel, from, PAGE),
        d -> ((Number) d.get("seq")).longValue(), each);
  }

  @Override
  public Future<Void> check(String space, BagIn in) {
    if (!in.has("channels.jsonl")) return Future.failedFuture(ApiError.badField("archive", "channels_missing"));
    return in.read("channels.jsonl").map(b -> {
      for (String line : b.toString().split("\n")) {
        if (line.isBlank()) continue;
        Document c = BagJson.parse(line);
        if (!space.equals(c.getString("space")) || c.getString("channel") == null) throw ApiError.badField("archive", "channel_of_another_space");
        if (!in.has("channels/" + c.getString("channel") + ".jsonl")) throw ApiError.badField("archive", "channel_messages_missing");
      }
      return null;
    });
  }

  @Override
  public Future<Void> restore(String space, BagIn in) {
    return in.read("channels.jsonl").compose(b -> {
      List<Document> list = new ArrayList<>();
      for (String line : b.toString().split("\n")) if (!line.isBlank()) list.add(BagJson.parse(line));
      return channels.insertRaw(list).compose(v -> Pages.each(list, c -> in.lines("channels/" + c.getString("channel") + ".jsonl", PAGE,
          lines -> {
            List<Document> docs = lines.stream().map(BagJson::parse).toList();
            for (Document d : docs) {
              if (!space.equals(d.getString("space"))) return Future.failedFuture(ApiError.badField("archive", "message_of_another_space"));
            }
            return messages.insertRaw(docs);
          })));
    });
  }

  @Override
  public Future<Void> purge(String space) {
    return messages.deleteSpace(space).compose(v -> channels.deleteSpace(space));
  }
}
