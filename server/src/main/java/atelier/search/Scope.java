package atelier.search;

import java.util.List;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * What one caller may find, from their memberships as the store has them at the moment of the search
 * (never a cache, so leaving a space hides it at once): the content of the spaces they belong to (any
 * role, dormant spaces included), the cards of active and dormant spaces and of groups approved
 * before their start date, and the cards of proposed
 * or declined spaces they created or belong to — the directory's own rule. Administrators read all.
 */
record Scope(String user, boolean admin, Set<String> spaces) {

  Query filter() {
    if (admin) return new MatchAllDocsQuery();
    Query mine = new TermInSetQuery(Fields.SPACE, spaces.stream().map(BytesRef::new).toList());
    Query card = new TermQuery(new Term(Fields.KIND, SpaceKind.KIND));
    Query content = new BooleanQuery.Builder()
        .add(mine, BooleanClause.Occur.FILTER)
        .add(card, BooleanClause.Occur.MUST_NOT)
        .build();
    Query visibleCard = new BooleanQuery.Builder()
        .add(card, BooleanClause.Occur.FILTER)
        .add(new BooleanQuery.Builder()
            .add(new TermInSetQuery(Fields.STATE, List.of(new BytesRef("active"), new BytesRef("dormant"),
                new BytesRef(IndexedSpace.APPROVED))), BooleanClause.Occur.SHOULD)
            .add(mine, BooleanClause.Occur.SHOULD)
            .add(new TermQuery(new Term(Fields.CREATED_BY, user)), BooleanClause.Occur.SHOULD)
            .build(), BooleanClause.Occur.FILTER)
        .build();
    return new BooleanQuery.Builder()
        .add(content, BooleanClause.Occur.SHOULD)
        .add(visibleCard, BooleanClause.Occur.SHOULD)
        .setMinimumNumberShouldMatch(1)
        .build();
  }
}
