package atelier.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;

/**
 * This node's Lucene index. Every method blocks (disk and CPU): callers run them on a worker, never an
 * event loop. Writes are made by one thread at a time (the indexer's single worker); searches may run
 * alongside on other threads ({@link SearcherManager} hands each its own point-in-time view).
 *
 * <p>How far each space's log has been applied is kept in the commit's user data
 * ({@code space id → seq}), written in the same commit as the documents: after a crash the index and
 * its positions are those of the last commit together, and the feed replays from there. Every change
 * is keyed by {@link Fields#UID}, so an event applied twice leaves the same index.
 */
final class SearchIndex implements AutoCloseable {
  private static final String POSITION = "log:";

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Analyzer analyzer;
  private final Map<String, Long> applied = new HashMap<>();
  private boolean dirty;

  private SearchIndex(Directory directory, IndexWriter writer, Analyzer analyzer) throws IOException {
    this.directory = directory;
    this.writer = writer;
    this.analyzer = analyzer;
    this.searchers = new SearcherManager(writer, null);
    Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
    if (data != null) {
      for (Map.Entry<String, String> e : data) {
        if (e.getKey().startsWith(POSITION)) applied.put(e.getKey().substring(POSITION.length()), Long.parseLong(e.getValue()));
      }
    }
  }

  /** Opens (or creates) the index in {@code dir}; {@code fresh} drops whatever was there (a rebuild). */
  static SearchIndex open(Path dir, boolean fresh) throws IOException {
    Analyzer analyzer = Analyzers.perField();
    Directory directory = FSDirectory.open(dir);
    IndexWriterConfig config = new IndexWriterConfig(analyzer)
        .setOpenMode(fresh ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setRAMBufferSizeMB(32);
    try {
      return new SearchIndex(directory, new IndexWriter(directory, config), analyzer);
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /**
   * Empties the directory (under the index's write lock, so never under a running node) and opens a
   * new index there: for a rebuild, and for an index that cannot be read (Lucene would read even a
   * corrupt one before replacing it).
   */
  static SearchIndex openEmptied(Path dir) throws IOException {
    try (Directory d = FSDirectory.open(dir); Lock lock = d.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
      for (String f : d.listAll()) {
        if (!f.equals(IndexWriter.WRITE_LOCK_NAME)) d.deleteFile(f);
      }
    }
    return open(dir, true);
  }

  Analyzer analyzer() {
    return analyzer;
  }

  /** The positions of the last commit (at open) plus whatever was applied since. */
  synchronized Map<String, Long> positions() {
    return Map.copyOf(applied);
  }

  /** These spaces' logs are being applied again from the start (their language changed). */
  synchronized void rewind(java.util.Set<String> spaces) {
    spaces.forEach(s -> applied.put(s, 0L));
    if (!spaces.isEmpty()) dirty = true;
  }

  /** Applies changes in order, then records that {@code space}'s log is applied up to {@code seq}. */
  void apply(List<IndexChange> changes, Map<String, Long> upTo) throws IOException {
    for (IndexChange c : changes) {
      if (c instanceof IndexChange.Put p) {
        writer.updateDocument(new Term(Fields.UID, Fields.uid(p.doc().kind(), p.doc().id())), document(p.doc()));
      } else if (c instanceof IndexChange.Remove r) {
        writer.deleteDocuments(new Term(Fields.UID, Fields.uid(r.kind(), r.id())));
      }
    }
    synchronized (this) {
      upTo.forEach((space, seq) -> applied.merge(space, seq, Math::max));
      dirty = true;
    }
  }

  /** Makes what was applied visible to searches (near-real-time, without a commit). */
  void refresh() throws IOException {
    searchers.maybeRefreshBlocking();
  }

  /** Makes what was applied durable, with the positions it reaches. */
  void commit() throws IOException {
    Map<String, String> data = new HashMap<>();
    synchronized (this) {
      if (!dirty) return;
      applied.forEach((space, seq) -> data.put(POSITION + space, Long.toString(seq)));
      dirty = false;
    }
    // Everything applied before this point is in the commit; these positions never run ahead of it.
    writer.setLiveCommitData(data.entrySet());
    writer.commit();
  }

  /** The positions as last committed on disk (what a restart would replay from). */
  static Map<String, Long> committedPositions(Path dir) throws IOException {
    try (Directory d = FSDirectory.open(dir)) {
      if (!DirectoryReader.indexExists(d)) return Map.of();
      Map<String, Long> out = new HashMap<>();
      SegmentInfos.readLatestCommit(d).getUserData().forEach((k, v) -> {
        if (k.startsWith(POSITION)) out.put(k.substring(POSITION.length()), Long.parseLong(v));
      });
      return out;
    }
  }

  /** A hit with its stored fields. */
  record Hit(float score, Map<String, String> stored) {}

  /** What a search does with one point-in-time view of the index (the hits and what is derived from them). */
  interface View<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  <T> T withSearcher(View<T> work) throws IOException {
    IndexSearcher searcher = searchers.acquire();
    try {
      return work.apply(searcher);
    } finally {
      searchers.release(searcher);
    }
  }

  List<Hit> search(Query query, int n) throws IOException {
    return withSearcher(searcher -> search(searcher, query, n));
  }

  static List<Hit> search(IndexSearcher searcher, Query query, int n) throws IOException {
    TopDocs top = searcher.search(query, n);
    List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
    var stored = searcher.storedFields();
    for (ScoreDoc sd : top.scoreDocs) {
      Map<String, String> fields = new HashMap<>();
      for (IndexableField f : stored.document(sd.doc)) {
        String v = f.stringValue() != null ? f.stringValue() : String.valueOf(f.numericValue());
        fields.put(f.name(), v);
      }
      hits.add(new Hit(sd.score, fields));
    }
    return hits;
  }

  int count() {
    try {
      IndexSearcher s = searchers.acquire();
      try {
        return s.getIndexReader().numDocs();
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Document document(SearchDoc d) {
    Document doc = new Document();
    doc.add(new StringField(Fields.UID, Fields.uid(d.kind(), d.id()), Field.Store.NO));
    doc.add(new StringField(Fields.KIND, d.kind(), Field.Store.YES));
    doc.add(new StoredField(Fields.ID, d.id()));
    doc.add(new StringField(Fields.SPACE, d.space(), Field.Store.YES));
    doc.add(new StoredField(Fields.LANG, d.language()));
    if (d.author() != null) doc.add(new StringField(Fields.AUTHOR, d.author(), Field.Store.YES));
    long at = d.at().toEpochMilli();
    doc.add(new LongPoint(Fields.AT, at));
    doc.add(new NumericDocValuesField(Fields.AT, at));
    doc.add(new StoredField(Fields.AT, at));
    if (d.title() != null && !d.title().isBlank()) {
      doc.add(new TextField(Fields.title(d.language()), d.title(), Field.Store.YES));
      doc.add(new TextField(Fields.TITLE_EXACT, d.title(), Field.Store.NO));
    }
    if (d.text() != null && !d.text().isBlank()) {
      doc.add(new TextField(Fields.text(d.language()), d.text(), Field.Store.YES));
      doc.add(new TextField(Fields.EXACT, d.text(), Field.Store.NO));
    }
    d.attrs().forEach((k, v) -> {
      if (v == null) return;
      switch (k) {
        // Filtered on at query time, so indexed as terms as well as stored.
        case Fields.STATE, Fields.CREATED_BY -> doc.add(new StringField(k, v, Field.Store.YES));
        default -> doc.add(new StoredField(Fields.ATTR + k, v));
      }
    });
    return doc;
  }

  @Override
  public void close() throws IOException {
    try {
      commit();
      searchers.close();
      writer.close();
    } finally {
      directory.close();
    }
  }
}
