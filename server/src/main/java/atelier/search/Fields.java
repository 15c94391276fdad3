package atelier.search;

/** The names of the index's fields, in one place for the writer, the query builder and the highlighter. */
final class Fields {
  /** {@code kind:id}, the key of every update and deletion (so replaying an event is harmless). */
  static final String UID = "uid";
  static final String KIND = "kind";
  static final String ID = "id";
  static final String SPACE = "space";
  static final String AUTHOR = "author";
  static final String AT = "at";
  static final String LANG = "lang";
  /** Space cards only: what decides who sees them in the directory. */
  static final String STATE = "state";
  static final String CREATED_BY = "createdBy";
  static final String EXACT = "exact";
  static final String TITLE_EXACT = "title.exact";
  /** Prefix of the stored attributes a kind adds for its results (channel, thread…). */
  static final String ATTR = "a.";

  private Fields() {}

  static String text(String lang) {
    return "text." + lang;
  }

  static String title(String lang) {
    return "title." + lang;
  }

  static String highlight(String lang) {
    return "hl." + lang;
  }

  static String uid(String kind, String id) {
    return kind + ":" + id;
  }
}
