package atelier.store;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * How the embedded store writes documents into its file: as BSON, the format they arrived in on the
 * wire. H2's default ({@code ObjectDataType}) Java-serialises each document every time its page is
 * written — the largest single cost of a persisted message in the profile.
 */
final class BsonDocumentType extends BasicDataType<Document> {
  static final BsonDocumentType INSTANCE = new BsonDocumentType();

  private BsonDocumentType() {}

  @Override
  public void write(WriteBuffer buff, Document doc) {
    ByteBuf bson = Unpooled.buffer(256);
    try {
      BsonEncoder.encodeDocument(doc, bson);
      buff.putVarInt(bson.readableBytes()).put(bson.nioBuffer());
    } finally {
      bson.release();
    }
  }

  @Override
  public Document read(ByteBuffer buff) {
    int length = DataUtils.readVarInt(buff);
    ByteBuffer slice = buff.slice();
    slice.limit(length);
    buff.position(buff.position() + length);
    return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(slice));
  }

  /**
   * H2 sizes its page cache and splits pages by this estimate; close to the BSON size is enough. Binary
   * values count their bytes: counted as 16, forty 255 KiB file chunks fitted in one "4 KiB" page, which
   * a read then decoded whole (a 100 MiB download ran out of a 128 MiB heap), and the 64 MB cache held
   * many times its size.
   */
  @Override
  public int getMemory(Document doc) {
    return 48 + estimate(doc);
  }

  private static int estimate(Object value) {
    if (value instanceof String s) return 24 + 2 * s.length();
    if (value instanceof BinData b) return 32 + b.getData().length;
    if (value instanceof byte[] b) return 16 + b.length;
    if (value instanceof Map<?, ?> m) {
      int n = 32;
      for (Map.Entry<?, ?> e : m.entrySet()) n += 32 + 2 * String.valueOf(e.getKey()).length() + estimate(e.getValue());
      return n;
    }
    if (value instanceof Collection<?> c) {
      int n = 32;
      for (Object o : c) n += 8 + estimate(o);
      return n;
    }
    return 16;
  }

  @Override
  public Document[] createStorage(int size) {
    return new Document[size];
  }
}
