package atelier.board;

import java.util.List;
import java.util.Optional;

/**
 * A PATCH of a card, made over {@code version}. A null field is left as it is; for the optional
 * ones ({@code due}, {@code swimlane}) an empty Optional clears the field.
 */
public record CardChanges(long version, String title, String description, List<String> assignees, List<String> labels,
    Optional<String> due, Optional<String> swimlane, List<Card.ChecklistItem> checklist, List<String> blockedBy,
    List<Card.Link> links) {}
