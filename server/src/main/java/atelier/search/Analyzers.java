package atelier.search;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * The analysis chains of the index, one per field family:
 *
 * <ul>
 *   <li>{@code text.fr}, {@code title.fr}: elision (l', qu', d'…), lower case, French stop words,
 *       French light stemming, then accent folding — so <i>séchoirs</i>, <i>sechoir</i> and
 *       <i>l'séchoir</i> all meet at {@code sechoir}. Stemming comes before folding because the
 *       French stemmer knows accented endings.
 *   <li>{@code text.en}, {@code title.en}: possessives, lower case, English stop words, KStem (a light
 *       stemmer: plurals and common suffixes), accent folding.
 *   <li>{@code exact}, {@code title.exact}: the same words unstemmed, with stop words kept (elision,
 *       lower case, folding only), for quoted phrases and prefixes typed so far.
 *   <li>{@code hl.fr}, {@code hl.en}: never indexed; the highlighter re-analyses a hit's text with
 *       them, and each word yields both its unstemmed form (marked {@link ExactMark#MARK}) and its
 *       stem at the same offsets, so one pass highlights words matched either way.
 * </ul>
 */
final class Analyzers {
  static final String FR = "fr";
  static final String EN = "en";

  private Analyzers() {}

  static Analyzer perField() {
    Analyzer fr = french(false);
    Analyzer en = english(false);
    Analyzer exact = exact();
    return new PerFieldAnalyzerWrapper(exact, Map.of(
        Fields.text(FR), fr, Fields.title(FR), fr,
        Fields.text(EN), en, Fields.title(EN), en,
        Fields.highlight(FR), french(true), Fields.highlight(EN), english(true)));
  }

  /** Only what both languages share: used for the unstemmed fields and for prefixes. */
  static Analyzer exact() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        TokenStream s = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
        s = new LowerCaseFilter(s);
        return new TokenStreamComponents(source, new ASCIIFoldingFilter(s));
      }

      @Override
      protected TokenStream normalize(String field, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
      }
    };
  }

  private static Analyzer french(boolean highlight) {
    CharArraySet stops = FrenchAnalyzer.getDefaultStopSet();
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        TokenStream s = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
        s = new LowerCaseFilter(s);
        if (highlight) s = new KeywordRepeatFilter(s);
        else s = new StopFilter(s, stops);
        s = new FrenchLightStemFilter(s);
        s = new ASCIIFoldingFilter(s);
        return new TokenStreamComponents(source, highlight ? new ExactMark(s) : s);
      }
    };
  }

  private static Analyzer english(boolean highlight) {
    CharArraySet stops = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        TokenStream s = new EnglishPossessiveFilter(source);
        s = new ElisionFilter(s, FrenchAnalyzer.DEFAULT_ARTICLES);
        s = new LowerCaseFilter(s);
        if (highlight) s = new KeywordRepeatFilter(s);
        else s = new StopFilter(s, stops);
        s = new KStemFilter(s);
        s = new ASCIIFoldingFilter(s);
        return new TokenStreamComponents(source, highlight ? new ExactMark(s) : s);
      }
    };
  }
}
