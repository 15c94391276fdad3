package atelier.store;

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
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the embedded store writes documents into its file: as BSON, the format they arrived in on the
 * wire. H2's default ({@link ObjectDataType}) Java-serialises each document every time its page is
 * written — the largest single cost of a persisted message in the profile. A BSON value starts with
 * {@link #TAG}, a byte {@link ObjectDataType} never writes first, so documents written by the default
 * type (files of earlier versions) are still read, by the default type.
 */
final class BsonDocumentType extends BasicDataType<Document> {
  static final BsonDocumentType INSTANCE = new BsonDocumentType();
  private static final byte TAG = (byte) 0xF0;
  private final ObjectDataType legacy = new ObjectDataType();

  private BsonDocumentType() {}

  @Override
  public void write(WriteBuffer buff, Document doc) {
    ByteBuf bson = Unpooled.buffer(256);
    try {
      BsonEncoder.encodeDocument(doc, bson);
      buff.put(TAG).putVarInt(bson.readableBytes()).put(bson.nioBuffer());
    } catch (RuntimeException notEncodable) {
      // Every stored value came from, or goes back to, the wire; should one not, keep it all the same.
      legacy.write(buff, doc);
    } finally {
      bson.release();
    }
  }

  @Override
  public Document read(ByteBuffer buff) {
    if (buff.get(buff.position()) != TAG) return (Document) legacy.read(buff);
    buff.get();
    int length = DataUtils.readVarInt(buff);
    ByteBuffer slice = buff.slice();
    slice.limit(length);
    buff.position(buff.position() + length);
    return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(slice));
  }

  /** H2 sizes its page cache and splits pages by this estimate; close to the BSON size is enough. */
  @Override
  public int getMemory(Document doc) {
    return 48 + estimate(doc);
  }

  private static int estimate(Object value) {
    if (value instanceof String s) return 24 + 2 * s.length();
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
