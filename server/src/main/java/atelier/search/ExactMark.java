package atelier.search;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

/**
 * Marks the unstemmed copy of each word made by {@code KeywordRepeatFilter} (the copy flagged as a
 * keyword, which stemmers leave alone) with a leading {@link #MARK}, so that in the highlighting
 * field an exact word and a stem never collide: {@code =chats} is the word, {@code chat} its stem.
 */
final class ExactMark extends TokenFilter {
  static final char MARK = '=';
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

  ExactMark(TokenStream in) {
    super(in);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) return false;
    if (keyword.isKeyword()) {
      int n = term.length();
      term.resizeBuffer(n + 1);
      char[] b = term.buffer();
      System.arraycopy(b, 0, b, 1, n);
      b[0] = MARK;
      term.setLength(n + 1);
    }
    return true;
  }
}
