package atelier.search;

/** What an event does to the index: put a findable thing (replacing any earlier version) or take it out. */
public sealed interface IndexChange {
  record Put(SearchDoc doc) implements IndexChange {}

  record Remove(String kind, String id) implements IndexChange {}
}
