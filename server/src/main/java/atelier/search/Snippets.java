package atelier.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Snippets of hits, by Lucene's unified highlighter: it re-analyses the hit's text with the
 * highlighting analysis ({@code hl.<lang>}), picks the passage of about {@link #LENGTH} characters
 * that best matches, and its offsets become the snippet's ranges. Thread-safe.
 */
final class Snippets {
  static final int LENGTH = 180;
  private final UnifiedHighlighter highlighter;

  Snippets(Analyzer analyzer) {
    this.highlighter = UnifiedHighlighter.builderWithoutSearcher(analyzer)
        .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(BreakIterator.getWordInstance(Locale.FRENCH), LENGTH, 0.5f))
        .withFormatter(new Ranges())
        .withMaxLength(20_000)
        .withMaxNoHighlightPassages(1)
        .build();
  }

  /** The best passage of {@code text} for {@code query} (a query on {@code hl.<lang>}), or its start when nothing matches. */
  Snippet of(String text, String lang, Query query) {
    if (text == null || text.isEmpty()) return new Snippet("", List.of());
    try {
      Object out = query == null ? null : highlighter.highlightWithoutSearcher(Fields.highlight(lang), query, text, 1);
      if (out instanceof Snippet s) return s;
      return plainStart(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Snippet plainStart(String text) {
    if (text.length() <= LENGTH) return new Snippet(text, List.of());
    int cut = text.lastIndexOf(' ', LENGTH);
    return new Snippet(text.substring(0, cut > LENGTH / 2 ? cut : LENGTH) + "…", List.of());
  }

  /** Formats the one passage as a {@link Snippet}: ellipses where it cuts the text, ranges merged. */
  private static final class Ranges extends PassageFormatter {
    @Override
    public Object format(Passage[] passages, String content) {
      if (passages.length == 0) return null;
      Passage p = passages[0];
      int start = p.getStartOffset();
      int end = p.getEndOffset();
      String body = content.substring(start, end);
      String trimmed = body.stripLeading();
      int lead = body.length() - trimmed.length();
      trimmed = trimmed.stripTrailing();
      String prefix = start > 0 ? "…" : "";
      String suffix = end < content.length() ? "…" : "";
      int shift = prefix.length() - start - lead;
      List<int[]> matches = new ArrayList<>();
      for (int i = 0; i < p.getNumMatches(); i++) matches.add(new int[] {p.getMatchStarts()[i], p.getMatchEnds()[i]});
      matches.sort((a, b) -> Integer.compare(a[0], b[0]));
      List<int[]> ranges = new ArrayList<>();
      for (int[] m : matches) {
        int s = m[0] + shift;
        int e = m[1] + shift;
        s = Math.max(s, prefix.length());
        e = Math.min(e, prefix.length() + trimmed.length());
        if (e <= s) continue;
        int[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
        if (last != null && s <= last[1]) last[1] = Math.max(last[1], e);
        else ranges.add(new int[] {s, e});
      }
      return new Snippet(prefix + trimmed + suffix, ranges);
    }
  }
}
