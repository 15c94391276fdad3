package atelier.docs;

import atelier.docs.ot.TextOperation;

/**
 * The operation turning one text into another: keep the common start and end, replace the middle.
 * Enough for restoring a version (one operation that others see live), never for showing a diff.
 */
final class TextDiff {
  private TextDiff() {}

  static TextOperation between(String from, String to) {
    int start = 0;
    int max = Math.min(from.length(), to.length());
    while (start < max && from.charAt(start) == to.charAt(start)) start++;
    // never split a surrogate pair
    if (start > 0 && Character.isHighSurrogate(from.charAt(start - 1))) start--;
    int end = 0;
    while (end < max - start && from.charAt(from.length() - 1 - end) == to.charAt(to.length() - 1 - end)) end++;
    if (end > 0 && Character.isLowSurrogate(from.charAt(from.length() - end))) end--;
    return TextOperation.builder()
        .retain(start)
        .delete(from.length() - start - end)
        .insert(to.substring(start, to.length() - end))
        .retain(end)
        .build();
  }
}
