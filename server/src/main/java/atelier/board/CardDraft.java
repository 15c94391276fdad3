package atelier.board;

import java.util.List;

/** A new card as asked ({@code POST …/cards}); lists may be null (empty). */
public record CardDraft(String column, String swimlane, String title, String description, List<String> assignees,
    List<String> labels, String due, List<String> blockedBy, List<Card.Link> links, String message) {}
