package atelier.chat;

import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A channel of an archive as a page people can open in any browser: each message with its author,
 * time, text (escaped, never interpreted), edit mark, thread link, reactions and attached files
 * (links into the bag's {@code files/}). Written a page of messages at a time.
 */
final class ChannelHtml {
  static final String TAIL = "</main>\n</body>\n</html>\n";

  private ChannelHtml() {}

  static String head(String name) {
    return "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<title>#" + esc(name) + "</title>\n"
        + "<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#222}"
        + "article{border-bottom:1px solid #ddd;padding:.5rem 0}article.reply{margin-left:2rem}"
        + ".meta{color:#666;font-size:.85rem}.text{white-space:pre-wrap}</style>\n</head>\n<body>\n<main>\n<h1>#"
        + esc(name) + "</h1>\n";
  }

  static String messages(List<Document> page, Map<String, String> names) {
    StringBuilder sb = new StringBuilder();
    for (Document m : page) {
      String id = m.getString("_id");
      String thread = m.getString("thread");
      String author = m.getString("author");
      sb.append("<article id=\"m-").append(esc(id)).append('"').append(thread != null ? " class=\"reply\"" : "").append(">\n");
      sb.append("<p class=\"meta\"><strong>").append(esc(names.getOrDefault(author, author))).append("</strong> · <time>")
          .append(m.getDate("createdAt").toInstant()).append("</time>");
      if (m.getDate("editedAt") != null) sb.append(" · modifié le <time>").append(m.getDate("editedAt").toInstant()).append("</time>");
      if (thread != null) sb.append(" · en réponse à <a href=\"#m-").append(esc(thread)).append("\">ce message</a>");
      sb.append("</p>\n");
      if (Boolean.TRUE.equals(m.getBoolean("deleted"))) sb.append("<p class=\"text\"><em>Message supprimé</em></p>\n");
      else sb.append("<div class=\"text\">").append(esc(m.getString("text"))).append("</div>\n");
      List<Document> reactions = m.getList("reactions", Document.class, List.of());
      if (!reactions.isEmpty()) {
        sb.append("<p class=\"meta\">");
        for (Document r : reactions) sb.append(esc(r.getString("e"))).append(' ').append(esc(names.getOrDefault(r.getString("u"), r.getString("u")))).append(" ");
        sb.append("</p>\n");
      }
      for (String f : m.getList("files", String.class, List.of())) {
        sb.append("<p class=\"meta\">Fichier : <a href=\"../files/").append(esc(f)).append("/\">").append(esc(f)).append("</a></p>\n");
      }
      sb.append("</article>\n");
    }
    return sb.toString();
  }

  static String esc(String s) {
    if (s == null) return "";
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
