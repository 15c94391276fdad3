package atelier.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs against one real node, started before its tests and stopped after them
 * ({@link NodeExtension}). Its static fields of type {@link TestNode}, {@link World} and {@link Api}
 * are set before any {@code @BeforeAll} of the class runs; a static {@link MutableClock} field the
 * class initialises is the node's clock (tests that drive dates). {@code config}: overrides as
 * {@code "key=value"} (e.g. {@code "auth.loginMaxFailures=3"}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NodeExtension.class)
public @interface NodeTest {
  String[] config() default {};
}
