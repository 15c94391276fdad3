package atelier.chat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Mentions are written {@code <@userId>} in the text (the client shows the person's name). */
public final class Mentions {
  private static final Pattern MENTION = Pattern.compile("<@([A-Za-z0-9_-]{1,64})>");

  private Mentions() {}

  /** The distinct people mentioned, in order of first mention, limited to {@code members}. */
  public static List<String> in(String text, Set<String> members) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = MENTION.matcher(text);
    while (m.find()) {
      if (members.contains(m.group(1))) out.add(m.group(1));
    }
    return List.copyOf(out);
  }

  public static boolean any(String text) {
    return text.contains("<@");
  }
}
