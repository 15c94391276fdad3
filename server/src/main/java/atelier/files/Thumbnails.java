package atelier.files;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Previews of images and of a PDF's first page: at most {@link #EDGE} pixels on their longer side, as
 * PNG, stored as a blob of their own. Decoding, rendering (PDFBox) and scaling run on a worker thread;
 * files over {@link #MAX_SOURCE_BYTES} (or that cannot be decoded) get none and are shown by their icon.
 */
final class Thumbnails {
  static final int EDGE = 320;
  static final long MAX_SOURCE_BYTES = 20L * 1024 * 1024;
  /** A decoded image costs 4 bytes a pixel: a small file can announce a huge picture (a decompression bomb). */
  static final long MAX_PIXELS = 40_000_000L;
  private static final Set<String> DECODABLE = Set.of("image/png", "image/jpeg", "image/gif", "image/bmp");
  static final String PDF = "application/pdf";

  private final Vertx vertx;
  private final BlobStore blobs;

  Thumbnails(Vertx vertx, BlobStore blobs) {
    this.vertx = vertx;
    this.blobs = blobs;
  }

  /** The key of a new thumbnail blob, or empty when the file has none. */
  Future<Optional<String>> make(String key, String type, long size) {
    boolean pdf = PDF.equals(type);
    if (!(pdf || DECODABLE.contains(type)) || size > MAX_SOURCE_BYTES) return Future.succeededFuture(Optional.empty());
    BufferStreams.Sink sink = new BufferStreams.Sink();
    return blobs.read(key, 0, size, sink)
        .compose(v -> vertx.executeBlocking(() -> pdf ? firstPage(sink.data.getBytes()) : scale(sink.data.getBytes()), false))
        .compose(png -> png.isEmpty() ? Future.succeededFuture(Optional.<String>empty())
            : blobs.put(BufferStreams.reading(Buffer.buffer(png.get()))).map(Optional::of))
        .otherwise(Optional.empty());
  }

  /**
   * The first page of a PDF, rendered straight at the preview's size (the scale is taken from the
   * page's box, so a huge page never becomes a huge bitmap). Damaged or encrypted files have none.
   */
  static Optional<byte[]> firstPage(byte[] source) {
    try (PDDocument doc = Loader.loadPDF(source)) {
      if (doc.getNumberOfPages() == 0) return Optional.empty();
      PDRectangle box = doc.getPage(0).getCropBox();
      float longer = Math.max(box.getWidth(), box.getHeight());
      if (!(longer > 0)) return Optional.empty();
      BufferedImage page = new PDFRenderer(doc).renderImage(0, EDGE / longer, ImageType.RGB);
      return Optional.of(png(page));
    } catch (java.io.IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static byte[] png(BufferedImage image) throws java.io.IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(image, "png", bytes);
    return bytes.toByteArray();
  }

  static Optional<byte[]> scale(byte[] source) throws java.io.IOException {
    try (var in = ImageIO.createImageInputStream(new ByteArrayInputStream(source))) {
      var readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) return Optional.empty();
      var reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels <= 0 || pixels > MAX_PIXELS) return Optional.empty();
        BufferedImage image = reader.read(0);
        double k = Math.min(1.0, (double) EDGE / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * k));
        int h = Math.max(1, (int) Math.round(image.getHeight() * k));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return Optional.of(png(out));
      } finally {
        reader.dispose();
      }
    }
  }
}
