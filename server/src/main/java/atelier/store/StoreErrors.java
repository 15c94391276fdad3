package atelier.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;

/** Recognises store failures by the driver's error category, never by message text. */
public final class StoreErrors {
  private StoreErrors() {}

  public static boolean isDuplicateKey(Throwable e) {
    return e instanceof MongoServerException m && ErrorCategory.fromErrorCode(m.getCode()) == ErrorCategory.DUPLICATE_KEY;
  }
}
