package atelier.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * What a person typed, as Lucene queries. The syntax is Lucene's simple one, which never fails on
 * odd input: words (all required), {@code "exact phrases"}, {@code -excluded}, {@code a | b},
 * {@code pref*}, {@code word~}. A word matches its stemmed form in either language, its exact form
 * (ranked higher), and — five letters or more — one typo away; the word being typed (the last one,
 * when the text does not end with a space) also matches as a prefix. Phrases and prefixes use the
 * unstemmed fields. Words that are stop words in French or English are dropped unless nothing else
 * is left ("le séchoir" finds "un séchoir").
 *
 * <p>{@link #forHighlighting} builds the same query against a highlighting field, where each word's
 * exact form carries {@link ExactMark#MARK}, so the snippet marks exactly what matched.
 */
final class UserQuery {
  private static final int MIN_PREFIX = 2;
  private static final int MIN_FUZZY = 5;
  private static final CharArraySet STOP = stopWords();

  private final Analyzer analyzer;
  private final String text;
  private final String typing;
  private final boolean onlyStopWords;

  UserQuery(Analyzer analyzer, String text) {
    this.analyzer = analyzer;
    this.text = text;
    this.typing = typingWord(text);
    this.onlyStopWords = words(text).stream().allMatch(w -> STOP.contains(w.toLowerCase(Locale.ROOT)));
  }

  /** The query against the index; null when nothing searchable was typed. */
  Query forSearch() {
    return parser(null).parse(text);
  }

  /**
   * The query against {@code hl.<lang>}, for the highlighter. A word matched one typo away is
   * highlighted through the words of the index it matched ({@code typos}: the index's own fuzzy
   * expansion), not by running a fuzzy automaton again on every hit's text.
   */
  Query forHighlighting(String lang, Typos typos) {
    return parser(lang, typos).parse(text);
  }

  /** The words of the index (unstemmed field) within one typo of {@code word}. */
  interface Typos {
    List<String> of(String word);
  }

  /** Expands typos against an index view: the terms its fuzzy query rewrites to. */
  static Typos typosIn(org.apache.lucene.search.IndexSearcher searcher) {
    return word -> {
      try {
        List<String> out = new ArrayList<>();
        Query rewritten = searcher.rewrite(new FuzzyQuery(new Term(Fields.EXACT, word), 1, 1, 50, true));
        rewritten.visit(new org.apache.lucene.search.QueryVisitor() {
          @Override
          public void consumeTerms(Query query, Term... terms) {
            for (Term t : terms) out.add(t.text());
          }

          @Override
          public org.apache.lucene.search.QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            return this;
          }
        });
        return out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  private SimpleQueryParser parser(String highlightLang) {
    return parser(highlightLang, null);
  }

  private SimpleQueryParser parser(String highlightLang, Typos typos) {
    SimpleQueryParser p = highlightLang == null ? new Search(analyzer)
        : new Highlight(analyzer, Fields.highlight(highlightLang), highlightLang, typos);
    p.setDefaultOperator(BooleanClause.Occur.MUST);
    return p;
  }

  /** The last word when the person is still typing it (no space after it, not in quotes, no operator). */
  private static String typingWord(String text) {
    if (text.isEmpty() || Character.isWhitespace(text.charAt(text.length() - 1))) return null;
    String[] parts = text.trim().split("\\s+");
    String last = parts[parts.length - 1];
    if (last.contains("\"") || last.endsWith("*") || last.contains("~")) return null;
    return last.replaceFirst("^[-+|(]+", "").replaceFirst("[)]+$", "");
  }

  private static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.split("[\\s\"()|+~*-]+")) if (!w.isBlank()) out.add(w);
    return out;
  }

  private boolean dropped(String word) {
    return !onlyStopWords && STOP.contains(word.toLowerCase(Locale.ROOT));
  }

  List<String> terms(String field, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) out.add(t.toString());
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The unstemmed form a prefix is matched against: the exact analysis's last token ("l'humi" → "humi"). */
  private String prefixOf(String word) {
    List<String> t = terms(Fields.EXACT, word);
    return t.isEmpty() ? null : t.get(t.size() - 1);
  }

  private static Query any(List<Query> options) {
    List<Query> present = options.stream().filter(q -> q != null).toList();
    if (present.isEmpty()) return null;
    if (present.size() == 1) return present.get(0);
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    present.forEach(q -> b.add(q, BooleanClause.Occur.SHOULD));
    return b.build();
  }

  private static Query boost(Query q, float by) {
    return q == null ? null : new BoostQuery(q, by);
  }

  /** Against the index's fields. */
  private final class Search extends SimpleQueryParser {
    Search(Analyzer a) {
      super(a, Map.of(Fields.EXACT, 1f));
    }

    @Override
    protected Query newDefaultQuery(String word) {
      if (dropped(word)) return null;
      List<Query> options = new ArrayList<>();
      for (String lang : List.of(Analyzers.FR, Analyzers.EN)) {
        options.add(createBooleanQuery(Fields.text(lang), word, BooleanClause.Occur.MUST));
        options.add(boost(createBooleanQuery(Fields.title(lang), word, BooleanClause.Occur.MUST), 3f));
      }
      options.add(boost(createBooleanQuery(Fields.EXACT, word, BooleanClause.Occur.MUST), 1.5f));
      options.add(boost(createBooleanQuery(Fields.TITLE_EXACT, word, BooleanClause.Occur.MUST), 4f));
      String prefix = prefixOf(word);
      if (prefix != null && word.equals(typing) && prefix.length() >= MIN_PREFIX) {
        options.add(boost(new PrefixQuery(new Term(Fields.EXACT, prefix)), 0.8f));
        options.add(boost(new PrefixQuery(new Term(Fields.TITLE_EXACT, prefix)), 2f));
      }
      if (prefix != null && prefix.length() >= MIN_FUZZY && terms(Fields.EXACT, word).size() == 1) {
        options.add(boost(new FuzzyQuery(new Term(Fields.EXACT, prefix), 1, 1, 50, true), 0.3f));
      }
      return any(options);
    }

    @Override
    protected Query newPhraseQuery(String phrase, int slop) {
      return any(List.of(createPhraseQuery(Fields.EXACT, phrase, slop), boost(createPhraseQuery(Fields.TITLE_EXACT, phrase, slop), 3f)));
    }

    @Override
    protected Query newPrefixQuery(String word) {
      String prefix = prefixOf(word);
      if (prefix == null) return null;
      if (prefix.length() < MIN_PREFIX) return newDefaultQuery(word);
      return any(List.of(new PrefixQuery(new Term(Fields.EXACT, prefix)), boost(new PrefixQuery(new Term(Fields.TITLE_EXACT, prefix)), 2f)));
    }

    @Override
    protected Query newFuzzyQuery(String word, int fuzziness) {
      String exact = prefixOf(word);
      return exact == null ? null : new FuzzyQuery(new Term(Fields.EXACT, exact), Math.min(2, fuzziness), 1);
    }
  }

  /**
   * Against one highlighting field ({@code hl.fr} or {@code hl.en}), whose analysis gives each word
   * as {@code =exact} plus its stem: the same choices as {@link Search}, spelled in those terms.
   */
  private final class Highlight extends SimpleQueryParser {
    private final String field;
    private final String lang;
    private final Typos typos;

    Highlight(Analyzer a, String field, String lang, Typos typos) {
      super(a, Map.of(field, 1f));
      this.field = field;
      this.lang = lang;
      this.typos = typos;
    }

    private Query term(String t) {
      return new TermQuery(new Term(field, t));
    }

    @Override
    protected Query newDefaultQuery(String word) {
      if (dropped(word)) return null;
      List<Query> options = new ArrayList<>();
      terms(Fields.text(lang), word).forEach(t -> options.add(term(t)));
      terms(Fields.EXACT, word).forEach(t -> options.add(term(ExactMark.MARK + t)));
      String prefix = prefixOf(word);
      if (prefix != null && word.equals(typing) && prefix.length() >= MIN_PREFIX) {
        options.add(new PrefixQuery(new Term(field, ExactMark.MARK + prefix)));
      }
      if (prefix != null && prefix.length() >= MIN_FUZZY && typos != null) {
        typos.of(prefix).forEach(t -> options.add(term(ExactMark.MARK + t)));
      }
      return any(options);
    }

    @Override
    protected Query newPhraseQuery(String phrase, int slop) {
      List<String> t = terms(Fields.EXACT, phrase);
      if (t.isEmpty()) return null;
      PhraseQuery.Builder b = new PhraseQuery.Builder().setSlop(slop);
      t.forEach(x -> b.add(new Term(field, ExactMark.MARK + x)));
      return b.build();
    }

    @Override
    protected Query newPrefixQuery(String word) {
      String prefix = prefixOf(word);
      if (prefix == null) return null;
      return prefix.length() < MIN_PREFIX ? newDefaultQuery(word) : new PrefixQuery(new Term(field, ExactMark.MARK + prefix));
    }

    @Override
    protected Query newFuzzyQuery(String word, int fuzziness) {
      String exact = prefixOf(word);
      return exact == null ? null : new FuzzyQuery(new Term(field, ExactMark.MARK + exact), Math.min(2, fuzziness), 2);
    }
  }

  private static CharArraySet stopWords() {
    CharArraySet s = new CharArraySet(FrenchAnalyzer.getDefaultStopSet(), true);
    s.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    return CharArraySet.unmodifiableSet(s);
  }
}
