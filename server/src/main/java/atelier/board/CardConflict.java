package atelier.board;

/** A PATCH made over an older version of a card: 409 {@code conflict}, with the card as it is now. */
public final class CardConflict extends RuntimeException {
  private final Card current;

  CardConflict(Card current) {
    super("card " + current.id() + " is at version " + current.version(), null, false, false);
    this.current = current;
  }

  public Card current() {
    return current;
  }
}
