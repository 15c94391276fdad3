package atelier.bag;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The parts every space archive is made of, registered by the features at start (chat, files, the
 * event log; documents and boards add theirs the same way). Exported in name order, so the order of
 * registration never changes a bag's bytes; restored by {@link ArchivePart#restoreOrder}, then name.
 */
public final class ArchiveParts {
  private final List<ArchivePart> parts = new CopyOnWriteArrayList<>();

  public void add(ArchivePart part) {
    if (parts.stream().anyMatch(p -> p.name().equals(part.name()))) throw new IllegalStateException("archive part " + part.name() + " twice");
    parts.add(part);
  }

  public List<ArchivePart> forExport() {
    return parts.stream().sorted(Comparator.comparing(ArchivePart::name)).toList();
  }

  public List<ArchivePart> forRestore() {
    return parts.stream().sorted(Comparator.comparingInt(ArchivePart::restoreOrder).thenComparing(ArchivePart::name)).toList();
  }
}
